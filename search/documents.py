"""What is searchable, as backend-neutral documents, from the sources the apps register."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.conf import settings
from django.utils import translation

from .sources import SOURCES


@dataclass
class Document:
    key: str
    type: str
    title: str
    text: str
    url: str
    year: int | None
    facets: dict[str, list[str]] = field(default_factory=dict)


def _documents(source, objects) -> list[Document]:
    # In the site's language, whoever's request changed the object: one index, one language.
    with translation.override(settings.LANGUAGE_CODE):
        if hasattr(source, "documents"):
            fields = source.documents(objects)
        else:
            fields = (source.document(obj) for obj in objects)
        return [Document(**f) for f in fields if f is not None]


def all_documents(chunk_size: int = 500) -> Iterator[Document]:
    """Every searchable document, read in chunks."""
    for source in SOURCES.values():
        objects = source.queryset().iterator(chunk_size)
        while chunk := list(islice(objects, chunk_size)):
            yield from _documents(source, chunk)


def count_documents() -> int:
    """How many objects a rebuild reads (each at most one document)."""
    return sum(source.queryset().count() for source in SOURCES.values())


def key_for(instance) -> str:
    """The index key of a searchable object; "" for anything else."""
    specific = getattr(instance, "specific", instance)
    for source in SOURCES.values():
        if isinstance(specific, source.model):
            return f"{source.kind}:{specific.pk}"
    return ""


def documents_for_keys(keys: list[str]) -> dict[str, Document | None]:
    """{key: the document as it is now, or None when the object is gone or not public}, in
    one query and one document build per kind."""
    by_kind: dict[str, list[str]] = {}
    for key in keys:
        kind, _, pk = key.partition(":")
        by_kind.setdefault(kind, []).append(pk)
    found: dict[str, Document | None] = dict.fromkeys(keys)
    for kind, pks in by_kind.items():
        source = SOURCES.get(kind)
        if source is not None:
            objects = list(source.queryset().filter(pk__in=pks))
            found.update((document.key, document) for document in _documents(source, objects))
    return found
