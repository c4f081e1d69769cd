"""Idempotent loading of reference data: running a loader twice changes nothing the second time."""

import csv
from collections import Counter
from pathlib import Path

from django.db import models


class LoadReport(Counter):
    """Counts of created / updated / unchanged / deleted rows per model, printed by the load command."""

    def line(self) -> str:
        return ", ".join(f"{key}: {value}" for key, value in sorted(self.items()))

    @property
    def changed(self) -> int:
        return sum(v for k, v in self.items() if not k.endswith(" unchanged"))


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a data CSV with surrounding spaces trimmed; every file must have a `source` column."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if "source" not in (reader.fieldnames or []):
            raise ValueError(f"{path} has no 'source' column")
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def upsert(model: type[models.Model], lookup: dict, values: dict, report: LoadReport) -> models.Model:
    """Create the row or update the fields that differ; touch nothing when all are equal."""
    name = model._meta.model_name
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        instance.full_clean()
        instance.save()
        report[f"{name} created"] += 1
        return instance
    changed = [field for field, value in values.items() if getattr(instance, field) != value]
    if changed:
        for field in changed:
            setattr(instance, field, values[field])
        instance.full_clean()
        instance.save(update_fields=changed)
        report[f"{name} updated"] += 1
    else:
        report[f"{name} unchanged"] += 1
    return instance


def delete_missing(queryset, keep_ids: set, report: LoadReport) -> None:
    """Delete rows that the data no longer lists (a removed alias, a corrected fact)."""
    stale = queryset.exclude(pk__in=keep_ids)
    count = stale.count()
    if count:
        stale.delete()
        report[f"{queryset.model._meta.model_name} deleted"] += count
