from django.urls import path

from . import views

app_name = "newsroom"
urlpatterns = [
    path("newsroom/", views.newsroom, name="home"),
    path("newsroom/queue/", views.review_queue, name="queue"),
    path("newsroom/articles/<int:pk>/", views.article_detail, name="article"),
    path("newsroom/articles/<int:pk>/add/", views.draft_add, name="add"),
    path("newsroom/drafts/<int:pk>/", views.draft_review, name="draft"),
    path("newsroom/drafts/<int:pk>/reject/", views.draft_reject, name="reject"),
]
