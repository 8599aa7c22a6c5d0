"""Bulk import of adoption statuses from CSV or XLSX: preview first, then all or nothing."""

import hashlib
import logging
from collections import Counter
from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..constants import UNKNOWN, ChangeSource, ImportState, status_label
from ..errors import AdoptionError
from ..models import Adoption, AdoptionChange, AdoptionImport
from .import_files import DRY_RUN_KEPT_FOR, ImportFileError, RowError, read_rows
from .import_rows import RowParser
from .service import record_adoptions
from .updates import Outcome
from .writes import store_bytes

logger = logging.getLogger("labregister.imports")


@dataclass(frozen=True)
class PreviewRow:
    """One row of the dry run: which record, and its status before and after."""

    row: int
    municipality: str
    initiative: str
    old_status: str
    new_status: str
    outcome: str
    # How the row's gemeentenaam was matched ("‘Den Haag’ → 's-Gravenhage (GM0518) (…)").
    matched: str = ""


@dataclass
class ImportResult:
    batch: AdoptionImport
    errors: list[RowError]
    preview: list[PreviewRow]


def expire_abandoned_dry_runs() -> int:
    """Forget the files of dry runs nobody confirmed within DRY_RUN_KEPT_FOR; returns how many."""
    cutoff = timezone.now() - DRY_RUN_KEPT_FOR
    return AdoptionImport.objects.filter(
        state=ImportState.PREVIEWED, uploaded_at__lt=cutoff
    ).update(state=ImportState.EXPIRED, content=b"")


def start_import(content: bytes, file_name: str, user) -> ImportResult:
    """Check a file and show what it would change (dry run); nothing is written but the log."""
    expire_abandoned_dry_runs()
    batch = AdoptionImport.objects.create(
        uploaded_by=user,
        file_name=file_name[:255],
        sha256=hashlib.sha256(content).hexdigest(),
        state=ImportState.PREVIEWED,
    )
    store_bytes(batch, "content", content)
    batch.content = content
    return _process(batch, user, apply=False)


def confirm_import(batch: AdoptionImport, user) -> ImportResult:
    """Apply a previewed file in one transaction; the file is checked again first."""
    if batch.state != ImportState.PREVIEWED or batch.uploaded_by_id != user.pk:
        raise ImportFileError(_("Deze import kan niet (meer) worden bevestigd."))
    return _process(batch, user, apply=True)


def _process(batch: AdoptionImport, user, *, apply: bool) -> ImportResult:
    parser = RowParser(user)
    file_errors: list[RowError] = []
    outcomes: list[Outcome] = []
    content = bytes(batch.content)
    with transaction.atomic():
        try:
            outcomes = record_adoptions(
                parser.updates(lambda: read_rows(content)),
                user=user,
                source=ChangeSource.IMPORT,
                import_batch=batch,
                dry_run=not apply,
            )
        except ImportFileError as error:
            file_errors.append(RowError(0, "", str(error)))
        except AdoptionError as error:
            file_errors += parser.row_errors(getattr(error, "errors", [error]))
        errors = file_errors + parser.errors
        failed = bool(errors)
        counts = Counter() if failed else Counter(outcomes)
        _record_outcome(batch, parser, file_errors, counts, apply)
        if failed or not apply:
            transaction.set_rollback(True)
        else:
            # Applied: the batch says so in the same transaction as its data.
            _save_outcome(batch)
    if failed or not apply:
        _save_outcome(batch)
    if failed:
        logger.info("Import %s (%s) rejected: %s errors", batch.pk, batch.file_name, len(errors))
    name_matches = parser.municipality_columns.name_matches
    preview = [] if failed else _preview(batch, parser.first_rows, outcomes, name_matches)
    return ImportResult(batch, errors, preview)


def _record_outcome(batch, parser, file_errors, counts, apply) -> None:
    """Counts, errors and state on the batch; a rejected file counts nothing as changed."""
    errors = file_errors + parser.errors
    batch.rows_total = parser.row_count
    batch.rows_new = counts[Outcome.CREATED]
    batch.rows_changed = counts[Outcome.CHANGED]
    batch.rows_unchanged = counts[Outcome.UNCHANGED]
    batch.rows_error = parser.error_count + len(file_errors)
    batch.errors = [asdict(error) for error in errors]
    if errors:
        batch.state, batch.content = ImportState.REJECTED, b""
    elif apply:
        batch.state, batch.content, batch.applied_at = ImportState.APPLIED, b"", timezone.now()


def _save_outcome(batch: AdoptionImport) -> None:
    """Save the batch, without its file while it is kept for confirmation: the file was
    stored on upload, and writing it again took several times its size in memory."""
    kept = batch.state == ImportState.PREVIEWED
    batch.save(
        update_fields=[
            field.name
            for field in AdoptionImport._meta.concrete_fields
            if not field.primary_key and not (kept and field.name == "content")
        ]
    )


def _preview(batch, first_rows, outcomes, name_matches) -> list[PreviewRow]:
    """The first rows as old → new status labels: the records hold the old status before a
    dry run's rollback, and after applying for the rows that changed nothing; the batch's
    history holds it for the rows it changed."""
    keys = [update.key for _number, update in first_rows]
    stored = {
        (m, i): status
        for m, i, status in Adoption.objects.filter(
            municipality_id__in={m for m, _i in keys}, initiative_id__in={i for _m, i in keys}
        ).values_list("municipality_id", "initiative_id", "status")
    }
    if batch.state == ImportState.APPLIED:
        stored.update(
            ((m, i), old or UNKNOWN)
            for m, i, old in AdoptionChange.objects.filter(import_batch=batch).values_list(
                "municipality_id", "initiative_id", "old_status"
            )
        )
    return [
        PreviewRow(
            number,
            str(update.municipality),
            update.initiative.title,
            status_label(stored.get(update.key, UNKNOWN)),
            status_label(update.status),
            outcome,
            name_matches[number].describe() if number in name_matches else "",
        )
        for (number, update), outcome in zip(first_rows, outcomes, strict=False)
    ]
