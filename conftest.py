"""Test set-up shared by the whole suite: the reference data is loaded once into the test database."""

import io

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_reference_data", verbosity=0, stdout=io.StringIO())

