from django.urls import path

from . import views

app_name = "partners"
urlpatterns = [
    # Before places.urls in config/urls.py: "places/compare/" would otherwise be read as a place's code.
    path("places/compare/", views.places_compare, name="compare"),
    path("places/<str:code>/partners/", views.partner_finder, name="finder"),
    path("places/<str:code>/briefs/", views.brief_list, name="brief_list"),
    path("places/<str:code>/briefs/new/", views.brief_create, name="brief_create"),
    path("briefs/<int:pk>/", views.brief_detail, name="brief_detail"),
    path("briefs/<int:pk>/interest/", views.interest_create, name="interest_create"),
    path("briefs/<int:pk>/close/", views.brief_close, name="brief_close"),
    path("briefs/<int:pk>/interests/<int:interest_pk>/partnership/", views.interest_convert,
         name="interest_convert"),
]
