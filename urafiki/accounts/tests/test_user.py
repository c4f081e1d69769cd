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


# ---------------------------------------------------------------------------------------------- profile


def test_a_person_sets_their_name_and_language(client):
    user = get_user_model().objects.create_user(username="amina", email="amina@example.org")
    client.force_login(user)
    assert client.get("/account/profile/").status_code == 200
    response = client.post("/account/profile/", {"display_name": "  Amina   Baya 阿米娜 ", "language": "sw"})
    assert response.status_code == 302 and response["Location"] == "/account/profile/"
    assert response.cookies["django_language"].value == "sw"  # the pages follow at once
    user.refresh_from_db()
    assert (user.display_name, user.language) == ("Amina Baya 阿米娜", "sw")
    assert "Amina Baya 阿米娜" in client.get("/account/profile/").content.decode()


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"display_name": "x" * 151, "language": "en"}, "display_name", "The name is too long (150 characters at most)."),
        ({"display_name": "Amina", "language": "fr"}, "language", "Choose English, 简体中文 or Kiswahili."),
    ],
)
def test_a_bad_profile_is_refused_and_nothing_changes(client, values, field, message):
    user = get_user_model().objects.create_user(username="amina", email="amina@example.org", display_name="Before")
    client.force_login(user)
    response = client.post("/account/profile/", values)
    assert response.status_code == 400
    assert message in response.content.decode()
    user.refresh_from_db()
    assert (user.display_name, user.language) == ("Before", "en")


def test_the_profile_needs_a_signed_in_person(client):
    response = client.get("/account/profile/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
