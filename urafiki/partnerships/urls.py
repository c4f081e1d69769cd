from django.urls import path

from . import views

app_name = "partnerships"
urlpatterns = [
    path("partnerships/", views.partnership_list, name="list"),
    path("partnerships/export.<str:fmt>", views.partnership_export, name="export"),
    path("partnerships/new/", views.partnership_create, name="create"),
    path("partnerships/<int:pk>/", views.partnership_detail, name="detail"),
    path("partnerships/<int:pk>/edit/", views.partnership_edit, name="edit"),
    path("partnerships/<int:pk>/stage/", views.stage_change_create, name="stage"),
    path("partnerships/<int:pk>/commitments/new/", views.commitment_create, name="commitment_create"),
    path("partnerships/<int:pk>/commitments/<int:commitment_pk>/status/", views.commitment_status,
         name="commitment_status"),
    path("partnerships/<int:pk>/activities/new/", views.activity_create, name="activity_create"),
    path("partnerships/<int:pk>/documents/new/", views.document_create, name="document_create"),
    path("partnerships/<int:pk>/documents/<int:document_pk>/", views.document_download, name="document"),
]
