"""Loading the demo on an empty register, and what it says while loading."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_demo_needs_the_register_first(db):
    with pytest.raises(CommandError, match="load_municipalities"):
        call_command("load_demo")


def test_loading_the_demo_reports_in_dutch_words(db):
    call_command("load_municipalities", stdout=StringIO())
    output = StringIO()
    call_command("load_demo", stdout=output)
    assert " nieuw" in output.getvalue() and " new" not in output.getvalue()
