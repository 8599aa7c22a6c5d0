"""What the search indexes of the register: initiatives and municipalities.

Found by `search` (it imports `<app>.search_documents` of every app); this app does not
import search. Each source yields documents as dicts with the fields of
`search.documents.Document`: key, type, title, text, url, year and facets.
"""

from collections import defaultdict

from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from website.markup import plain_text

from .adoption.names import other_names
from .constants import AdoptionStatus, Kind, Phase, SizeClass
from .models import Adoption, Domain, InitiativePage, Municipality
from .signals import adoptions_recorded


class Initiatives:
    """Published initiative pages."""

    kind = "initiative"
    label = gettext_lazy("Initiatief")
    model = InitiativePage

    def queryset(self):
        """The public ones, with what their documents read."""
        return InitiativePage.objects.published().prefetch_related("domains")

    def document(self, page) -> dict:
        """The document of one page."""
        year = page.started_on.year if page.started_on else None
        return {
            "key": f"{self.kind}:{page.pk}",
            "type": self.kind,
            "title": page.title,
            "text": " ".join(
                [page.full_name, page.summary, plain_text(page.public_value)]
                + [plain_text(block.value) for block in page.body]
            ),
            "url": page.url,
            "year": year,
            "facets": {
                "domain": [d.slug for d in page.domains.all()],
                "phase": [page.phase],
                "kind": [page.kind],
                "year": [str(year)] if year else [],
            },
        }


class Municipalities:
    """Today's municipalities, naming what they implemented."""

    kind = "municipality"
    label = gettext_lazy("Gemeente")
    model = Municipality
    # Its text is written here, so the search page writes it again in the reader's language.
    generated_text = True

    def queryset(self):
        """Today's municipalities."""
        return Municipality.objects.current()

    def documents(self, municipalities) -> list[dict]:
        """The documents of these municipalities, with the published initiatives each
        implemented: titles only, in one query (a municipality may have thousands)."""
        implemented = defaultdict(list)
        for municipality_id, title in (
            Adoption.objects.filter(
                municipality__in=municipalities,
                status=AdoptionStatus.IMPLEMENTED,
                initiative__in=InitiativePage.objects.published(),
            )
            .order_by("initiative_id")
            .values_list("municipality_id", "initiative__title")
        ):
            implemented[municipality_id].append(title)
        also_known_as = other_names()
        return [
            self._document(m, implemented[m.pk], also_known_as.get(m.code, []))
            for m in municipalities
        ]

    def texts(self, keys: list[str]) -> dict[str, str]:
        """{key: text} of these documents, in the active language."""
        ids = [int(key.removeprefix(f"{self.kind}:")) for key in keys]
        documents = self.documents(self.queryset().filter(pk__in=ids))
        return {document["key"]: document["text"] for document in documents}

    def _document(self, municipality, implemented: list[str], known_as: list[str]) -> dict:
        return {
            "key": f"{self.kind}:{municipality.pk}",
            "type": self.kind,
            "title": municipality.name,
            "text": _(
                "Gemeente %(name)s (%(code)s), provincie %(province)s. Geïmplementeerd: %(list)s."
            )
            % {
                "name": municipality.name,
                "code": municipality.code,
                "province": municipality.province,
                "list": ", ".join(implemented) or "—",
            }
            + (
                " " + _("Ook bekend als: %(names)s.") % {"names": ", ".join(known_as)}
                if known_as
                else ""
            ),
            "url": reverse("municipalities:detail", args=[municipality.code]),
            "year": None,
            "facets": {
                "province": [municipality.province],
                "size": [municipality.size_class or ""],
            },
        }


SOURCES = [Initiatives(), Municipalities()]


def facet_value_labels() -> dict[str, dict[str, str]]:
    """Display labels of the facet values this app's documents carry."""
    return {
        "domain": {domain.slug: domain.label for domain in Domain.objects.all()},
        "phase": {k: str(v) for k, v in Phase.choices},
        "kind": {k: str(v) for k, v in Kind.choices},
        "size": {k: str(v) for k, v in SizeClass.choices},
    }


def municipalities_of_recorded_adoptions(municipality_ids, **kwargs):
    """Recorded statuses change what the municipalities' documents list."""
    return Municipality.objects.filter(pk__in=municipality_ids)


def municipalities_naming(pages):
    """The municipalities whose documents list one of these pages as implemented."""
    return Municipality.objects.filter(
        adoptions__initiative__in=pages, adoptions__status=AdoptionStatus.IMPLEMENTED
    ).distinct()


def municipalities_naming_the_page(instance, **kwargs):
    """An initiative published or unpublished: the documents that list it change."""
    return municipalities_naming([instance])


def municipalities_naming_the_restricted(instance, **kwargs):
    """A privacy setting changed: the documents that list a page under it change."""
    return municipalities_naming(Page.objects.descendant_of(instance.page, inclusive=True))


# Changes other than saving, publishing or deleting an indexed object: (signal, the objects
# whose documents it changes, the sender listened to).
REINDEX_SIGNALS = [
    (adoptions_recorded, municipalities_of_recorded_adoptions),
    (page_published, municipalities_naming_the_page, InitiativePage),
    (page_unpublished, municipalities_naming_the_page, InitiativePage),
    (post_save, municipalities_naming_the_restricted, PageViewRestriction),
    (post_delete, municipalities_naming_the_restricted, PageViewRestriction),
]
