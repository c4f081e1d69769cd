"""The account pages of a signed-in person: their profile and their API tokens."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import ApiToken
from .services import api_token_create, api_token_revoke, user_profile_update


@login_required
def profile(request):
    """The name others see and the language of the site and of the e-mails."""
    errors: dict[str, list[str]] = {}
    values = {"display_name": request.user.display_name, "language": request.user.language}
    if request.method == "POST":
        values = {"display_name": request.POST.get("display_name", ""), "language": request.POST.get("language", "")}
        try:
            user_profile_update(user=request.user, **values)
        except ValidationError as error:
            errors = error.message_dict
        else:
            messages.success(request, _("Your profile is saved."))
            response = redirect("accounts:profile")
            # The pages follow the chosen language at once, as the language switch does.
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, request.user.language,
                                max_age=settings.LANGUAGE_COOKIE_AGE, samesite="Lax")
            return response
    context = {"values": values, "errors": errors, "language_choices": settings.LANGUAGES}
    return render(request, "accounts/profile.html", context, status=400 if errors else 200)


@login_required
def api_tokens(request):
    """List the person's tokens; POST creates one and shows its secret, this once."""
    errors: dict[str, list[str]] = {}
    created, secret = None, ""
    name = ""
    if request.method == "POST":
        name = request.POST.get("name", "")
        try:
            created, secret = api_token_create(user=request.user, name=name)
        except ValidationError as error:
            errors = error.message_dict
        else:
            name = ""
    context = {
        "tokens": request.user.api_tokens.all(),
        "created": created,
        "secret": secret,
        "name": name,
        "errors": errors,
    }
    # No redirect after a successful POST: the secret exists only in this response. It must not be cached.
    response = render(request, "accounts/api_tokens.html", context, status=400 if errors else 200)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def api_token_revoke_view(request, pk: int):
    token = ApiToken.objects.filter(user=request.user, pk=pk).first()
    if token is None:  # the same answer for a token that is missing and one that is someone else's
        raise Http404(_("You have no API token with id {id}.").format(id=pk))
    api_token_revoke(token=token)
    messages.success(request, _("The token “{name}” is revoked: it no longer works.").format(name=token.name))
    return redirect("accounts:api_tokens")
