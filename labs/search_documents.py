"""What the search indexes of the labs: living labs and their results.

Found by `search` (it imports `<app>.search_documents` of every app); this app does not
import search. Documents are dicts with the fields of `search.documents.Document`.
"""

from django.utils.translation import gettext_lazy

from website.markup import plain_text

from .constants import Recommendation
from .models import LabResultPage, LivingLabPage


def published_labs():
    """The public labs, with their host and domains."""
    return LivingLabPage.objects.published().select_related("host").prefetch_related("domains")


class Labs:
    """Published living labs."""

    kind = "lab"
    label = gettext_lazy("Living lab")
    model = LivingLabPage

    def queryset(self):
        """The public labs."""
        return published_labs()

    def document(self, lab) -> dict:
        """The document of one lab."""
        return {
            "key": f"{self.kind}:{lab.pk}",
            "type": self.kind,
            "title": lab.title,
            "text": " ".join([lab.summary, lab.host.name, *lab.partner_list]),
            "url": lab.url,
            "year": lab.started_on.year,
            "facets": {
                "domain": [d.slug for d in lab.domains.all()],
                "province": [lab.host.province],
                "size": [lab.host.size_class or ""],
                "year": [str(lab.started_on.year)],
            },
        }


class Results:
    """Published lab results below a published lab; they carry their lab's facets."""

    kind = "lab_result"
    label = gettext_lazy("Labresultaat")
    model = LabResultPage

    def queryset(self):
        """The public results."""
        return LabResultPage.objects.published().prefetch_related("barriers")

    def documents(self, results):
        """The documents of these results, reading their labs in one query."""
        results = list(results)
        paths = {result.path[: -LabResultPage.steplen] for result in results}
        labs = {lab.path: lab for lab in published_labs().filter(path__in=paths)}
        for result in results:
            lab = labs.get(result.path[: -LabResultPage.steplen])
            if lab is not None:
                yield self._document(result, lab)

    def document(self, result) -> dict | None:
        """The document of one result; None when its lab is not public."""
        return next(self.documents([result]), None)

    def _document(self, result, lab) -> dict:
        year = result.first_published_at.year if result.first_published_at else None
        return {
            "key": f"{self.kind}:{result.pk}",
            "type": self.kind,
            "title": result.title,
            "text": " ".join(
                [result.question, plain_text(result.approach), lab.title]
                + [plain_text(block.value) for block in result.findings]
                + [barrier.description for barrier in result.barriers.all()]
            ),
            "url": result.url,
            "year": year,
            "facets": {
                "domain": [d.slug for d in lab.domains.all()],
                "province": [lab.host.province],
                "recommendation": [result.recommendation],
                "year": [str(year)] if year else [],
            },
        }


SOURCES = [Labs(), Results()]


def facet_value_labels() -> dict[str, dict[str, str]]:
    """Display labels of the facet values this app's documents carry."""
    return {"recommendation": {k: str(v) for k, v in Recommendation.choices}}


REINDEX_SIGNALS = []
