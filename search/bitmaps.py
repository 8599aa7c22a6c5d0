"""Sets of document ids as bitmaps: bit n is set when document n is in the set.

Python integers are arbitrary-precision bit strings whose `&`, `|` and `bit_count()` run in
C, so intersecting and counting sets of 20,000 documents costs microseconds. That is what
makes disjunctive facet counts cheap: each count is one `(scope & posting).bit_count()`.
"""

from collections.abc import Iterable


def from_ids(ids: Iterable[int]) -> int:
    """The bitmap holding these ids."""
    ids = list(ids)
    if not ids:
        return 0
    buffer = bytearray(max(ids) // 8 + 1)
    for number in ids:
        buffer[number >> 3] |= 1 << (number & 7)
    return int.from_bytes(buffer, "little")


def encode(bitmap: int) -> bytes:
    """A bitmap as the bytes stored in the database."""
    return bitmap.to_bytes((bitmap.bit_length() + 7) // 8, "little")


def decode(data: bytes | memoryview | None) -> int:
    """The bitmap stored as these bytes (0 for none)."""
    return int.from_bytes(bytes(data or b""), "little")


def to_ids(bitmap: int) -> list[int]:
    """The ids in the bitmap, ascending."""
    ids = []
    for index, byte in enumerate(encode(bitmap)):
        if byte:
            ids.extend(index * 8 + bit for bit in range(8) if byte >> bit & 1)
    return ids


def without(bitmap: int, ids: Iterable[int]) -> int:
    """The bitmap with these document ids cleared."""
    return bitmap & ~from_ids(ids)


def intersection(bitmaps: Iterable[int], universe: int) -> int:
    """`universe` narrowed by every bitmap given."""
    for bitmap in bitmaps:
        universe &= bitmap
    return universe


class Membership:
    """Constant-time `id in bitmap` for one bitmap (shifting a big integer is not)."""

    def __init__(self, bitmap: int):
        self._bytes = encode(bitmap)

    def __contains__(self, number: int) -> bool:
        index = number >> 3
        return index < len(self._bytes) and bool(self._bytes[index] >> (number & 7) & 1)
