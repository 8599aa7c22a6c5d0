"""Which records a batch has named already, in memory that does not grow with the batch."""


class SeenKeys:
    """(municipality id, initiative id) keys, one bit per key in a bitmap per municipality:
    bounded by the register (a few hundred bytes per municipality), where a set of tuples
    took some 150 bytes per row of a 125,000-row import."""

    def __init__(self):
        self._bits: dict[int, bytearray] = {}

    def add(self, key: tuple[int, int]) -> bool:
        """Mark the key; False when it was marked already."""
        municipality_id, initiative_id = key
        index, bit = divmod(initiative_id, 8)
        bits = self._bits.setdefault(municipality_id, bytearray())
        if len(bits) <= index:
            bits.extend(bytes(index + 1 - len(bits)))
        if bits[index] >> bit & 1:
            return False
        bits[index] |= 1 << bit
        return True

    @property
    def municipality_ids(self) -> set[int]:
        """The municipalities of the keys marked."""
        return set(self._bits)
