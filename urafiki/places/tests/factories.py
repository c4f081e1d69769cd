import factory

from urafiki.places.models import Place, PlaceKind
from urafiki.places.services import place_search_keys_rebuild


class PlaceFactory(factory.django.DjangoModelFactory):
    """A synthetic place under Kenya or China; search keys are rebuilt after creation."""

    class Meta:
        model = Place
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"XX-T{n:05d}")
    country_code = "KE"
    admin_level = 2
    kind = PlaceKind.DISTRICT
    parent = factory.LazyAttribute(lambda o: Place.objects.get(code=o.country_code))
    name_en = factory.Sequence(lambda n: f"Testplace {n}")

    @factory.post_generation
    def search_keys(obj, create, extracted, **kwargs):
        if create:
            place_search_keys_rebuild(places=Place.objects.filter(pk=obj.pk))
