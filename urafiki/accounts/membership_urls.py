"""The "My offices" pages, mounted at /account/offices/ (namespace "offices")."""

from django.urls import path

from . import membership_views

app_name = "offices"
urlpatterns = [
    path("", membership_views.offices, name="list"),
    path("<int:pk>/leave/", membership_views.office_leave, name="leave"),
]
