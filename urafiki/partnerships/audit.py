"""The audit trail of a partnership: who changed what, and when, read from django-simple-history.

Every write goes through services.py, which names its author (_history_user), so the trail holds the
page's, the API's and the admin's changes alike. The differences are computed here from consecutive
records, in a fixed number of queries whatever the length of the history (the detail page's query count
is pinned by a test).
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Activity, Commitment, Document, Partnership, PartnershipParty

PRIVATE_FIELDS = {"private_notes"}
SKIPPED_FIELDS = {"id", "partnership", "created_at", "updated_at", "stage", "stage_since", "started_on",
                  "signed_on", "uploaded_at", "original_name", "content_type", "size", "uploaded_by"}
ACTIONS = {"+": gettext_lazy("added"), "~": gettext_lazy("changed"), "-": gettext_lazy("removed")}
MAX_ENTRIES = 100


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class AuditEntry:
    when: datetime.datetime
    who: str
    subject: str  # "partnership", "commitment: Train 20 tour guides", …
    action: str
    changes: list[Change] = field(default_factory=list)


def _value(record, model_field, show_private: bool) -> str:
    if model_field.name in PRIVATE_FIELDS and not show_private:
        return _("(private)")
    value = getattr(record, model_field.name)
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    return text if len(text) <= 200 else text[:199] + "…"


def _subject(model, record) -> str:
    if model is Partnership:
        return _("partnership")
    if model is PartnershipParty:
        return _("party: {place}").format(place=record.place.name if record.place else "?")
    label = str(model._meta.verbose_name)
    name = getattr(record, "title", "") or getattr(record, "description", "")
    return f"{label}: {name[:80]}"


M2M_TARGETS = {"sectors": "sector", "products": "product"}


def _m2m_snapshots(records: list) -> dict[tuple[str, int], str]:
    """(field, history_id) -> the labels the partnership had in that record: one query per field."""
    snapshots: dict[tuple[str, int], list[str]] = {}
    ids = [record.history_id for record in records]
    for name, target in M2M_TARGETS.items():
        rows = getattr(Partnership.history.model, name).model.objects.filter(history_id__in=ids)
        for row in rows.select_related(target):
            item = getattr(row, target)
            snapshots.setdefault((name, row.history_id), []).append(item.name if item else "?")
    return {key: ", ".join(sorted(labels)) for key, labels in snapshots.items()}


def partnership_audit_trail(*, partnership: Partnership, show_private: bool = False) -> list[AuditEntry]:
    """The latest changes to the partnership and its parties, commitments, activities and documents."""
    sources = [
        (Partnership, Partnership.history.filter(id=partnership.pk)),
        (PartnershipParty, PartnershipParty.history.filter(partnership_id=partnership.pk).select_related("place")),
        (Commitment, Commitment.history.filter(partnership_id=partnership.pk).select_related("owner",
                                                                                            "party__place")),
        (Activity, Activity.history.filter(partnership_id=partnership.pk)),
        (Document, Document.history.filter(partnership_id=partnership.pk)),
    ]
    entries: list[AuditEntry] = []
    for model, records in sources:
        kept = {f.name for f in records.model._meta.fields}  # what the history records (not excluded fields)
        fields = [f for f in model._meta.fields if f.name not in SKIPPED_FIELDS and f.name in kept]
        previous_by_object: dict[int, object] = {}
        newest = records.select_related("history_user").order_by("-history_date", "-history_id")
        records = list(reversed(newest[:MAX_ENTRIES]))
        snapshots = _m2m_snapshots(records) if model is Partnership else {}
        for record in records:
            previous = previous_by_object.get(record.id)
            previous_by_object[record.id] = record
            changes = []
            for model_field in fields:
                new = _value(record, model_field, show_private)
                old = _value(previous, model_field, show_private) if previous else "—"
                if previous is None and new == "—":
                    continue
                if new != old:
                    changes.append(Change(str(model_field.verbose_name), old if previous else "", new))
            if model is Partnership:
                for name, label in (("sectors", _("sectors")), ("products", _("products"))):
                    new = snapshots.get((name, record.history_id), "—")
                    old = snapshots.get((name, previous.history_id), "—") if previous else "—"
                    if new != old:
                        changes.append(Change(label, old if previous else "", new))
            if record.history_type == "~" and not changes:
                continue  # a save that changed nothing visible
            entries.append(AuditEntry(
                when=record.history_date,
                who=str(record.history_user) if record.history_user else _("Urafiki (import or system)"),
                subject=_subject(model, record),
                action=str(ACTIONS.get(record.history_type, record.history_type)),
                changes=changes if record.history_type != "-" else [],
            ))
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:MAX_ENTRIES]
