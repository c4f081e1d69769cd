from django.contrib import admin
from django.urls import include, path

from config.api import api
from urafiki.places import views as place_views

urlpatterns = [
    path("", place_views.home, name="home"),
    path("", include("urafiki.partners.urls")),
    path("", include("urafiki.places.urls")),
    path("", include("urafiki.partnerships.urls")),
    path("", include("urafiki.newsroom.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("account/offices/", include("urafiki.accounts.membership_urls")),
    path("account/", include("urafiki.accounts.urls")),
    path("api/", api.urls),
]
