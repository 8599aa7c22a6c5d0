"""Publishing the open data: every dataset as CSV (for Dutch Excel, like the exports) and
JSON, with its CSVW metadata, in a directory per day under OPEN_DATA_ROOT.

A version is written in a hidden directory and renamed into place only when complete, its
manifest last, so a download is never half a file and the newest version is always whole.
Rows are streamed from the database to both files in one pass; nothing holds a dataset."""

import datetime
import json
import os
import re
import shutil
import tempfile
import time
import uuid
from decimal import Decimal
from itertools import chain
from pathlib import Path

from django.utils import timezone, translation

from website.exports import csv_lines, export_meta

from .datasets import DATASETS, Dataset, Lookups

MANIFEST = "manifest.json"
# The file kinds of a dataset: how its files end, and their media types.
MEDIA_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "csv-metadata.json": "application/csvm+json",
}
VERSION_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LICENCE = "http://creativecommons.org/publicdomain/zero/1.0/"
# A hidden directory older than this was left by a run that died; a newer one may be running.
LEFTOVER_SECONDS = 24 * 3600


def both_languages(text) -> list[dict]:
    """A translatable text as JSON-LD values in Dutch and English."""
    values = []
    for language in ("nl", "en"):
        with translation.override(language):
            values.append({"@value": str(text), "@language": language})
    return values


def _json_value(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} in an open dataset")


def csvw_metadata(dataset: Dataset, version: str) -> dict:
    """The CSVW ("CSV on the Web") description of the dataset's CSV: dialect, columns, types
    and meanings. Its `url` is relative, so it describes the newest and every dated copy."""
    return {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "nl"}],
        "url": f"{dataset.slug}.csv",
        "dc:title": both_languages(dataset.title),
        "dc:description": both_languages(dataset.description),
        "dc:license": {"@id": LICENCE},
        "dc:modified": {"@value": version, "@type": "xsd:date"},
        "dialect": {"delimiter": ";", "encoding": "utf-8", "header": True},
        "tableSchema": {
            "columns": [
                {
                    "name": field.name,
                    "titles": field.name,
                    "datatype": field.datatype,
                    "dc:description": both_languages(field.meaning),
                }
                for field in dataset.fields
            ],
            **({"primaryKey": list(dataset.key)} if dataset.key else {}),
        },
    }


def _write_dataset(directory: Path, dataset: Dataset, lookups: Lookups, meta: dict) -> dict:
    """Write the dataset's three files; returns its manifest entry."""
    header = dataset.header
    dated_at = header.index(dataset.dated_by) if dataset.dated_by else None
    summary = {"rows": 0, "first_day": None, "last_day": None}
    with (
        open(directory / f"{dataset.slug}.json", "w", encoding="utf-8") as json_file,
        open(directory / f"{dataset.slug}.csv", "w", encoding="utf-8", newline="") as csv_file,
    ):
        opening = {**meta, "dataset": dataset.slug, "licentie": LICENCE}
        json_file.write(json.dumps(opening, ensure_ascii=False, default=_json_value)[:-1])
        json_file.write(', "rows": [')

        def passed_to_json(rows):
            for row in rows:
                json_file.write(",\n" if summary["rows"] else "\n")
                json_file.write(
                    json.dumps(
                        dict(zip(header, row, strict=True)),
                        ensure_ascii=False,
                        default=_json_value,
                    )
                )
                summary["rows"] += 1
                day = row[dated_at] if dated_at is not None else None
                if day:
                    first, last = summary["first_day"], summary["last_day"]
                    summary["first_day"] = day if first is None else min(first, day)
                    summary["last_day"] = day if last is None else max(last, day)
                yield row

        csv_file.writelines(csv_lines(chain([header], passed_to_json(dataset.rows(lookups)))))
        json_file.write("\n]}\n")
    metadata = csvw_metadata(dataset, meta["peildatum"].isoformat())
    (directory / f"{dataset.slug}.csv-metadata.json").write_text(
        json.dumps(metadata, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return {
        "rows": summary["rows"],
        "first_day": summary["first_day"].isoformat() if summary["first_day"] else None,
        "last_day": summary["last_day"].isoformat() if summary["last_day"] else None,
        "bytes": {
            kind: (directory / f"{dataset.slug}.{kind}").stat().st_size for kind in MEDIA_TYPES
        },
    }


def publish(root: Path, keep: int) -> dict:
    """Write today's version of every dataset and switch it in whole (replacing an earlier
    one of today); keep the newest `keep` versions. Returns the new version's manifest."""
    root.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(root)
    meta = export_meta(None)
    version = meta["peildatum"].isoformat()
    staging = Path(tempfile.mkdtemp(prefix=".publishing-", dir=root))
    try:
        lookups = Lookups()
        manifest = {
            "version": version,
            "published_at": meta["gegenereerd_op"],
            "datasets": {d.slug: _write_dataset(staging, d, lookups, meta) for d in DATASETS},
        }
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        staging.chmod(0o755)
        _switch_in(root, staging, version)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    for stale in versions(root)[keep:]:
        shutil.rmtree(root / stale)
    return manifest


def _switch_in(root: Path, staging: Path, version: str) -> None:
    """Rename the finished version into place; an earlier one of the same day is moved
    aside first and removed after, so the newest complete version is always readable."""
    target = root / version
    replaced = root / f".replaced-{uuid.uuid4().hex}"
    if target.exists():
        target.rename(replaced)
    staging.rename(target)
    shutil.rmtree(replaced, ignore_errors=True)


def _remove_leftovers(root: Path) -> None:
    for leftover in chain(root.glob(".publishing-*"), root.glob(".replaced-*")):
        if time.time() - leftover.stat().st_mtime > LEFTOVER_SECONDS:
            shutil.rmtree(leftover, ignore_errors=True)


def versions(root: Path) -> list[str]:
    """The complete versions (with a manifest), newest first."""
    if not root.is_dir():
        return []
    return sorted(
        (
            entry.name
            for entry in os.scandir(root)
            if VERSION_PATTERN.match(entry.name) and (Path(entry.path) / MANIFEST).is_file()
        ),
        reverse=True,
    )


def manifest_of(root: Path, version: str) -> dict:
    """What a version holds: per dataset its rows, coverage and file sizes."""
    return json.loads((root / version / MANIFEST).read_text(encoding="utf-8"))


def newest(root: Path) -> dict | None:
    """The manifest of the newest complete version; None before the first publication."""
    found = versions(root)
    return manifest_of(root, found[0]) if found else None


def published_file(root: Path, version: str | None, slug: str, kind: str) -> Path | None:
    """The file of a dataset in a version (the newest when None); None when there is none.
    Only known datasets, kinds and versions: nothing from the address reaches the path
    unchecked."""
    known = versions(root)
    if version is None:
        version = known[0] if known else None
    if version not in known or kind not in MEDIA_TYPES:
        return None
    if slug not in {dataset.slug for dataset in DATASETS}:
        return None
    return root / version / f"{slug}.{kind}"


def published_at(manifest: dict) -> datetime.datetime:
    """When a version was published, in the site's time zone."""
    return datetime.datetime.fromisoformat(manifest["published_at"]).astimezone(
        timezone.get_current_timezone()
    )


def last_published(root: Path) -> datetime.datetime | None:
    """When the newest version was published; None before the first."""
    manifest = newest(root)
    return published_at(manifest) if manifest else None
