"""The DCAT catalogue of the open data in JSON-LD (DCAT-AP 3 as DCAT-AP-NL profiles it):
the catalogue, each dataset with its coverage and its distributions (CSV with its CSVW
description, JSON), made from the newest version's manifest.

The licence is CC0 1.0: the Dutch government publishes open data without conditions by
default (the open-data policy and data.overheid.nl prefer CC0), and a register of facts about
public bodies should be reusable in other registers without attribution chains."""

from collections.abc import Callable

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .datasets import DATASETS
from .publishing import LICENCE, MEDIA_TYPES, both_languages

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "adms": "http://www.w3.org/ns/adms#",
}
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
FILE_TYPES = {"csv": "CSV", "json": "JSON", "csv-metadata.json": "JSON_LD"}
CSVW = "http://www.w3.org/ns/csvw"


def _typed(value: str | None, datatype: str) -> dict | None:
    return {"@value": value, "@type": f"xsd:{datatype}"} if value else None


def _distribution(url: Callable[[str], str], slug: str, kind: str, entry: dict) -> dict:
    address = url(f"{slug}.{kind}")
    distribution = {
        "@id": address,
        "@type": "dcat:Distribution",
        "dct:title": [
            {"@value": f"{slug}.{kind}", "@language": "nl"},
            {"@value": f"{slug}.{kind}", "@language": "en"},
        ],
        "dcat:accessURL": {"@id": address},
        "dcat:downloadURL": {"@id": address},
        "dcat:mediaType": {"@id": IANA + MEDIA_TYPES[kind]},
        "dct:format": {"@id": f"{EU}file-type/{FILE_TYPES[kind]}"},
        "dcat:byteSize": _typed(str(entry["bytes"][kind]), "nonNegativeInteger"),
        "dct:license": {"@id": LICENCE},
    }
    if kind == "csv":
        distribution["dct:conformsTo"] = {"@id": url(f"{slug}.csv-metadata.json")}
    if kind == "csv-metadata.json":
        distribution["dct:conformsTo"] = {"@id": CSVW}
    return distribution


def catalogue(manifest: dict | None, url: Callable[[str], str], page: str) -> dict:
    """The catalogue as a JSON-LD document; `url(name)` is the stable address of a file of
    the newest version, `page` the open-data page's. Without a publication yet, a catalogue
    without datasets."""
    publisher = {
        "@id": settings.PUBLISHER_URL,
        "@type": "foaf:Agent",
        "foaf:name": settings.PUBLISHER_NAME,
    }
    contact = {
        "@type": "vcard:Organization",
        "vcard:fn": settings.PUBLISHER_NAME,
        "vcard:hasEmail": {"@id": f"mailto:{settings.PUBLISHER_EMAIL}"},
    }
    datasets = []
    for dataset in DATASETS if manifest else ():
        entry = manifest["datasets"][dataset.slug]
        coverage = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": _typed(entry["first_day"], "date"),
            "dcat:endDate": _typed(entry["last_day"], "date"),
        }
        datasets.append(
            {
                "@id": f"{page}#{dataset.slug}",
                "@type": "dcat:Dataset",
                "dct:identifier": dataset.slug,
                "dct:title": both_languages(dataset.title),
                "dct:description": both_languages(dataset.description),
                "dct:publisher": publisher,
                "dcat:contactPoint": contact,
                "dct:license": {"@id": LICENCE},
                "dct:accessRights": {"@id": f"{EU}access-right/PUBLIC"},
                "dct:language": {"@id": f"{EU}language/NLD"},
                "dcat:theme": {"@id": f"{EU}data-theme/GOVE"},
                "dct:modified": _typed(manifest["version"], "date"),
                "dct:temporal": coverage if entry["first_day"] else None,
                "dcat:landingPage": {"@id": f"{page}#{dataset.slug}"},
                "dcat:distribution": [
                    _distribution(url, dataset.slug, kind, entry) for kind in MEDIA_TYPES
                ],
            }
        )
    return {
        "@context": CONTEXT,
        "@id": page,
        "@type": "dcat:Catalog",
        "dct:title": both_languages(_("Open data van Labregister")),
        "dct:description": both_languages(
            _(
                "Gezamenlijke initiatieven van gemeenten en VNG, welke gemeente ze invoerde, "
                "en wat ze opleverden: elke dataset dagelijks, gedateerd."
            )
        ),
        "dct:publisher": publisher,
        "dcat:contactPoint": contact,
        "dct:license": {"@id": LICENCE},
        "dct:language": {"@id": f"{EU}language/NLD"},
        "foaf:homepage": {"@id": page},
        "dct:modified": _typed(manifest["version"] if manifest else None, "date"),
        "dcat:dataset": datasets,
    }
