"""The API instance: every app's router is mounted here, and one error shape is defined here.

Errors are always JSON: {"detail": "<message>", "errors": {"<field>": ["<message>", ...]}}.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from urafiki.core.errors import ApplicationError
from urafiki.newsroom.api import router as newsroom_router
from urafiki.partners.api import router as partners_router
from urafiki.partnerships.api import router as partnerships_router
from urafiki.places.api import router as places_router

api = NinjaAPI(
    title="Urafiki API",
    version="1",
    description="Open data on the local governments of Africa and China and their cooperation.",
    docs_url="/docs",
    urls_namespace="api",
)
api.add_router("/places", places_router)
api.add_router("/places", partners_router)  # /places/{id}/partner-suggestions: a second router on the prefix
api.add_router("/partnerships", partnerships_router)
api.add_router("/extractions", newsroom_router)


def _detail(errors: dict[str, list[str]]) -> str:
    """One line for people: every field with its messages."""
    return " ".join(f"{field}: {' '.join(messages)}" for field, messages in errors.items())


def _error(request, status: int, detail: str, errors: dict | None = None):
    return api.create_response(request, {"detail": detail, "errors": errors or {}}, status=status)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        errors = {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
        return _error(request, 400, _detail(errors), errors)
    return _error(request, 400, " ".join(exc.messages))


@api.exception_handler(NinjaValidationError)
def on_schema_error(request, exc: NinjaValidationError):
    errors: dict[str, list[str]] = {}
    for item in exc.errors:
        loc = list(item.get("loc", []))
        # ["body", "<parameter>", "title"]: the client sent {"title": ...}, so the key is "title".
        parts = loc[2:] if loc[:1] == ["body"] and len(loc) > 2 else loc[1:]
        field = ".".join(str(part) for part in parts) or "body"
        errors.setdefault(field, []).append(item.get("msg", "invalid"))
    return _error(request, 400, _detail(errors), errors)


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    """ninja's own refusals (401 from authentication, a body that is not JSON …), in the same shape."""
    response = _error(request, exc.status_code, str(exc))
    if exc.status_code == 401:
        response["WWW-Authenticate"] = 'Bearer realm="Urafiki API"'
    return response


@api.exception_handler(ApplicationError)
def on_application_error(request, exc: ApplicationError):
    return _error(request, exc.status, exc.message, exc.extra)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc: PermissionDenied):
    return _error(request, 403, str(exc) or "You do not have permission to do this.")


@api.exception_handler(Http404)
def on_not_found(request, exc: Http404):
    return _error(request, 404, str(exc) or "Not found.")


@api.get("/health", include_in_schema=False)
def health(request):
    """A trivial endpoint: the benchmark's baseline for the cost of a request through the stack."""
    return {"status": "ok"}
