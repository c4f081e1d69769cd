"""API tokens and the API's authentication: a token is stored as a hash only, works until revoked, and a
wrong one is refused loudly; a signed-in session works too, with its CSRF token for writes."""

import datetime
import hashlib
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.utils import timezone

from urafiki.accounts.models import ApiToken
from urafiki.accounts.services import api_token_create, api_token_revoke
from urafiki.partnerships.tests.test_permissions import person
from urafiki.partnerships.tests.test_services import kilifi_mou

pytestmark = pytest.mark.django_db
URL = "/api/partnerships"


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def rename(client: Client, partnership, title: str, **headers):
    return client.patch(f"{URL}/{partnership.pk}", data={"title": title}, content_type="application/json",
                        headers=headers)


def assert_401(response, message: str):
    assert response.status_code == 401, response.content
    assert response.json() == {"detail": message, "errors": {}}
    assert response["WWW-Authenticate"] == 'Bearer realm="Urafiki API"'


# --------------------------------------------------------------------------------------------- tokens

def test_a_token_is_stored_as_its_hash_only():
    user = person("officer")
    token, secret = api_token_create(user=user, name="  newsroom import ")
    assert secret.startswith("urafiki_") and len(secret) == len("urafiki_") + 43
    assert token.name == "newsroom import"
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert token.prefix == secret[8:16]
    stored = [str(value) for value in ApiToken.objects.filter(pk=token.pk).values_list().get()]
    assert not any(secret in value or secret[8:] in value for value in stored)
    assert str(token) == f"newsroom import (urafiki_{secret[8:16]}…)"


def test_every_token_has_its_own_secret():
    user = person("officer")
    secrets = {api_token_create(user=user, name=f"script {n}")[1] for n in range(5)}
    assert len(secrets) == 5


@pytest.mark.parametrize(("name", "message"), [
    ("   ", "Give the token a name, to recognise it later."),
    ("x" * 101, "The name is too long (100 characters at most)."),
])
def test_a_token_needs_a_name(name, message):
    with pytest.raises(ValidationError) as error:
        api_token_create(user=person("officer"), name=name)
    assert error.value.message_dict == {"name": [message]}
    assert not ApiToken.objects.exists()


def test_revoking_keeps_the_first_date():
    token, _secret = api_token_create(user=person("officer"), name="script")
    api_token_revoke(token=token)
    first = token.revoked_at
    api_token_revoke(token=token)
    token.refresh_from_db()
    assert token.revoked_at == first and not token.is_active


# ----------------------------------------------------------------------------------- authentication

def test_a_valid_token_writes_as_its_user():
    partnership, officer = kilifi_mou(), person("officer")
    _token, secret = api_token_create(user=officer, name="script")
    response = rename(Client(), partnership, "Kilifi–Jiangxi–Jiujiang MOU", **bearer(secret))
    assert response.status_code == 200, response.content
    partnership.refresh_from_db()
    assert partnership.title == "Kilifi–Jiangxi–Jiujiang MOU"
    assert partnership.history.first().history_user == officer


def test_a_token_reads_what_its_user_may_see():
    private = kilifi_mou(is_public=False)
    _token, secret = api_token_create(user=person("member"), name="reader")
    assert Client().get(f"{URL}/{private.pk}", headers=bearer(secret)).status_code == 200
    assert Client().get(f"{URL}/{private.pk}").status_code == 404


def test_a_token_needs_no_csrf_token():
    """A browser cannot be made to send an Authorization header to another site: no CSRF risk."""
    partnership = kilifi_mou()
    _token, secret = api_token_create(user=person("officer"), name="script")
    response = rename(Client(enforce_csrf_checks=True), partnership, "Renamed", **bearer(secret))
    assert response.status_code == 200


@pytest.mark.parametrize(("header", "message"), [
    ("Bearer urafiki_wrong", "This API token is wrong or has been revoked."),
    ("Bearer someone-elses-token", "This API token is wrong or has been revoked."),
    ("Bearer ", "Send the API token as: Authorization: Bearer urafiki_…"),
    ("Basic b2ZmaWNlcjpwYXNzd29yZA==", "Send the API token as: Authorization: Bearer urafiki_…"),
])
def test_a_wrong_token_is_refused_even_for_reads(header, message):
    """Never silently anonymous: a script with a bad token must fail, not see less."""
    partnership = kilifi_mou()
    assert_401(Client().get(URL, headers={"Authorization": header}), message)
    assert_401(rename(Client(), partnership, "Hijacked", Authorization=header), message)
    partnership.refresh_from_db()
    assert partnership.title == "Kilifi – Jiangxi – Jiujiang"


def test_a_revoked_token_is_refused():
    partnership = kilifi_mou()
    token, secret = api_token_create(user=person("officer"), name="script")
    api_token_revoke(token=token)
    assert_401(rename(Client(), partnership, "Renamed", **bearer(secret)), "This API token is wrong or has been revoked.")
    assert_401(Client().get(URL, headers=bearer(secret)), "This API token is wrong or has been revoked.")
    partnership.refresh_from_db()
    assert partnership.title == "Kilifi – Jiangxi – Jiujiang"


def test_the_token_of_a_deactivated_account_is_refused():
    officer = person("officer")
    _token, secret = api_token_create(user=officer, name="script")
    officer.is_active = False
    officer.save(update_fields=["is_active"])
    assert_401(Client().get(URL, headers=bearer(secret)), "This API token is wrong or has been revoked.")


def test_an_anonymous_write_is_401():
    partnership = kilifi_mou()
    assert_401(rename(Client(), partnership, "Renamed"),
               "Sign in, or send an API token (Authorization: Bearer urafiki_…), to change anything.")
    assert_401(Client(enforce_csrf_checks=True).delete(f"{URL}/{partnership.pk}"),
               "Sign in, or send an API token (Authorization: Bearer urafiki_…), to change anything.")
    assert Client().get(URL).status_code == 200  # reads stay open


def test_the_last_use_is_noted_at_most_once_a_minute():
    token, secret = api_token_create(user=person("officer"), name="script")
    assert token.last_used_at is None
    Client().get(URL, headers=bearer(secret))
    token.refresh_from_db()
    assert token.last_used_at is not None
    recently = timezone.now() - datetime.timedelta(seconds=30)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=recently)
    Client().get(URL, headers=bearer(secret))
    token.refresh_from_db()
    assert token.last_used_at == recently
    long_ago = timezone.now() - datetime.timedelta(minutes=2)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=long_ago)
    Client().get(URL, headers=bearer(secret))
    token.refresh_from_db()
    assert token.last_used_at > long_ago


# ---------------------------------------------------------------------------------- session and CSRF

def test_a_signed_in_session_reads_and_writes():
    partnership = kilifi_mou(is_public=False)
    client = Client()
    client.force_login(person("officer"))
    assert client.get(f"{URL}/{partnership.pk}").json()["can_edit"] is True
    assert rename(client, partnership, "Renamed").status_code == 200


def test_a_session_write_without_its_csrf_token_is_refused():
    partnership = kilifi_mou()
    client = Client(enforce_csrf_checks=True)
    client.force_login(person("officer"))
    response = rename(client, partnership, "Forged")
    assert response.status_code == 403
    assert response.json()["detail"].startswith("CSRF check failed")
    partnership.refresh_from_db()
    assert partnership.title == "Kilifi – Jiangxi – Jiujiang"
    # A page of the site gives the browser its CSRF cookie; sent back in the header, the write goes through.
    client.get("/")
    response = rename(client, partnership, "Renamed", **{"X-CSRFToken": client.cookies["csrftoken"].value})
    assert response.status_code == 200, response.content
    partnership.refresh_from_db()
    assert partnership.title == "Renamed"


def test_a_session_read_needs_no_csrf_token():
    client = Client(enforce_csrf_checks=True)
    client.force_login(person("member"))
    assert client.get(URL).status_code == 200


# ----------------------------------------------------------------------------------------- the page

@override_settings(LOGIN_URL="/accounts/login/")
def test_the_page_asks_to_sign_in():
    response = Client().get("/account/api-tokens/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/account/api-tokens/"


def test_the_page_shows_a_new_secret_once():
    user = person("officer")
    client = Client()
    client.force_login(user)
    response = client.post("/account/api-tokens/", {"name": "newsroom import"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=user)
    secret = response.context["secret"]
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    page = client.get("/account/api-tokens/").content.decode()
    assert secret not in page
    assert f"urafiki_{token.prefix}…" in page and "newsroom import" in page


def test_the_page_refuses_a_token_without_a_name():
    client = Client()
    client.force_login(person("officer"))
    response = client.post("/account/api-tokens/", {"name": " "})
    assert response.status_code == 400
    assert "Give the token a name, to recognise it later." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_page_revokes_ones_own_tokens_only():
    owner, other = person("officer"), person("member")
    token, _secret = api_token_create(user=owner, name="script")
    client = Client()
    client.force_login(other)
    assert client.post(f"/account/api-tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.is_active
    client.force_login(owner)
    assert client.get(f"/account/api-tokens/{token.pk}/revoke/").status_code == 405
    response = client.post(f"/account/api-tokens/{token.pk}/revoke/", follow=True)
    assert response.redirect_chain == [("/account/api-tokens/", 302)]
    assert "The token “script” is revoked: it no longer works." in response.content.decode()
    token.refresh_from_db()
    assert not token.is_active


# --------------------------------------------------------------------------------- the command

def test_the_command_prints_the_secret():
    user = get_user_model().objects.create_user(username="import", email="import@urafiki.example")
    out, err = io.StringIO(), io.StringIO()
    call_command("create_api_token", "Import@Urafiki.example", "newsroom import", stdout=out, stderr=err)
    secret = out.getvalue().strip()
    token = ApiToken.objects.get(user=user)
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert "Keep the secret now: it is not stored." in err.getvalue()


def test_the_command_needs_a_known_address():
    with pytest.raises(CommandError, match="No user has the e-mail address nobody@urafiki.example."):
        call_command("create_api_token", "nobody@urafiki.example", "script", stdout=io.StringIO())
    assert not ApiToken.objects.exists()
