"""The keys a batch has named, kept as bits."""

from initiatives.adoption.seen_keys import SeenKeys


def test_a_key_is_new_once_and_then_seen():
    seen = SeenKeys()
    assert seen.add((7, 1234)) is True
    assert seen.add((7, 1234)) is False
    assert seen.add((7, 1235)) is True
    assert seen.add((8, 1234)) is True
    assert seen.add((7, 0)) is True
    assert seen.add((7, 0)) is False
    assert seen.municipality_ids == {7, 8}
