"""Adoption records as rows with the import's columns, so an export can be re-imported."""

from .import_files import COLUMNS


def adoption_rows(adoptions):
    """Header plus one row per record, streamed from the database in chunks."""
    yield list(COLUMNS)
    records = adoptions.select_related("municipality", "initiative").order_by(
        "municipality__code", "initiative__title"
    )
    for adoption in records.iterator(chunk_size=2000):
        yield [
            adoption.municipality.code,
            adoption.municipality.tooi_uri,
            adoption.municipality.name,
            adoption.initiative.slug,
            adoption.status,
            adoption.status_since.isoformat(),
            adoption.evidence_level,
            adoption.evidence_url,
            adoption.public_explanation,
        ]
