"""Who sees and who may change a partnership: the matrix of anonymous, outsider, member, officer of a
party (verified or not) and staff."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from urafiki.accounts.models import Membership
from urafiki.partnerships.permissions import access_partnership, can_edit_partnership, partnerships_visible_to
from urafiki.places.models import Place

from .test_services import kilifi_mou

pytestmark = pytest.mark.django_db


def person(kind: str):
    """A user of each kind of the matrix, for the Kilifi–Jiangxi–Jiujiang partnership."""
    if kind == "anonymous":
        return AnonymousUser()
    user = get_user_model().objects.create_user(username=kind, email=f"{kind}@example.org")
    office = {"outsider": "KE-26", "member": "KE-14", "unverified_officer": "KE-14", "officer": "KE-14",
              "officer_of_chinese_party": "CN-360400"}.get(kind)
    if kind == "staff":
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    elif office:
        role = Membership.Role.MEMBER if kind == "member" else Membership.Role.OFFICER
        Membership.objects.create(user=user, place=Place.objects.get(code=office), role=role,
                                  is_verified=kind != "unverified_officer")
    return user


KINDS = ["anonymous", "outsider", "member", "unverified_officer", "officer", "officer_of_chinese_party", "staff"]
MAY_EDIT = {"officer", "officer_of_chinese_party", "staff"}
SEES_PRIVATE = {"member", "officer", "officer_of_chinese_party", "staff"}


@pytest.mark.parametrize("kind", KINDS)
def test_public_partnership(kind):
    partnership, user = kilifi_mou(), person(kind)
    assert access_partnership(user, partnership.pk) == partnership
    assert partnerships_visible_to(user).filter(pk=partnership.pk).count() == 1
    assert can_edit_partnership(user, partnership) is (kind in MAY_EDIT)
    if kind in MAY_EDIT:
        assert access_partnership(user, partnership.pk, action="edit") == partnership
    else:
        with pytest.raises(PermissionDenied, match="Only the verified officers of a party's office"):
            access_partnership(user, partnership.pk, action="edit")


@pytest.mark.parametrize("kind", KINDS)
def test_private_partnership_is_seen_by_the_parties_only(kind):
    partnership, user = kilifi_mou(is_public=False), person(kind)
    if kind in SEES_PRIVATE:
        assert access_partnership(user, partnership.pk) == partnership
    else:
        with pytest.raises(Http404, match=f"There is no partnership with id {partnership.pk}."):
            access_partnership(user, partnership.pk)
        assert not partnerships_visible_to(user).filter(pk=partnership.pk).exists()


@pytest.mark.parametrize("pk", ["999999", "abc", ""])
def test_missing_and_malformed_ids_are_the_same_404(pk):
    with pytest.raises(Http404, match="There is no partnership with id"):
        access_partnership(person("staff"), pk)


def test_a_member_of_two_parties_sees_each_partnership_once():
    user = person("member")
    Membership.objects.create(user=user, place=Place.objects.get(code="CN-JX"))
    partnership = kilifi_mou(is_public=False)
    assert list(partnerships_visible_to(user)) == [partnership]
