"""The "My offices" page: a person's memberships in government offices, asking to join one, leaving one.

Each view parses the input, resolves ids through access_membership, calls one service and renders; the
services' ValidationErrors become errors next to the fields, in the reader's language.
"""

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from urafiki.places.models import Place
from urafiki.places.search import PlaceFilters, places_search

from .memberships import access_membership, membership_leave, membership_request, memberships_of_user
from .models import Membership

# Offices offered when a typed name matches several; more than this asks for a longer name.
CANDIDATES_SHOWN = 12


class MembershipRequestForm(forms.Form):
    place = forms.CharField(
        label=gettext_lazy("Government office"), max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "words"}),
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Your role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER,
        widget=forms.RadioSelect,
    )


@dataclass(frozen=True)
class OfficeChoice:
    """What a typed office name resolved to: one place, or several to choose from (`count` in all)."""

    place: Place | None = None
    candidates: list[Place] = field(default_factory=list)
    count: int = 0


def office_resolve(text: str) -> OfficeChoice:
    """A code (KE-14) names one place; a name goes through the registry's search.

    Countries are left out of a list of several (they are not offices); when only a country matches it is
    returned, so that membership_request says why it cannot be joined. Raises ValidationError keyed "place"
    when nothing matches.
    """
    text = text.strip()
    by_code = Place.objects.filter(code__iexact=text).first()
    if by_code is not None:
        return OfficeChoice(place=by_code)
    result = places_search(filters=PlaceFilters(q=text, limit=CANDIDATES_SHOWN))
    offices = [place for place in result.items if not place.is_country] or result.items
    if not offices:
        raise ValidationError(
            {"place": _("No government office matches “{name}”. Check the spelling, try the name in another "
                        "language, or type the office's code, such as KE-14.").format(name=text)}
        )
    if len(offices) == 1 and result.count == len(result.items):  # nothing else matched, even further down
        return OfficeChoice(place=offices[0])
    return OfficeChoice(candidates=offices, count=result.count)


@login_required
def offices(request):
    form = MembershipRequestForm(request.POST or None)
    choice = OfficeChoice()
    if request.method == "POST" and form.is_valid():
        try:
            choice = office_resolve(form.cleaned_data["place"])
            if choice.place is not None:
                membership = membership_request(
                    user=request.user, place=choice.place, role=form.cleaned_data["role"]
                )
                messages.success(
                    request,
                    _("You asked to join {office} as {role}. Urafiki staff will check that you work there.").format(
                        office=membership.place.name, role=membership.get_role_display()
                    ),
                )
                return redirect("offices:list")
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:  # the form sits below the list: take the reader to what needs fixing
        form.fields["place"].widget.attrs["autofocus"] = True
    context = {
        "memberships": memberships_of_user(user=request.user),
        "form": form,
        "candidates": choice.candidates,
        "candidates_more": choice.count > len(choice.candidates),
        "email_confirmed": EmailAddress.objects.filter(user=request.user, verified=True).exists(),
    }
    return render(request, "accounts/offices.html", context)


@login_required
@require_POST
def office_leave(request, pk):
    membership = access_membership(request.user, pk)
    membership_leave(user=request.user, membership=membership)
    messages.success(request, _("You have left {office}.").format(office=membership.place.name))
    return redirect("offices:list")
