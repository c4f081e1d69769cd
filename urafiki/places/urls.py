from django.urls import path

from . import views

app_name = "places"
urlpatterns = [
    path("places/", views.place_search, name="search"),
    path("places/<str:code>/", views.place_detail, name="detail"),
    path("map/", views.place_map, name="map"),
    path("map/boundaries/<str:code>.geojson", views.boundaries_geojson, name="boundaries"),
]
