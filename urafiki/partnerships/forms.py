"""Forms of the partnership pages. They parse what was typed; the rules live in services.py, whose
ValidationErrors the views put back on the form (apply_errors), so a page and the API refuse the same
input with the same message."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from urafiki.places.models import Place
from urafiki.places.selectors import place_from_text, place_not_found_message
from urafiki.taxonomy.models import Product, Sector

from .lifecycle import INITIAL_STAGES, Stage
from .models import Activity, Commitment, Document, PartnershipKind
from .services import SignatoryInput, SourceInput

MAX_PARTIES = 4
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlaceField(forms.CharField):
    """A place typed as "Kilifi", "九江", "KE-14" or "Kilifi County (KE-14)"."""

    widget = forms.TextInput(attrs={"autocomplete": "off", "data-place-picker": "", "maxlength": 200})

    def to_python(self, value):
        text = super().to_python(value)[:200]
        if not text:
            return None
        place, candidates = place_from_text(text)
        if place is None:
            raise ValidationError(place_not_found_message(text, candidates), code="place")
        return place

    def prepare_value(self, value):
        if isinstance(value, Place):
            return f"{value.name} ({value.code})"
        return value


class VocabularyChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _sectors_field():
    return VocabularyChoiceField(
        Sector.objects.all(), to_field_name="slug", required=False, widget=forms.CheckboxSelectMultiple,
        label=_("Sectors"),
    )


def _products_field():
    return VocabularyChoiceField(
        Product.objects.all(), to_field_name="slug", required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}), label=_("Products"),
        help_text=_("Hold Ctrl (or ⌘) to choose several."),
    )


class PartiesMixin:
    """place_1 … place_4: the parties, typed like the places in the search box."""

    def add_place_fields(self):
        for i in range(1, MAX_PARTIES + 1):
            self.fields[f"place_{i}"] = PlaceField(
                label=_("Party {number}").format(number=i), required=False,
                help_text=_("A county, province or city: a name in any language, or its code.") if i == 1 else "",
            )

    def places(self) -> list[Place]:
        return [self.cleaned_data[f"place_{i}"] for i in range(1, MAX_PARTIES + 1)
                if self.cleaned_data.get(f"place_{i}")]


class SourceMixin(forms.Form):
    source_url = forms.URLField(label=_("Source (web address)"), required=False, max_length=500,
                                assume_scheme="https")
    source_text = forms.CharField(label=_("Source (document or publication)"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def source(self) -> SourceInput:
        return SourceInput(url=self.cleaned_data["source_url"], text=self.cleaned_data["source_text"])


class SignatoryForm(forms.Form):
    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    title = forms.CharField(label=pgettext_lazy("signatory", "Position"), required=False, max_length=300)
    party = PlaceField(label=_("Signs for"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("name") and not data.get("party") and "party" not in self.errors:
            self.add_error("party", _("Say which party this person signed for."))
        if data.get("party") and not data.get("name"):
            self.add_error("name", _("Every signatory needs a name."))
        return data


SignatoryFormSet = forms.formset_factory(SignatoryForm, extra=3, max_num=12)


def signatories_from(formset) -> list[SignatoryInput]:
    return [
        SignatoryInput(name=form.cleaned_data["name"], title=form.cleaned_data["title"],
                       place=form.cleaned_data["party"])
        for form in formset.forms
        if form.cleaned_data.get("name")
    ]


class PartnershipCreateForm(PartiesMixin, SourceMixin):
    kind = forms.ChoiceField(label=_("Kind"), choices=PartnershipKind.choices)
    stage = forms.ChoiceField(label=_("Stage reached"),
                              choices=[(value, label) for value, label in Stage.choices if value in INITIAL_STAGES])
    happened_on = forms.DateField(
        label=_("Date of this stage"), required=False, widget=DATE,
        help_text=_("The day it was signed (or first contact). Leave empty when the source does not say."),
    )
    title = forms.CharField(label=_("Title"), required=False, max_length=200,
                            help_text=_("Leave empty to name it after the parties."))
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    is_public = forms.BooleanField(label=_("Public"), required=False, initial=True,
                                   help_text=_("Everyone can see a public partnership."))
    private_notes = forms.CharField(label=_("Private notes"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}),
                                    help_text=_("Seen only by the offices of the parties and by staff."))

    field_order = ["place_1", "place_2", "place_3", "place_4", "kind", "stage", "happened_on", "title",
                   "summary", "sectors", "products"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_place_fields()
        self.fields["sectors"] = _sectors_field()
        self.fields["products"] = _products_field()
        self.order_fields(self.field_order)


class PartnershipEditForm(PartiesMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=PartnershipKind.choices)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    is_public = forms.BooleanField(label=_("Public"), required=False)
    private_notes = forms.CharField(label=_("Private notes"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_place_fields()
        self.fields["sectors"] = _sectors_field()
        self.fields["products"] = _products_field()

    @classmethod
    def initial_for(cls, partnership) -> dict:
        initial = {name: getattr(partnership, name) for name in ("title", "kind", "summary", "is_public",
                                                                 "private_notes")}
        for i, party in enumerate(partnership.parties.all()[:MAX_PARTIES], start=1):
            initial[f"place_{i}"] = party.place
        initial["sectors"] = list(partnership.sectors.all())
        initial["products"] = list(partnership.products.all())
        return initial


class StageChangeForm(SourceMixin):
    to_stage = forms.ChoiceField(label=_("New stage"), choices=Stage.choices)
    happened_on = forms.DateField(label=_("Date"), required=False, widget=DATE,
                                  help_text=_("Leave empty when the source does not say."))
    renewal = forms.BooleanField(label=_("This is a renewal"), required=False,
                                 help_text=_("An agreement renewed, or a lapsed relationship revived."))


class CommitmentForm(forms.Form):
    description = forms.CharField(label=_("What was committed"), widget=forms.Textarea(attrs={"rows": 2}))
    party = forms.ModelChoiceField(Place.objects.none(), label=_("By which party"), required=False)
    owner_email = forms.EmailField(label=_("Owner's e-mail"), required=False,
                                   help_text=_("A person with an Urafiki account; they get the reminders."))
    due_on = forms.DateField(label=_("Due"), required=False, widget=DATE)

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = Place.objects.filter(partnership_parties__partnership=partnership)
        self.fields["party"].label_from_instance = lambda place: place.name

    def clean_owner_email(self):
        from django.contrib.auth import get_user_model

        email = self.cleaned_data["owner_email"]
        if not email:
            return None
        owner = get_user_model().objects.filter(email__iexact=email).first()
        if owner is None:
            raise ValidationError(_("Nobody has an Urafiki account with the address {email}.").format(email=email))
        return owner


class CommitmentStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Commitment.Status.choices)
    completed_on = forms.DateField(label=_("Completed on"), required=False, widget=DATE)
    evidence = forms.CharField(label=_("Evidence"), required=False, max_length=2000)


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Activity.Kind.choices)
    happened_on = forms.DateField(label=_("Date"), widget=DATE)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    places = forms.ModelMultipleChoiceField(Place.objects.none(), label=_("Places involved"), required=False,
                                            widget=forms.CheckboxSelectMultiple)
    people = forms.CharField(label=_("People involved"), required=False, max_length=2000)
    value = forms.DecimalField(label=_("Value"), required=False, max_digits=16, decimal_places=2)
    currency = forms.CharField(label=_("Currency"), required=False, max_length=3,
                               help_text=_("ISO 4217 code: KES, CNY, USD …"))
    source = forms.CharField(label=_("Source"), required=False, max_length=2000)

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["places"].queryset = Place.objects.filter(partnership_parties__partnership=partnership)
        self.fields["places"].label_from_instance = lambda place: place.name


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("PDF, JPEG, PNG, WebP or Word (DOCX), 20 MB at most."))
    title = forms.CharField(label=_("Title"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Document.Kind.choices)


def apply_errors(form, error: ValidationError, *, fields: dict[str, str] | None = None) -> None:
    """Put a service's ValidationError on the form, each message under the field it is about.

    fields maps a service's field name to the form's (places -> place_1); the others go on top.
    """
    fields = fields or {}
    for field, messages in error.message_dict.items():
        target = fields.get(field, field)
        for message in messages:
            form.add_error(target if target in form.fields else None, message)
