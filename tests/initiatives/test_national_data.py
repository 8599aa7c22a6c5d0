"""The national data set for `make bench-national` is written by SQL inside PostgreSQL, past
the models: a column the models gain must be filled there too, or the set cannot be made on a
fresh machine (it once failed on the claims' `since_is_upper_bound`). A small set guards it."""

import pytest
from django.db import connection

from initiatives.demo.national import generate_national
from initiatives.demo.national_indicators import QUARTERS, national_indicator_slug
from initiatives.models import Adoption, AdoptionChange, IndicatorValue, Municipality
from tests.factories import MunicipalityFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the national data set is PostgreSQL's"
    ),
]


def test_a_small_national_data_set_is_written_with_records_history_and_indicators(
    initiative_index,
):
    for number in range(3):
        MunicipalityFactory(code=f"GM{7100 + number}", population=20_000 * (number + 1))

    written = generate_national(seed=1, organisations=12, initiative_count=2)

    municipalities = Municipality.objects.current().count()
    assert (written["municipalities_added"], municipalities) == (9, 12)
    assert written["initiatives_written"] == 2
    assert Adoption.objects.count() > 0
    assert (
        AdoptionChange.objects.filter(since_is_upper_bound=False).count() > Adoption.objects.count()
    )
    for number in range(2):
        values = IndicatorValue.objects.filter(indicator__slug=national_indicator_slug(number))
        assert values.count() == municipalities * QUARTERS
