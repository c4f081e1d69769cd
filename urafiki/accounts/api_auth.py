"""Who is asking the API: an API token, else the signed-in session, else an anonymous reader.

- `Authorization: Bearer urafiki_…`: the token's user. A wrong, revoked or malformed token is refused
  with 401, never treated as anonymous: a script with a bad token must fail loudly, not read less.
- No Authorization header: the session's user (Django's session cookie, as ninja's `django_auth`). A
  browser sends the cookie on its own, even to a request another site forged, so writes through the
  session must carry the CSRF token (the X-CSRFToken header with the csrftoken cookie's value); ninja's
  SessionAuth checks CSRF on every request, anonymous ones included, which would answer an anonymous
  write with 403 instead of 401, so the check is made here, on the writes of signed-in sessions only.
- Neither: anonymous, for reads (GET, HEAD, OPTIONS) only; writes get 401.

The error shape is config/api.py's, for 401 as for every other status.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer
from ninja.utils import check_csrf

from .services import api_token_use

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class ApiAuth(HttpBearer):
    """ninja auth for routers whose reads are public and whose writes need a user (token or session).

    Returns the user (request.auth), sets request.user to it; raises AuthenticationError (401) or
    PermissionDenied (403, a session write without its CSRF token).
    """

    def __call__(self, request: HttpRequest):
        header = request.headers.get("Authorization", "")
        if header:
            return self._token_user(request, header)
        user = request.user
        if user.is_authenticated:
            if request.method not in SAFE_METHODS and check_csrf(request) is not None:
                raise PermissionDenied(
                    _("CSRF check failed: a write through a signed-in session needs the X-CSRFToken header "
                      "with the value of the csrftoken cookie. Programs should use an API token instead.")
                )
            return user
        if request.method in SAFE_METHODS:
            return user  # AnonymousUser: sees what the public sees
        raise AuthenticationError(
            message=_("Sign in, or send an API token (Authorization: Bearer urafiki_…), to change anything.")
        )

    def _token_user(self, request: HttpRequest, header: str):
        scheme, _space, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise AuthenticationError(message=_("Send the API token as: Authorization: Bearer urafiki_…"))
        return self.authenticate(request, secret.strip())

    def authenticate(self, request: HttpRequest, token: str):
        api_token = api_token_use(secret=token)
        if api_token is None:
            raise AuthenticationError(message=_("This API token is wrong or has been revoked."))
        request.user = api_token.user
        return api_token.user


api_auth = ApiAuth()
