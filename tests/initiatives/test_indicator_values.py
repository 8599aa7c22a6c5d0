"""A municipality's editors record its indicator values; every path checks them the same way
and writes all of a batch or nothing, keeping each value's history."""

from decimal import Decimal

import pytest

from initiatives.constants import ChangeSource
from initiatives.errors import AdoptionError
from initiatives.indicators.values import IndicatorValueUpdate, record_indicator_values
from initiatives.models import IndicatorValue, IndicatorValueChange
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def update(indicator, municipality, period="2025", value="18,5"):
    return IndicatorValueUpdate(indicator, municipality, period, value, ChangeSource.FORM)


def stored():
    return list(IndicatorValue.objects.values_list("period", "value"))


def test_an_editor_records_a_value_and_its_history(roles, enschede):
    payment_term = IndicatorFactory()
    editor = roles["editor_of_a"]

    record_indicator_values([update(payment_term, enschede, "2025", "18,5")], user=editor)
    record_indicator_values([update(payment_term, enschede, "2025", "17")], user=editor)

    assert stored() == [("2025", Decimal("17"))]
    history = IndicatorValueChange.objects.values_list("old_value", "new_value", "recorded_by")
    assert list(history) == [(None, Decimal("18.5"), editor.pk), (Decimal("18.5"), 17, editor.pk)]


def test_the_same_value_again_changes_nothing(roles, enschede):
    payment_term = IndicatorFactory()
    record_indicator_values([update(payment_term, enschede)], user=None)

    assert record_indicator_values([update(payment_term, enschede)], user=None) == 0
    assert IndicatorValueChange.objects.count() == 1


IMPOSSIBLE = "De waarde {} kan niet bij ‘Betaaltermijn facturen’: die ligt tussen 0 en 365 dagen."
NO_NUMBER = "‘{}’ is geen getal; schrijf bijvoorbeeld 12,5."


@pytest.mark.parametrize(
    ("period", "value", "field", "message"),
    [
        ("2027", "18", "period", "De periode 2027 is nog niet begonnen."),
        (
            "2025-K2",
            "18",
            "period",
            "Deze indicator wordt per jaar gemeten; ‘2025-K2’ is geen jaar.",
        ),
        (
            "vorig jaar",
            "18",
            "period",
            "Schrijf de periode als jaar (2025) of kwartaal (2025-K3), niet ‘vorig jaar’.",
        ),
        ("2025", "veel", "value", NO_NUMBER.format("veel")),
        ("2025", "NaN", "value", NO_NUMBER.format("NaN")),
        ("2025", "-3", "value", IMPOSSIBLE.format("-3")),
        ("2025", "400", "value", IMPOSSIBLE.format("400")),
    ],
)
def test_bad_input_is_refused_in_dutch_and_changes_nothing(enschede, period, value, field, message):
    payment_term = IndicatorFactory()
    good = update(payment_term, enschede, "2024", "20")

    with pytest.raises(AdoptionError) as refused:
        record_indicator_values([good, update(payment_term, enschede, period, value)], user=None)

    assert refused.value.message_dict == {field: [message]}
    assert stored() == []


def test_a_quarter_is_written_2025_k3_and_a_dutch_thousands_separator_is_read(enschede):
    cost = IndicatorFactory(quarterly=True, per_resident_cost=True)

    record_indicator_values([update(cost, enschede, "2025-K3", "1.234,5")], user=None)

    value = IndicatorValue.objects.get()
    assert (value.period, value.period_start.isoformat(), value.value) == (
        "2025-K3",
        "2025-07-01",
        Decimal("1234.5"),
    )


def test_an_editor_may_not_record_another_municipalitys_values(roles, enschede, hengelo):
    payment_term = IndicatorFactory()

    with pytest.raises(AdoptionError) as refused:
        record_indicator_values([update(payment_term, hengelo)], user=roles["editor_of_a"])

    assert refused.value.message_dict == {
        "municipality": ["U mag de gegevens van Hengelo (GM0164) niet wijzigen."]
    }
    assert stored() == []
