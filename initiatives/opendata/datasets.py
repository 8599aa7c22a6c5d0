"""The open datasets: what each holds, its columns with their types and meanings (for the
CSVW metadata and the page), and its rows, streamed from the database.

Only what the public site shows goes in: initiatives by the one visibility rule
(`published()`), and of records, history and indicators only what belongs to a published
initiative; never internal notes or who recorded a change. Rows are read as plain values
and the codes of municipalities and initiatives are looked up in dictionaries, so that the
15 million rows of a national history need no join and no objects."""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..models import (
    Adoption,
    AdoptionChange,
    Indicator,
    IndicatorValue,
    InitiativePage,
    Municipality,
    PartnershipMember,
    tooi_uri,
)
from ..models.register import size_class_of

# CSVW datatypes: a decimal is written with a comma, the way the exports write it for Excel.
DECIMAL = {"base": "decimal", "format": {"decimalChar": ","}}
CODE = {"base": "string", "format": r"GM\d{4}"}


@dataclass(frozen=True)
class Field:
    name: str
    datatype: str | dict
    meaning: Promise


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: Promise
    description: Promise
    fields: tuple[Field, ...]
    key: tuple[str, ...]
    rows: Callable[["Lookups"], Iterator[tuple]]
    # The date column whose first and last day are the dataset's temporal coverage.
    dated_by: str | None = None

    @property
    def header(self) -> list[str]:
        return [field.name for field in self.fields]


class Lookups:
    """The codes of municipalities and published initiatives by primary key, read once per
    publication."""

    def __init__(self):
        self.municipalities = dict(Municipality.objects.values_list("pk", "code"))
        self.initiatives = dict(InitiativePage.objects.published().values_list("pk", "slug"))

    def published_slugs(self, pages) -> str:
        """The codes of those of `pages` that are published, in order, separated by spaces."""
        return " ".join(sorted(self.initiatives[p.pk] for p in pages if p.pk in self.initiatives))


def _exact(value: Decimal | None) -> Decimal | None:
    """A stored decimal without the zeros its column pads it with: 17,5 rather than 17,5000."""
    return None if value is None else Decimal(format(value.normalize(), "f"))


def _moment(value: datetime.datetime | None) -> str | None:
    """A moment as ISO 8601 with its offset, in the site's time zone."""
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _municipality_rows(lookups: Lookups) -> Iterator[tuple]:
    rows = Municipality.objects.order_by("code").values_list(
        "code", "name", "province", "population", "valid_from", "valid_until", "successor__code"
    )
    for code, name, province, population, since, until, successor in rows.iterator():
        size = size_class_of(code, population)
        yield (
            code,
            tooi_uri(code),
            name,
            province,
            population,
            size.value if size else None,
            since,
            until,
            successor,
            tooi_uri(successor) if successor else None,
        )


def _initiative_rows(lookups: Lookups) -> Iterator[tuple]:
    pages = (
        InitiativePage.objects.published()
        .select_related("owner_organisation", "succeeds")
        .prefetch_related("domains")
        .order_by("slug")
    )
    for page in pages:
        succeeds = page.succeeds_id if page.succeeds_id in lookups.initiatives else None
        yield (
            page.slug,
            page.title,
            page.full_name,
            page.summary,
            page.kind,
            page.phase,
            page.mandatory_basis,
            " ".join(sorted(domain.slug for domain in page.domains.all())),
            page.owner_organisation.name if page.owner_organisation else None,
            page.started_on,
            _exact(page.adoption_target_share),
            page.adoption_target_date,
            lookups.initiatives.get(succeeds),
            page.full_url,
        )


def _status_rows(lookups: Lookups) -> Iterator[tuple]:
    rows = Adoption.objects.order_by("municipality_id", "initiative_id").values_list(
        "municipality_id",
        "initiative_id",
        "status",
        "status_since",
        "since_is_upper_bound",
        "evidence_level",
        "evidence_url",
        "source",
        "partnership__name",
        "public_explanation",
        "last_confirmed_on",
    )
    for municipality_id, initiative_id, *rest in rows.iterator(chunk_size=10_000):
        if initiative_id in lookups.initiatives:
            code = lookups.municipalities[municipality_id]
            yield (code, tooi_uri(code), lookups.initiatives[initiative_id], *rest)


def _history_rows(lookups: Lookups) -> Iterator[tuple]:
    rows = AdoptionChange.objects.order_by("pk").values_list(
        "municipality_id",
        "initiative_id",
        "old_status",
        "new_status",
        "effective_date",
        "since_is_upper_bound",
        "evidence_level",
        "source",
        "recorded_at",
        "version",
    )
    for (
        municipality_id,
        initiative_id,
        old,
        new,
        day,
        bound,
        evidence,
        source,
        at,
        version,
    ) in rows.iterator(chunk_size=10_000):
        if initiative_id in lookups.initiatives:
            yield (
                lookups.municipalities[municipality_id],
                lookups.initiatives[initiative_id],
                old or None,
                new,
                day,
                bound,
                evidence,
                source,
                _moment(at),
                version,
            )


def _partnership_rows(lookups: Lookups) -> Iterator[tuple]:
    members = PartnershipMember.objects.select_related("partnership", "municipality").order_by(
        "partnership__name", "municipality__code", "joined_on"
    )
    runs = {}
    for member in members.prefetch_related("partnership__initiatives"):
        partnership = member.partnership
        if partnership.pk not in runs:
            runs[partnership.pk] = lookups.published_slugs(partnership.initiatives.all())
        code = member.municipality.code
        yield (
            partnership.name,
            code,
            tooi_uri(code),
            member.municipality.name,
            member.joined_on,
            member.left_on,
            runs[partnership.pk],
        )


def _indicator_rows(lookups: Lookups) -> Iterator[tuple]:
    for indicator in Indicator.objects.prefetch_related("initiatives").order_by("slug"):
        yield (
            indicator.slug,
            indicator.name,
            indicator.description,
            indicator.unit,
            indicator.direction,
            indicator.period_kind,
            _exact(indicator.lower_limit),
            _exact(indicator.upper_limit),
            indicator.source,
            lookups.published_slugs(indicator.initiatives.all()),
        )


def _indicator_value_rows(lookups: Lookups) -> Iterator[tuple]:
    slugs = dict(Indicator.objects.values_list("pk", "slug"))
    rows = IndicatorValue.objects.order_by("indicator_id", "municipality_id", "period_start")
    for indicator_id, municipality_id, period, start, value, source in rows.values_list(
        "indicator_id", "municipality_id", "period", "period_start", "value", "source"
    ).iterator(chunk_size=10_000):
        yield (
            slugs[indicator_id],
            lookups.municipalities[municipality_id],
            period,
            start,
            _exact(value),
            source,
        )


MUNICIPALITY_CODE = Field("gemeente_code", CODE, _("CBS-code van de gemeente"))
MUNICIPALITY_TOOI = Field("gemeente_tooi", "anyURI", _("TOOI-URI van de gemeente"))
INITIATIVE = Field("initiatief", "string", _("Code (slug) van het initiatief"))
SINCE_IS_UPPER_BOUND = Field(
    "uiterlijk_sinds",
    "boolean",
    _("true: de datum is alleen de dag waarop de status voor het eerst werd gezien"),
)

DATASETS = (
    Dataset(
        "gemeenten",
        _("Gemeenten"),
        _("Het gemeenteregister van het CBS: elke gemeente, ook opgeheven, met opvolger."),
        (
            Field("code", CODE, _("CBS-code")),
            Field("tooi", "anyURI", _("TOOI-URI")),
            Field("naam", "string", _("Naam")),
            Field("provincie", "string", _("Provincie")),
            Field("inwoners", "integer", _("Aantal inwoners")),
            Field("grootteklasse", "string", _("Grootteklasse (g4, 100k_plus, …)")),
            Field("bestaat_sinds", "date", _("Eerste dag dat de gemeente bestaat")),
            Field("opgeheven_op", "date", _("Eerste dag dat de gemeente niet meer bestaat")),
            Field("opvolger_code", CODE, _("CBS-code van de opvolger na een fusie")),
            Field("opvolger_tooi", "anyURI", _("TOOI-URI van de opvolger")),
        ),
        ("code",),
        _municipality_rows,
        "bestaat_sinds",
    ),
    Dataset(
        "initiatieven",
        _("Initiatieven"),
        _("De gepubliceerde gezamenlijke initiatieven van gemeenten en VNG, met hun doel."),
        (
            Field("initiatief", "string", _("Code (slug)")),
            Field("titel", "string", _("Titel")),
            Field("volledige_naam", "string", _("Volledige naam")),
            Field("samenvatting", "string", _("Samenvatting")),
            Field("soort", "string", _("Soort")),
            Field("fase", "string", _("Fase")),
            Field("verplichting", "string", _("Wettelijke of bestuurlijke grondslag")),
            Field("domeinen", "string", _("Domeinen, gescheiden door spaties")),
            Field("eigenaar", "string", _("Eigenaar (organisatie)")),
            Field("gestart_op", "date", _("Startdatum")),
            Field("doel_percentage", DECIMAL, _("Doel: percentage gemeenten")),
            Field("doel_datum", "date", _("Doel: datum")),
            Field("opvolger_van", "string", _("Code van het initiatief dat dit opvolgt")),
            Field("url", "anyURI", _("Pagina op Labregister")),
        ),
        ("initiatief",),
        _initiative_rows,
        "gestart_op",
    ),
    Dataset(
        "adoptiestatussen",
        _("Adoptiestatussen"),
        _("De actuele status van elk initiatief in elke gemeente die er een heeft gemeld."),
        (
            MUNICIPALITY_CODE,
            MUNICIPALITY_TOOI,
            INITIATIVE,
            Field("status", "string", _("Status")),
            Field("status_sinds", "date", _("Sinds wanneer de status geldt")),
            SINCE_IS_UPPER_BOUND,
            Field("bewijsniveau", "string", _("Soort bewijs bij ‘geïmplementeerd’")),
            Field("bewijs_url", "anyURI", _("Link naar het bewijs")),
            Field("bron", "string", _("Hoe de status binnenkwam")),
            Field("samenwerkingsverband", "string", _("Samenwerkingsverband dat het meldde")),
            Field("toelichting", "string", _("Openbare toelichting van de gemeente")),
            Field("laatst_bevestigd_op", "date", _("Laatst bevestigd op")),
        ),
        ("gemeente_code", "initiatief"),
        _status_rows,
        "status_sinds",
    ),
    Dataset(
        "statusgeschiedenis",
        _("Statusgeschiedenis"),
        _("Elke wijziging van een status, in de volgorde waarin zij werd vastgelegd."),
        (
            MUNICIPALITY_CODE,
            INITIATIVE,
            Field("oude_status", "string", _("Status ervoor (leeg: geen)")),
            Field("nieuwe_status", "string", _("Nieuwe status")),
            Field("ingangsdatum", "date", _("Ingangsdatum")),
            SINCE_IS_UPPER_BOUND,
            Field("bewijsniveau", "string", _("Soort bewijs")),
            Field("bron", "string", _("Hoe de wijziging binnenkwam")),
            Field("vastgelegd_op", "dateTime", _("Moment van vastleggen")),
            Field("versie", "integer", _("Versie van het record na de wijziging")),
        ),
        (),
        _history_rows,
        "ingangsdatum",
    ),
    Dataset(
        "samenwerkingsverbanden",
        _("Samenwerkingsverbanden en hun leden"),
        _("Elk lidmaatschap van een samenwerkingsverband, met de initiatieven die het uitvoert."),
        (
            Field("samenwerkingsverband", "string", _("Naam")),
            MUNICIPALITY_CODE,
            MUNICIPALITY_TOOI,
            Field("gemeente_naam", "string", _("Naam van de gemeente")),
            Field("lid_sinds", "date", _("Lid sinds")),
            Field("uitgetreden_op", "date", _("Eerste dag dat de gemeente geen lid meer is")),
            Field(
                "initiatieven",
                "string",
                _("Initiatieven die het uitvoert, gescheiden door spaties"),
            ),
        ),
        (),
        _partnership_rows,
        "lid_sinds",
    ),
    Dataset(
        "indicatoren",
        _("Indicatoren"),
        _("De uitkomstindicatoren die meten wat initiatieven opleveren."),
        (
            Field("indicator", "string", _("Code")),
            Field("naam", "string", _("Naam")),
            Field("omschrijving", "string", _("Omschrijving")),
            Field("eenheid", "string", _("Eenheid")),
            Field("richting", "string", _("Welke kant beter is")),
            Field("periode", "string", _("Soort periode")),
            Field("ondergrens", DECIMAL, _("Ondergrens van de band")),
            Field("bovengrens", DECIMAL, _("Bovengrens van de band")),
            Field("bron", "string", _("Bron")),
            Field(
                "initiatieven", "string", _("Initiatieven die het meet, gescheiden door spaties")
            ),
        ),
        ("indicator",),
        _indicator_rows,
    ),
    Dataset(
        "indicatorwaarden",
        _("Indicatorwaarden"),
        _("De waarde van elke indicator per gemeente en periode."),
        (
            Field("indicator", "string", _("Code van de indicator")),
            MUNICIPALITY_CODE,
            Field("periode", "string", _("Periode (2025, 2025-K3 of 2025-07)")),
            Field("periode_begin", "date", _("Eerste dag van de periode")),
            Field("waarde", DECIMAL, _("Waarde")),
            Field("bron", "string", _("Hoe de waarde binnenkwam")),
        ),
        ("indicator", "gemeente_code", "periode"),
        _indicator_value_rows,
        "periode_begin",
    ),
)
