import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError

pytestmark = pytest.mark.django_db


def test_the_project_uses_its_own_user_model():
    assert get_user_model()._meta.label == "accounts.User"


def test_shown_name_prefers_what_the_person_wrote():
    User = get_user_model()
    user = User.objects.create_user(username="wanjiru", email="w@example.org", password="x-long-password")
    assert str(user) == "wanjiru"
    user.display_name = "Wanjiru Kamau 万吉如"
    assert str(user) == "Wanjiru Kamau 万吉如"


def test_an_email_address_belongs_to_one_account_whatever_its_case():
    User = get_user_model()
    User.objects.create_user(username="a", email="same@example.org")
    with pytest.raises(IntegrityError):
        User.objects.create_user(username="b", email="Same@Example.org")


def test_accounts_without_an_address_are_allowed():
    User = get_user_model()
    User.objects.create_user(username="c")
    User.objects.create_user(username="d")
    assert User.objects.filter(email="").count() == 2
