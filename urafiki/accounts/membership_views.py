"""The "My offices" and "My organisations" pages: a person's memberships, asking to join, leaving.

Each view parses the input, resolves ids through access_membership / access_organisation_membership, calls
one service and renders; the services' ValidationErrors become errors next to the fields, in the reader's
language. The organisations page answers 400 when a form is refused, with the reasons on the page.
"""

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from urafiki.places.models import Place
from urafiki.places.search import PlaceFilters, places_search
from urafiki.places.selectors import place_from_text, place_not_found_message

from .memberships import (
    access_membership,
    access_organisation_membership,
    countries_of_registry,
    membership_leave,
    membership_request,
    memberships_of_user,
    organisation_membership_request,
    organisation_memberships_of_user,
    organisation_propose,
    organisations_matching,
)
from .models import Membership, Organisation

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


# ------------------------------------------------------------------------------------------- organisations


def _role_field():
    return forms.ChoiceField(
        label=gettext_lazy("Your role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER,
        widget=forms.RadioSelect,
    )


def _country_choices(countries: list[Place], *, blank: str) -> list[tuple[str, str]]:
    return [("", blank), *((country.code, country.name) for country in countries)]


class OrganisationJoinForm(forms.Form):
    """Find an organisation by name (in a country, if chosen); `organisation` is the one picked from a list."""

    name = forms.CharField(
        label=gettext_lazy("Organisation"), max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)
    role = _role_field()
    organisation = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, countries: list[Place], **kwargs):
        super().__init__(*args, prefix="join", **kwargs)
        self.fields["country"].choices = _country_choices(countries, blank=_("Any country"))


class OrganisationProposeForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Organisation.Kind.choices)
    country = forms.ChoiceField(label=gettext_lazy("Country"))
    place = forms.CharField(
        label=gettext_lazy("Seat (optional)"), max_length=200, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "data-place-picker": ""}),
    )
    # Text, not a URLField: organisation_propose checks it and says how to write it, for every interface.
    website = forms.CharField(label=gettext_lazy("Website (optional)"), max_length=200, required=False)
    description = forms.CharField(
        label=gettext_lazy("Description (optional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    role = _role_field()

    def __init__(self, *args, countries: list[Place], **kwargs):
        super().__init__(*args, prefix="propose", **kwargs)
        self.fields["country"].choices = _country_choices(countries, blank=_("Choose a country"))

    def clean_place(self) -> Place | None:
        text = self.cleaned_data["place"].strip()
        if not text:
            return None
        place, candidates = place_from_text(text)
        if place is None:
            raise ValidationError(place_not_found_message(text, candidates))
        return place


@dataclass(frozen=True)
class OrganisationChoice:
    """What a typed organisation name resolved to: one organisation, or several to choose from."""

    organisation: Organisation | None = None
    candidates: list[Organisation] = field(default_factory=list)
    count: int = 0


def organisation_resolve(*, name: str, country: str, picked: int | None) -> OrganisationChoice:
    """The organisation picked from a list (by id), the one whose whole name was typed, or the candidates.

    Raises ValidationError keyed "name" when nothing matches.
    """
    matching = organisations_matching(name=name, country=country)
    if picked is not None:
        organisation = Organisation.objects.filter(pk=picked).first()
        if organisation is not None:
            return OrganisationChoice(organisation=organisation)
    exact = list(matching.filter(name__iexact=" ".join(name.split()))[:2])
    if len(exact) == 1:
        return OrganisationChoice(organisation=exact[0])
    candidates = list(matching[:CANDIDATES_SHOWN])
    if not candidates:
        raise ValidationError(
            {"name": _("No organisation matches “{name}”. Check the spelling, choose another country, or "
                       "propose it below.").format(name=" ".join(name.split()))}
        )
    if len(candidates) == 1:
        return OrganisationChoice(organisation=candidates[0])
    return OrganisationChoice(candidates=candidates, count=matching.count())


def _organisations_page(request, *, join_form, propose_form, countries, choice=OrganisationChoice()):
    refused = join_form.errors or propose_form.errors
    memberships = list(organisation_memberships_of_user(user=request.user))
    # The country's name in the reader's language, from the list the forms read already (no query per row).
    by_code = {country.code: country for country in countries}
    for organisation in [membership.organisation for membership in memberships] + choice.candidates:
        organisation.country_place = by_code.get(organisation.country)
    context = {
        "memberships": memberships,
        "join_form": join_form,
        "propose_form": propose_form,
        "candidates": choice.candidates,
        "candidates_more": choice.count > len(choice.candidates),
    }
    return render(request, "accounts/organisations.html", context, status=400 if refused else 200)


@login_required
def organisations(request):
    countries = countries_of_registry()
    return _organisations_page(
        request, join_form=OrganisationJoinForm(countries=countries),
        propose_form=OrganisationProposeForm(countries=countries), countries=countries,
    )


@login_required
@require_POST
def organisation_join(request):
    countries = countries_of_registry()
    form = OrganisationJoinForm(request.POST, countries=countries)
    choice = OrganisationChoice()
    if form.is_valid():
        try:
            choice = organisation_resolve(
                name=form.cleaned_data["name"], country=form.cleaned_data["country"],
                picked=form.cleaned_data["organisation"],
            )
            if choice.organisation is not None:
                membership = organisation_membership_request(
                    user=request.user, organisation=choice.organisation, role=form.cleaned_data["role"]
                )
                messages.success(request, _(
                    "You asked to join {organisation} as {role}. Urafiki staff will check that you work there."
                ).format(organisation=membership.organisation.name, role=membership.get_role_display()))
                return redirect("accounts:organisations")
        except ValidationError as error:
            # "organisation" (already asked) is about what was typed in the name box: shown there.
            form.add_error(None, ValidationError(
                {"name" if key == "organisation" else key: messages_ for key, messages_ in error.message_dict.items()}
            ))
    return _organisations_page(
        request, join_form=form, propose_form=OrganisationProposeForm(countries=countries), countries=countries,
        choice=choice,
    )


@login_required
@require_POST
def organisation_propose_view(request):
    countries = countries_of_registry()
    form = OrganisationProposeForm(request.POST, countries=countries)
    if form.is_valid():
        try:
            organisation = organisation_propose(by_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _(
                "You proposed {organisation} and asked to join it as {role}. Urafiki staff will check both."
            ).format(organisation=organisation.name, role=Membership.Role(form.cleaned_data["role"]).label))
            return redirect(reverse("accounts:organisations"))
    return _organisations_page(
        request, join_form=OrganisationJoinForm(countries=countries), propose_form=form, countries=countries
    )


@login_required
@require_POST
def organisation_leave(request, pk):
    membership = access_organisation_membership(request.user, pk)
    membership_leave(user=request.user, membership=membership)
    messages.success(request, _("You have left {office}.").format(office=membership.organisation.name))
    return redirect("accounts:organisations")
