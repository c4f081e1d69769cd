"""Pages of the partnerships: list (with export), detail, and the forms that change them.

Each view: find what the user may see or change (permissions.py), parse the form, call the service,
and on a ValidationError show the form again with the messages and status 400, having changed nothing.
"""

import csv
import json
from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from urafiki.core.caching import anonymous_page_cache
from urafiki.places.selectors import country_choices
from urafiki.taxonomy.models import Sector

from . import services
from .audit import partnership_audit_trail
from .forms import (
    ActivityForm,
    CommitmentForm,
    CommitmentStatusForm,
    DocumentForm,
    PartnershipCreateForm,
    PartnershipEditForm,
    SignatoryFormSet,
    StageChangeForm,
    apply_errors,
    signatories_from,
)
from .health import HealthStatus
from .lifecycle import Stage
from .models import Commitment, Document, PartnershipKind
from .permissions import (
    access_partnership,
    can_edit_partnership,
    check_may_record,
    is_party_member,
    may_record_partnerships,
)
from .selectors import (
    SORTS,
    PartnershipFilters,
    partnership_detail_queryset,
    partnership_filters_parse,
    partnership_health_of,
    partnership_results,
    partnership_timeline,
    partnerships_export_rows,
    partnerships_list,
)

PAGE_SIZE = 20
EXPORT_LIMIT = 50_000
PLACE_FIELDS = {"places": "place_1", "signatories": None}


def _filters_or_errors(request) -> tuple[PartnershipFilters, dict]:
    try:
        return partnership_filters_parse(request.GET), {}
    except ValidationError as error:
        return PartnershipFilters(q=request.GET.get("q", "")[:100]), error.message_dict


@anonymous_page_cache("partnerships-list")
def partnership_list(request):
    filters, errors = _filters_or_errors(request)
    page = None
    if not errors:
        queryset = partnerships_list(user=request.user, filters=filters)
        page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "errors": errors,
        "page": page,
        "query": query.urlencode(),
        "countries": country_choices(),
        "stages": Stage.choices,
        "kinds": PartnershipKind.choices,
        "sectors": Sector.objects.all(),
        "healths": HealthStatus.choices,
        "sorts": _sort_choices(),
        "can_create": may_record_partnerships(request.user),
    }
    return render(request, "partnerships/list.html", context, status=400 if errors else 200)


def _sort_choices() -> list[tuple[str, str]]:
    labels = {"-signed": _("Latest signed first"), "signed": _("Earliest signed first"),
              "-updated": _("Recently updated"), "title": _("Title"),
              "-activity": _("Latest activity first"), "health": _("Needing attention first")}
    return [(key, labels[key]) for key in SORTS]


def partnership_export(request, fmt: str):
    """The filtered list as CSV or JSON, streamed: the same rows the list shows, every page."""
    if fmt not in {"csv", "json"}:
        raise Http404(_("Exports are in CSV or JSON."))
    filters, errors = _filters_or_errors(request)
    if errors:
        return render(request, "partnerships/list.html", {"errors": errors, "filters": filters}, status=400)
    rows = partnerships_export_rows(
        partnerships_list(user=request.user, filters=replace(filters, limit=EXPORT_LIMIT))[:EXPORT_LIMIT]
    )
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        response = StreamingHttpResponse(_csv_lines(rows), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(_json_chunks(rows), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="urafiki-partnerships-{stamp}.{fmt}"'
    return response


class _Echo:
    def write(self, value):
        return value


def _csv_lines(rows):
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so that spreadsheet programs read the Chinese names as UTF-8
    header_written = False
    for row in rows:
        if not header_written:
            yield writer.writerow(row.keys())
            header_written = True
        yield writer.writerow(row.values())


def _json_chunks(rows):
    yield "["
    for i, row in enumerate(rows):
        yield ("," if i else "") + json.dumps(row, ensure_ascii=False)
    yield "]"


@anonymous_page_cache("partnership-page")
def partnership_detail(request, pk: int):
    partnership = access_partnership(request.user, pk)
    partnership = partnership_detail_queryset(user=request.user).get(pk=partnership.pk)
    member = is_party_member(request.user, partnership)
    results = partnership_results(partnerships=[partnership])
    context = {
        "partnership": partnership,
        "health": partnership_health_of(partnership=partnership, overdue_commitments=results.commitments_overdue),
        "timeline": partnership_timeline(partnership=partnership),
        "results": results,
        "today": timezone.localdate(),
        "can_edit": can_edit_partnership(request.user, partnership),
        "is_member": member,
        "documents": partnership.documents.select_related("uploaded_by") if member else [],
        "audit": partnership_audit_trail(partnership=partnership, show_private=member),
        # The news articles behind it (newsroom app), through the reverse relation: no import of the newsroom.
        "news_sources": partnership.news_sources.select_related("article").order_by("added_at", "pk"),
        "status_choices": Commitment.Status.choices,
    }
    return render(request, "partnerships/detail.html", context)


@login_required
def partnership_create(request):
    if not may_record_partnerships(request.user):
        raise PermissionDenied(_("Only verified officers of a government office can record partnerships."))
    form = PartnershipCreateForm(request.POST or None)
    formset = SignatoryFormSet(request.POST or None, prefix="signatories")
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        places = form.places()
        try:
            if len(places) >= 2:  # fewer: the service says what is missing
                check_may_record(request.user, places)
        except PermissionDenied as refusal:
            form.add_error(None, str(refusal))
        else:
            try:
                partnership = services.partnership_create(
                    places=places, kind=form.cleaned_data["kind"], stage=form.cleaned_data["stage"],
                    happened_on=form.cleaned_data["happened_on"], title=form.cleaned_data["title"],
                    summary=form.cleaned_data["summary"], sectors=form.cleaned_data["sectors"],
                    products=form.cleaned_data["products"], signatories=signatories_from(formset),
                    source=form.source(), note=form.cleaned_data["note"],
                    is_public=form.cleaned_data["is_public"], private_notes=form.cleaned_data["private_notes"],
                    by_user=request.user,
                )
            except ValidationError as error:
                apply_errors(form, error, fields={"places": "place_1", "happened_on": "happened_on"})
            else:
                messages.success(request, _("The partnership was recorded."))
                return redirect(partnership)
    status = 400 if request.method == "POST" else 200
    return render(request, "partnerships/form_create.html", {"form": form, "formset": formset}, status=status)


@login_required
def partnership_edit(request, pk: int):
    partnership = access_partnership(request.user, pk, action="edit")
    form = PartnershipEditForm(request.POST or None, initial=PartnershipEditForm.initial_for(partnership))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            check_may_record(request.user, form.places())
        except PermissionDenied as refusal:
            form.add_error(None, str(refusal))
            return _form_page(request, partnership, form, _("Edit the partnership"))
        try:
            services.partnership_update(
                partnership=partnership, by_user=request.user, places=form.places(), sectors=data["sectors"],
                products=data["products"], title=data["title"], kind=data["kind"], summary=data["summary"],
                is_public=data["is_public"], private_notes=data["private_notes"],
            )
        except ValidationError as error:
            apply_errors(form, error, fields={"places": "place_1"})
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(partnership)
    return _form_page(request, partnership, form, _("Edit the partnership"))


@login_required
def stage_change_create(request, pk: int):
    partnership = access_partnership(request.user, pk, action="edit")
    form = StageChangeForm(request.POST or None)
    formset = SignatoryFormSet(request.POST or None, prefix="signatories")
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        try:
            services.partnership_change_stage(
                partnership=partnership, to_stage=form.cleaned_data["to_stage"],
                happened_on=form.cleaned_data["happened_on"], renewal=form.cleaned_data["renewal"],
                signatories=signatories_from(formset), source=form.source(), note=form.cleaned_data["note"],
                by_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The new stage was recorded."))
            return redirect(partnership)
    return _form_page(request, partnership, form, _("Record a change of stage"), formset=formset)


@login_required
def commitment_create(request, pk: int):
    partnership = access_partnership(request.user, pk, action="edit")
    form = CommitmentForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            services.commitment_add(
                partnership=partnership, description=form.cleaned_data["description"],
                place=form.cleaned_data["party"], owner=form.cleaned_data["owner_email"],
                due_on=form.cleaned_data["due_on"], by_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error, fields={"place": "party"})
        else:
            messages.success(request, _("The commitment was added to the action plan."))
            return redirect(partnership)
    return _form_page(request, partnership, form, _("Add a commitment"))


@login_required
@require_POST
def commitment_status(request, pk: int, commitment_pk: int):
    partnership = access_partnership(request.user, pk, action="edit")
    commitment = get_object_or_404(Commitment, pk=commitment_pk, partnership=partnership)
    form = CommitmentStatusForm(request.POST)
    if form.is_valid():
        try:
            services.commitment_set_status(commitment=commitment, by_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
    if form.errors:
        return _form_page(request, partnership, form, _("Update the commitment"))
    messages.success(request, _("The commitment was updated."))
    return redirect(partnership)


@login_required
def activity_create(request, pk: int):
    partnership = access_partnership(request.user, pk, action="edit")
    form = ActivityForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_record(partnership=partnership, by_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The activity was recorded."))
            return redirect(partnership)
    return _form_page(request, partnership, form, _("Record an activity"))


@login_required
def document_create(request, pk: int):
    partnership = access_partnership(request.user, pk, action="edit")
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_add(partnership=partnership, upload=form.cleaned_data["file"],
                                  title=form.cleaned_data["title"], kind=form.cleaned_data["kind"],
                                  by_user=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The document was uploaded."))
            return redirect(partnership)
    return _form_page(request, partnership, form, _("Upload a document"), multipart=True)


def document_download(request, pk: int, document_pk: int):
    """Documents are private to the parties: served here, after the check, never from a public folder."""
    partnership = access_partnership(request.user, pk)
    if not is_party_member(request.user, partnership):
        raise Http404(_("There is no such document."))
    document = get_object_or_404(Document, pk=document_pk, partnership=partnership)
    response = FileResponse(document.file.open("rb"), content_type=document.content_type,
                            as_attachment=document.content_type not in {"application/pdf", "image/jpeg",
                                                                        "image/png", "image/webp"},
                            filename=document.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _form_page(request, partnership, form, heading, *, formset=None, multipart=False):
    context = {"partnership": partnership, "form": form, "formset": formset, "heading": heading,
               "multipart": multipart}
    status = 400 if request.method == "POST" else 200
    return render(request, "partnerships/form.html", context, status=status)
