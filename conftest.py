"""Test set-up shared by the whole suite: the reference data is loaded once into the test database."""

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_reference_data", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def reference_data(db):
    """The registry and vocabulary as `make run` loads them (already there: this only documents the need)."""
    return None
