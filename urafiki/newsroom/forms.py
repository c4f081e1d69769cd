"""Forms of the newsroom pages. They parse what was typed; the rules live in services.py, whose
ValidationErrors the views put back on the form (apply_errors), so a page and the API refuse the same
input with the same message."""

from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from urafiki.partnerships.forms import PlaceField, VocabularyChoiceField
from urafiki.places.models import Place
from urafiki.taxonomy.models import Product, Sector

from .models import AgreementType
from .services import Match, Relation, default_match

MAX_PARTIES = 4
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
UPLOAD_SUFFIXES = {".txt", ".text", ".html", ".htm"}
MAX_TEXT_CHARS = 200_000
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ArticleForm(forms.Form):
    """An article: pasted text (with the address it came from, if known), a file, or a web address."""

    text = forms.CharField(label=_("Text of the article"), required=False, max_length=MAX_TEXT_CHARS,
                           widget=forms.Textarea(attrs={"rows": 12}),
                           help_text=_("Paste the article: its title and text, in English or Chinese."))
    file = forms.FileField(label=_("…or a file"), required=False,
                           help_text=_("A text (.txt) or web page (.html) file, {size} at most.").format(
                               size=filesizeformat(MAX_UPLOAD_BYTES)))
    url = forms.URLField(label=_("Web address"), required=False, max_length=500, assume_scheme="https",
                         help_text=_("With pasted text: where it was published. Alone: the page is fetched."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload is None:
            return None
        if Path(upload.name).suffix.lower() not in UPLOAD_SUFFIXES:
            raise ValidationError(_("Upload a text (.txt) or web page (.html) file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is larger than {size}.").format(size=filesizeformat(MAX_UPLOAD_BYTES)))
        return upload

    def clean(self):
        data = super().clean()
        given = [bool((data.get("text") or "").strip()), bool(data.get("file"))]
        if sum(given) > 1:
            raise ValidationError(_("Paste a text or upload a file, not both."))
        if not any(given) and not data.get("url") and not self.errors:
            raise ValidationError(_("Paste the text of an article, upload a file or give a web address."))
        return data

    def read_arguments(self) -> dict:
        """The arguments of services.article_read."""
        data = self.cleaned_data
        if (data.get("text") or "").strip():
            return {"text": data["text"], "url": data.get("url") or ""}
        if data.get("file"):
            return {"upload": data["file"]}
        return {"url": data["url"]}


class DraftForm(forms.Form):
    """A draft agreement as the reviewer corrects it."""

    type = forms.ChoiceField(label=_("Kind of agreement"), choices=AgreementType.choices)
    date_signed = forms.DateField(label=_("Date signed"), required=False, widget=DATE,
                                  help_text=_("Leave empty when the article does not say."))

    NEW = "new"

    def __init__(self, *args, matches=(), **kwargs):
        """matches: the recorded partnerships the agreement may be one of (services.partnership_matches);
        with any, the reviewer chooses where it goes, the default first."""
        super().__init__(*args, **kwargs)
        if not self.initial.get("type"):  # a draft a reviewer added: the kind is chosen, not assumed
            self.fields["type"].choices = [("", _("Choose…")), *AgreementType.choices]
        if matches:
            choices = [(str(match.partnership.pk), match_label(match)) for match in matches]
            if not any(match.relation == Relation.SAME for match in matches):
                choices.append((self.NEW, _("A new partnership")))
            default = default_match(matches)
            self.fields["partnership"] = forms.ChoiceField(
                label=_("Add the agreement to"), choices=choices, widget=forms.RadioSelect,
                initial=str(default.partnership.pk) if default else self.NEW,
                help_text=_("Partnerships already recorded between these parties. One agreement reported by "
                            "several outlets stays one partnership with several sources."))
        for i in range(1, MAX_PARTIES + 1):
            self.fields[f"place_{i}"] = PlaceField(label=_("Party {number}").format(number=i), required=False)
        self.fields["sectors"] = VocabularyChoiceField(
            Sector.objects.all(), to_field_name="slug", required=False, widget=forms.CheckboxSelectMultiple,
            label=_("Sectors"))
        self.fields["products"] = VocabularyChoiceField(
            Product.objects.all(), to_field_name="slug", required=False,
            widget=forms.SelectMultiple(attrs={"size": 6}), label=_("Products"),
            help_text=_("Hold Ctrl (or ⌘) to choose several."))
        self.order_fields(["type", *(f"place_{i}" for i in range(1, MAX_PARTIES + 1)), "date_signed", "sectors",
                           "products"])

    @staticmethod
    def initial_for(payload: dict) -> dict:
        places = Place.objects.in_bulk([p["place_id"] for p in payload.get("parties", []) if p.get("place_id")])
        initial: dict = {"type": payload.get("type"), "date_signed": payload.get("date_signed"),
                         "sectors": payload.get("sectors", []), "products": payload.get("products", [])}
        for i, party in enumerate(payload.get("parties", [])[:MAX_PARTIES], start=1):
            initial[f"place_{i}"] = places.get(party.get("place_id")) or party.get("name", "")
        return initial

    def edits(self, people: list[dict]) -> dict:
        """What services.draft_accept takes as the reviewer's edits: every field, as the form shows it."""
        data = self.cleaned_data
        return {
            "type": data["type"],
            "parties": [data[f"place_{i}"] for i in range(1, MAX_PARTIES + 1) if data.get(f"place_{i}")],
            "date_signed": data["date_signed"],
            "sectors": list(data["sectors"]),
            "products": list(data["products"]),
            "people": people,
            **({"partnership": None if data["partnership"] == self.NEW else int(data["partnership"])}
               if "partnership" in data else {}),
        }


def match_label(match: Match) -> str:
    """A recorded partnership as a choice: its title and stage, and how its parties differ from the draft's."""
    names = ", ".join(place.name for place in match.others)
    label = {
        Relation.SAME: _("“{title}” ({stage}), between the same parties"),
        Relation.MORE_PARTIES: _("“{title}” ({stage}), also with {places}"),
        Relation.FEWER_PARTIES: _("“{title}” ({stage}), adding {places} to its parties"),
    }[match.relation]
    return label.format(title=match.partnership.title, stage=match.partnership.get_stage_display(), places=names)


class PersonForm(forms.Form):
    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    role = forms.CharField(label=pgettext_lazy("signatory", "Position"), required=False, max_length=300)
    party = PlaceField(label=_("Signs for"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("name") and not data.get("party") and "party" not in self.errors:
            self.add_error("party", _("Say which party this person signed for."))
        return data


PersonFormSet = forms.formset_factory(PersonForm, extra=1, max_num=12)


def people_initial(payload: dict) -> list[dict]:
    """The extracted people with their party as a place where the extractor resolved it."""
    places = Place.objects.in_bulk([p["place_id"] for p in payload.get("parties", []) if p.get("place_id")])
    place_of_party = {}
    for party in payload.get("parties", []):
        place = places.get(party.get("place_id"))
        place_of_party[party.get("name")] = place or party.get("name")
    return [{"name": person.get("name", ""), "role": person.get("role", ""),
             "party": place_of_party.get(person.get("party"), person.get("party", ""))}
            for person in payload.get("people", [])]


def people_from(formset) -> list[dict]:
    return [{"name": form.cleaned_data["name"], "role": form.cleaned_data["role"], "party": form.cleaned_data["party"]}
            for form in formset.forms if form.cleaned_data.get("name")]


class RejectForm(forms.Form):
    note = forms.CharField(label=_("Why (optional)"), required=False, max_length=2000,
                           widget=forms.TextInput())


def apply_errors(form, error: ValidationError, *, fields: dict[str, str] | None = None) -> None:
    """Put a service's ValidationError on the form, each message under the field it is about."""
    fields = fields or {}
    for name, messages in error.message_dict.items():
        target = fields.get(name, name)
        for message in messages:
            form.add_error(target if target in form.fields else None, message)
