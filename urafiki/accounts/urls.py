from django.urls import path

from . import membership_views, views

app_name = "accounts"
urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("api-tokens/", views.api_tokens, name="api_tokens"),
    path("api-tokens/<int:pk>/revoke/", views.api_token_revoke_view, name="api_token_revoke"),
    # "My organisations", beside "My offices" (membership_urls); the same services, in memberships.py.
    path("organisations/", membership_views.organisations, name="organisations"),
    path("organisations/join/", membership_views.organisation_join, name="organisation_join"),
    path("organisations/propose/", membership_views.organisation_propose_view, name="organisation_propose"),
    path("organisations/<int:pk>/leave/", membership_views.organisation_leave, name="organisation_leave"),
]
