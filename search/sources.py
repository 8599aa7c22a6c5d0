"""The kinds of searchable objects, registered by the apps that own them.

Every installed app may have a module `search_documents` with `SOURCES` (objects with
`kind`, `label`, `model`, `queryset()`, `document(obj)` and optionally `documents(objs)`;
one whose text the code writes sets `generated_text` and offers `texts(keys)`, that text in
the active language: documents are indexed in the site's language),
`facet_value_labels()` and `REINDEX_SIGNALS`; `discover()` reads them when Django starts.
Search therefore imports no content app, and a content app never imports search.
"""

from collections.abc import Callable, Iterable
from typing import Any, Protocol

from wagtail.utils.apps import get_app_submodules


class DocumentSource(Protocol):
    """One kind of searchable object; its documents are dicts of `Document`'s fields."""

    kind: str
    label: Any
    model: type

    def queryset(self) -> Any:
        """Every object of this kind the public may find."""

    def document(self, obj) -> dict | None:
        """The document of one object; None when it is not to be found."""


SOURCES: dict[str, DocumentSource] = {}
FACET_VALUE_LABELS: list[Callable[[], dict[str, dict[str, str]]]] = []
# (signal, function(sender, **signal kwargs) -> the objects whose documents the signal
# changed[, the sender to listen to])
REINDEX_SIGNALS: list[tuple[Any, Callable[..., Iterable]]] = []


def discover() -> None:
    """Read every app's `search_documents` module (once, from `SearchConfig.ready`)."""
    for _app, module in get_app_submodules("search_documents"):
        for source in getattr(module, "SOURCES", []):
            SOURCES[source.kind] = source
        if hasattr(module, "facet_value_labels"):
            FACET_VALUE_LABELS.append(module.facet_value_labels)
        REINDEX_SIGNALS.extend(getattr(module, "REINDEX_SIGNALS", []))
