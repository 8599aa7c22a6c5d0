"""What is searchable, as backend-neutral documents: initiatives, labs, results, municipalities."""

import html
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from initiatives.constants import AdoptionStatus
from initiatives.models import Adoption, InitiativePage, Municipality
from labs.models import LabResultPage, LivingLabPage

FACETS = ("type", "domain", "phase", "kind", "province", "size", "recommendation", "year")


@dataclass
class Document:
    key: str
    type: str
    title: str
    text: str
    url: str
    year: int | None
    facets: dict[str, list[str]] = field(default_factory=dict)


def plain_text(markup) -> str:
    """Rich text as the words a reader sees: no tags, and entities such as &#x27; decoded
    (the snippet escapes the text once, when it is shown)."""
    return html.unescape(strip_tags(str(markup)))


def _key(kind: str, pk: int) -> str:
    return f"{kind}:{pk}"


def initiative_document(page: InitiativePage) -> Document:
    """The searchable document of an initiative page."""
    year = page.started_on.year if page.started_on else None
    return Document(
        key=_key("initiative", page.pk),
        type="initiative",
        title=page.title,
        text=" ".join(
            [page.full_name, page.summary, plain_text(page.public_value)]
            + [plain_text(block.value) for block in page.body]
        ),
        url=page.url,
        year=year,
        facets={
            "domain": [d.slug for d in page.domains.all()],
            "phase": [page.phase],
            "kind": [page.kind],
            "year": [str(year)] if year else [],
        },
    )


def lab_document(lab: LivingLabPage) -> Document:
    """The searchable document of a living lab."""
    return Document(
        key=_key("lab", lab.pk),
        type="lab",
        title=lab.title,
        text=" ".join([lab.summary, lab.host.name, *lab.partner_list]),
        url=lab.url,
        year=lab.started_on.year,
        facets={
            "domain": [d.slug for d in lab.domains.all()],
            "province": [lab.host.province],
            "size": [lab.host.size_class or ""],
            "year": [str(lab.started_on.year)],
        },
    )


def result_document(result: LabResultPage, lab: LivingLabPage) -> Document:
    """The searchable document of a lab result, with its lab's domains and province."""
    year = result.first_published_at.year if result.first_published_at else None
    return Document(
        key=_key("lab_result", result.pk),
        type="lab_result",
        title=result.title,
        text=" ".join(
            [result.question, plain_text(result.approach), lab.title]
            + [plain_text(block.value) for block in result.findings]
            + [barrier.description for barrier in result.barriers.all()]
        ),
        url=result.url,
        year=year,
        facets={
            "domain": [d.slug for d in lab.domains.all()],
            "province": [lab.host.province],
            "recommendation": [result.recommendation],
            "year": [str(year)] if year else [],
        },
    )


def municipality_document(municipality: Municipality) -> Document:
    """The searchable document of a municipality, naming what it implemented."""
    implemented = [
        a.initiative.title
        for a in municipality.adoptions.all()
        if a.status == AdoptionStatus.IMPLEMENTED
    ]
    return Document(
        key=_key("municipality", municipality.pk),
        type="municipality",
        title=municipality.name,
        text=_("Gemeente %(name)s (%(code)s), provincie %(province)s. Geïmplementeerd: %(list)s.")
        % {
            "name": municipality.name,
            "code": municipality.code,
            "province": municipality.province,
            "list": ", ".join(implemented) or "—",
        },
        url=reverse("municipalities:detail", args=[municipality.code]),
        year=None,
        facets={
            "province": [municipality.province],
            "size": [municipality.size_class or ""],
        },
    )


PAGE_KINDS = {"initiative": InitiativePage, "lab": LivingLabPage, "lab_result": LabResultPage}


def _labs():
    return LivingLabPage.objects.published().select_related("host").prefetch_related("domains")


def _results():
    return LabResultPage.objects.published().prefetch_related("barriers")


def _municipalities():
    adoptions = Prefetch("adoptions", queryset=Adoption.objects.select_related("initiative"))
    return Municipality.objects.current().prefetch_related(adoptions)


def all_documents(chunk_size: int = 500) -> Iterator[Document]:
    """Every searchable document, read in chunks."""
    initiatives = InitiativePage.objects.published().prefetch_related("domains")
    for page in initiatives.iterator(chunk_size):
        yield initiative_document(page)
    labs = {lab.path: lab for lab in _labs()}
    yield from (lab_document(lab) for lab in labs.values())
    for result in _results().iterator(chunk_size):
        lab = labs.get(result.path[: -LabResultPage.steplen])
        if lab is not None:
            yield result_document(result, lab)
    for municipality in _municipalities().iterator(chunk_size):
        yield municipality_document(municipality)


def count_documents() -> int:
    """How many documents a rebuild indexes."""
    return (
        InitiativePage.objects.published().count()
        + _labs().count()
        + _results().count()
        + Municipality.objects.current().count()
    )


def key_for(instance) -> str:
    """The index key of a searchable object; "" for anything else."""
    if isinstance(instance, Municipality):
        return _key("municipality", instance.pk)
    page = instance.specific
    for kind, model in PAGE_KINDS.items():
        if isinstance(page, model):
            return _key(kind, page.pk)
    return ""


def document_for_key(key: str) -> Document | None:
    """The document as it is now; None when the object is gone or not public."""
    kind, _, pk = key.partition(":")
    if kind == "municipality":
        current = _municipalities().filter(pk=pk).first()
        return municipality_document(current) if current else None
    model = PAGE_KINDS.get(kind)
    # Unpublished, or behind a password or login (Wagtail privacy): public nowhere.
    page = model and model.objects.published().filter(pk=pk).first()
    if not page:
        return None
    if isinstance(page, InitiativePage):
        return initiative_document(page)
    if isinstance(page, LivingLabPage):
        return lab_document(page)
    lab = _labs().filter(path=page.path[: -LabResultPage.steplen]).first()
    return result_document(page, lab) if lab is not None else None
