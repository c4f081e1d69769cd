"""Pages of the partner finder: "Find partners" of a place (with its HTMX fragment), two places side by side,
and the partner-seeking briefs (an office's list, a brief, posting one, answering one, turning an answer into
a partnership).

Each view: parse, check access (permissions.py), call one service or selector, render. Bad parameters give
the page again with the messages and status 400, never a 500; refused writes change nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urafiki.accounts.memberships import office_ids
from urafiki.partnerships.forms import apply_errors
from urafiki.places.models import Place, PlaceKind
from urafiki.places.selectors import country_choices

from . import services
from .forms import BriefForm, InterestForm, kind_choices, level_choices
from .permissions import (
    access_brief,
    access_interest,
    interests_visible_to,
    is_brief_owner,
    may_act_for,
)
from .ranking import DEFAULT_WEIGHTS, FACTORS, partner_fit, partner_suggestions
from .selectors import (
    brief_detail_queryset,
    brief_fit_reasons,
    briefs_fitting_place,
    briefs_of_office,
    default_target_country,
    places_compare_parse,
    places_fitting_brief,
    places_side_by_side,
    ranking_query_parse,
)

MAX_LIMIT = 50


def _place_or_404(code: str) -> Place:
    place = Place.objects.select_related("parent__parent").filter(code=code.upper()[:20]).first()
    if place is None:
        raise Http404(_("There is no place with the code {code}.").format(code=code[:20]))
    return place


def _is_htmx(request) -> bool:
    # A history restore asks for the whole page, not the fragment.
    return request.headers.get("HX-Request") == "true" and "HX-History-Restore-Request" not in request.headers


def _limit(params, errors: dict) -> int:
    raw = (params.get("limit") or "").strip()
    if not raw:
        return 10
    if raw.isdigit() and 1 <= int(raw) <= MAX_LIMIT:
        return int(raw)
    errors["limit"] = _("Must be between {low} and {high}.").format(low=1, high=MAX_LIMIT)
    return 10


def factor_labels() -> dict[str, str]:
    return {"products": _("Product complementarity"), "sectors": _("Sector alignment"),
            "structure": _("Structural fit"), "ties": _("Existing ties")}


def _slider_values(params) -> dict[str, str]:
    """What the sliders show: what was asked, when it is a number from 0 to 100, else the default."""
    values = {}
    for name in FACTORS:
        raw = (params.get(f"w_{name}") or "").strip()
        try:
            number = float(raw)
        except ValueError:
            number = -1
        values[name] = raw if 0 <= number <= 100 else str(round(DEFAULT_WEIGHTS[name] * 100))
    return values


def partner_finder(request, code: str):
    place = _place_or_404(code)
    if place.is_country:
        raise Http404(_("Partners are found for counties, provinces and cities, not for countries."))
    target, weights, errors = ranking_query_parse(request.GET, place=place)
    limit_errors: dict[str, str] = {}
    limit = _limit(request.GET, limit_errors)
    errors.update({key: [message] for key, message in limit_errors.items()})

    ranking = None
    if not errors:
        try:
            ranking = partner_suggestions(place, target=target, weights=weights, limit=limit)
        except ValidationError as error:
            errors.update(error.message_dict)
    context = {
        "place": place,
        "ranking": ranking,
        "errors": errors,
        "labels": factor_labels(),
        "query": request.GET.urlencode(),
    }
    status = 400 if errors else 200
    if _is_htmx(request):
        response = render(request, "partners/finder.html#ranking", context, status=status)
    else:
        context.update({
            "form": {
                "country": (request.GET.get("country") or default_target_country(place)).upper()[:20],
                "admin_level": request.GET.get("admin_level") or "1",
                "kind": request.GET.get("kind") or "",
                "limit": request.GET.get("limit") or "",
            },
            "sliders": [(name, factor_labels()[name], value) for name, value in _slider_values(request.GET).items()],
            "countries": country_choices(),
            "levels": level_choices(),
            "kinds": kind_choices(),
            "briefs": briefs_fitting_place(place=place),
            "may_act": may_act_for(request.user, place),
        })
        response = render(request, "partners/finder.html", context, status=status)
    patch_vary_headers(response, ["HX-Request"])  # the fragment and the page share the address
    return response


def places_compare(request):
    errors: dict[str, list[str]] = {}
    comparison = candidate = None
    if request.GET:
        try:
            a, b = places_compare_parse(request.GET)
        except ValidationError as error:
            errors = error.message_dict
        else:
            comparison = places_side_by_side(user=request.user, a=a, b=b)
            candidate = _candidate_between(a, b)
    context = {
        "comparison": comparison,
        "candidate": candidate,
        "errors": errors,
        "labels": factor_labels(),
        "a": (request.GET.get("a") or "")[:20],
        "b": (request.GET.get("b") or "")[:20],
    }
    return render(request, "partners/compare.html", context, status=400 if errors else 200)


def _candidate_between(a: Place, b: Place):
    """The partner finder's figures for b as a partner of a, as its line in a ranking (None: not comparable)."""
    try:
        return partner_fit(a, b)
    except ValidationError:
        return None


def brief_list(request, code: str):
    office = _place_or_404(code)
    if office.is_country:
        raise Http404(_("Briefs are posted by counties, provinces and cities, not by countries."))
    context = {
        "office": office,
        "briefs": briefs_of_office(user=request.user, office=office),
        "may_post": may_act_for(request.user, office),
        "today": timezone.localdate(),
    }
    return render(request, "partners/brief_list.html", context)


@login_required
def brief_create(request, code: str):
    office = _place_or_404(code)
    if not may_act_for(request.user, office):
        raise PermissionDenied(_("Only a verified officer of {office} can do this for it.").format(office=office.name))
    initial = {"target_country": default_target_country(office), "target_admin_level": "1"}
    form = BriefForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            brief = services.brief_create(
                office=office, by_user=request.user, title=data["title"], objectives=data["objectives"],
                target_country=data["target_country"], target_admin_level=data["target_admin_level"],
                target_kind=data["target_kind"], expires_on=data["expires_on"], sectors=data["sectors"],
                products=data["products"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The brief was posted. It shows on the pages of the places that fit."))
            return redirect(brief)
    status = 400 if request.method == "POST" else 200
    return render(request, "partners/brief_form.html", {"office": office, "form": form}, status=status)


def brief_detail(request, pk):
    brief = access_brief(request.user, pk)
    brief = brief_detail_queryset().get(pk=brief.pk)
    owner = is_brief_owner(request.user, brief)
    context = {
        "brief": brief,
        "is_owner": owner,
        "is_open": services.brief_is_open(brief),
        "interests": interests_visible_to(request.user, brief),
        "answer_as": places_fitting_brief(brief=brief, offices=_acting_offices(request.user, brief)),
        "target_kind_label": dict(PlaceKind.choices).get(brief.target_kind, ""),
        "target_country": Place.objects.filter(admin_level=0, code=brief.target_country).first(),
    }
    return render(request, "partners/brief_detail.html", context)


def _acting_offices(user, brief) -> set[int]:
    """The offices the user may answer a brief for: those they are a verified officer of."""
    return office_ids(user, officers_only=True) - {brief.office_id}


@login_required
def interest_create(request, pk):
    brief = access_brief(request.user, pk)
    places = places_fitting_brief(brief=brief, offices=_acting_offices(request.user, brief))
    if request.user.is_staff and request.GET.get("place"):  # staff answer for a place named in the address
        named = Place.objects.filter(code=request.GET["place"].upper()[:20]).first()
        if named is not None and brief_fit_reasons(brief=brief, place=named):
            places = [named]
    if not places:
        raise PermissionDenied(_("Only a verified officer of a place that fits this brief can answer it."))
    form = InterestForm(request.POST or None, places=places)
    if request.method == "POST" and form.is_valid():
        try:
            services.brief_interest_express(
                brief=brief, from_place=form.cleaned_data["from_place"], by_user=request.user,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your interest was sent to {office}.").format(office=brief.office.name))
            return redirect(brief)
    status = 400 if request.method == "POST" else 200
    return render(request, "partners/interest_form.html", {"brief": brief, "form": form}, status=status)


@login_required
@require_POST
def interest_convert(request, pk, interest_pk):
    brief = access_brief(request.user, pk, action="manage")
    interest = access_interest(request.user, brief, interest_pk)
    already = interest.partnership_id is not None
    partnership = services.brief_interest_convert(interest=interest, by_user=request.user)
    if already:
        messages.info(request, _("This contact is already an exploring partnership."))
    else:
        messages.success(request, _("The contact is now an exploring partnership."))
    return redirect(partnership)


@login_required
@require_POST
def brief_close(request, pk):
    brief = access_brief(request.user, pk, action="manage")
    services.brief_close(brief=brief, by_user=request.user)
    messages.success(request, _("The brief was closed: it no longer shows to the places that fit."))
    return redirect(brief)
