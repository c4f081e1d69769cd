"""Forms of the partner finder's pages. They parse what was typed; the rules live in services.py, whose
ValidationErrors the views put back on the form, so the messages are the same wherever a brief is written."""

from django import forms
from django.utils.translation import gettext_lazy as _

from urafiki.partnerships.forms import VocabularyChoiceField
from urafiki.places.models import Place, PlaceKind
from urafiki.places.selectors import country_choices
from urafiki.taxonomy.models import Product, Sector

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def level_choices():
    return [("1", _("1: counties, provinces")), ("2", _("2: prefecture-level cities"))]


def kind_choices():
    return [("", _("any kind"))] + [(value, label) for value, label in PlaceKind.choices
                                    if value != PlaceKind.COUNTRY]


class BriefForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False,
                            help_text=_("In a few words: “Partner for a coconut processing plant”."))
    objectives = forms.CharField(label=_("Objectives"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
                                 help_text=_("What your office wants to achieve with a partner."))
    # Plain text with a list to choose from: an unknown value reaches the service, which says what is wrong.
    target_country = forms.CharField(label=_("Country of the partner sought"), required=False, max_length=20)
    target_admin_level = forms.CharField(label=_("Level of the partner sought"), required=False, max_length=2)
    target_kind = forms.CharField(label=_("Kind of place (optional)"), required=False, max_length=40)
    expires_on = forms.DateField(label=_("Open until"), required=False, widget=DATE,
                                 help_text=_("The brief stops showing after this day."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_country"].widget = forms.Select(
            choices=[("", "—")] + [(country.code, f"{country.name} ({country.code})") for country in country_choices()]
        )
        self.fields["target_admin_level"].widget = forms.Select(choices=level_choices())
        self.fields["target_kind"].widget = forms.Select(choices=kind_choices())
        self.fields["sectors"] = VocabularyChoiceField(
            Sector.objects.all(), to_field_name="slug", required=False, widget=forms.CheckboxSelectMultiple,
            label=_("Sectors"), help_text=_("Only places with one of these priority sectors will see the brief."),
        )
        self.fields["products"] = VocabularyChoiceField(
            Product.objects.all(), to_field_name="slug", required=False,
            widget=forms.SelectMultiple(attrs={"size": 8}), label=_("Products"),
            help_text=_("Hold Ctrl (or ⌘) to choose several."),
        )
        self.order_fields(["title", "objectives", "sectors", "products", "target_country", "target_admin_level",
                           "target_kind", "expires_on"])

    def clean_target_admin_level(self):
        raw = self.cleaned_data["target_admin_level"].strip()
        return int(raw) if raw.isdigit() else None  # the service says what is wrong with None


class InterestForm(forms.Form):
    from_place = forms.ModelChoiceField(queryset=None, label=_("Answer for"), empty_label=None)
    message = forms.CharField(label=_("Message"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
                              help_text=_("Introduce your office and say what you propose."))

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_place"].queryset = Place.objects.filter(pk__in=[place.pk for place in places])
        self.fields["from_place"].label_from_instance = lambda place: f"{place.name} ({place.code})"
