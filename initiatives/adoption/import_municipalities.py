"""Which municipality a row of an import file names: by gemeentecode or TOOI URI, else by
name as it was on the row's day; shared by every import."""

import datetime
from collections.abc import Callable

from django.utils.translation import gettext as _

from ..models import Municipality
from .import_files import PREVIEW_ROWS
from .name_keys import code_in
from .names import MunicipalityMatcher, NameMatch


class MunicipalityColumns:
    """Reads the municipality columns of rows; `fail(column, message)` refuses a row."""

    def __init__(self):
        self.municipalities = {m.code: m for m in Municipality.objects.all()}
        # {row number: how its gemeentenaam was matched}, for the dry run.
        self.name_matches: dict[int, NameMatch] = {}
        self._matcher: MunicipalityMatcher | None = None

    def municipality(
        self, number: int, cells: dict, day: datetime.date, fail: Callable
    ) -> Municipality:
        """The row's municipality by code or TOOI URI, else by name as it was on `day`; a
        name that needs a decision fails the row with the candidates."""
        column = "gemeentecode" if cells.get("gemeentecode") else "tooi"
        written = cells.get(column, "")
        by_name = self._match_name(number, cells.get("gemeentenaam", ""), day)
        tooi = cells.get("tooi", "")
        if column == "gemeentecode" and tooi and code_in(tooi) != code_in(written):
            fail(
                "tooi",
                _("gemeentecode %(code)s en tooi %(tooi)s noemen verschillende gemeenten.")
                % {"code": written, "tooi": tooi},
            )
        if written:
            return self._by_code(written, column, by_name, fail)
        if by_name is None:
            fail("gemeentenaam", _("gemeentecode, tooi en gemeentenaam zijn alle drie leeg."))
        if by_name.municipality is None:
            fail("gemeentenaam", by_name.describe())
        return by_name.municipality

    def _by_code(self, written: str, column: str, by_name, fail) -> Municipality:
        # Excel drops the leading zeros of "0153"; a TOOI URI carries the code too.
        code = code_in(written) or written.upper()
        municipality = self.municipalities.get(code)
        if municipality is None:
            fail(column, _("gemeentecode ‘%(code)s’ bestaat niet.") % {"code": code})
        if by_name and by_name.municipality and by_name.municipality != municipality:
            fail(
                "gemeentenaam",
                _("gemeentecode %(code)s is %(municipality)s, maar de naam is %(named)s.")
                % {"code": code, "municipality": municipality, "named": by_name.municipality},
            )
        return municipality

    def _match_name(self, number, name, day) -> NameMatch | None:
        if not name:
            return None
        if self._matcher is None:
            self._matcher = MunicipalityMatcher()
        match = self._matcher.match(name, day)
        if len(self.name_matches) < PREVIEW_ROWS:
            self.name_matches[number] = match
        return match
