"""/open-data/: the page listing every dataset and its versions, the files themselves (the
newest at a stable address, dated ones kept), and the DCAT catalogue."""

import datetime

from django.conf import settings
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from ..opendata.catalogue import catalogue
from ..opendata.datasets import DATASETS
from ..opendata.publishing import (
    MEDIA_TYPES,
    manifest_of,
    newest,
    published_at,
    published_file,
    versions,
)

# Every file is UTF-8 text and says so.
CONTENT_TYPES = {kind: f"{media_type}; charset=utf-8" for kind, media_type in MEDIA_TYPES.items()}


def _split(name: str) -> tuple[str, str]:
    """("gemeenten", "csv-metadata.json") from "gemeenten.csv-metadata.json"."""
    slug, _dot, kind = name.partition(".")
    return slug, kind


def _dated(entry: dict) -> dict:
    """A manifest entry with its coverage as days, for the page to write in words."""
    return entry | {
        key: datetime.date.fromisoformat(entry[key]) if entry[key] else None
        for key in ("first_day", "last_day")
    }


def open_data(request):
    """The datasets with their newest files, their columns, and the earlier versions."""
    root = settings.OPEN_DATA_ROOT
    # Each version's manifest read once: the newest for the datasets, the rest as history.
    manifest, *earlier = [manifest_of(root, version) for version in versions(root)] or [None]
    return render(
        request,
        "open_data/index.html",
        {
            "manifest": manifest,
            "published_at": published_at(manifest) if manifest else None,
            "datasets": [
                (dataset, _dated(manifest["datasets"][dataset.slug]) if manifest else None)
                for dataset in DATASETS
            ],
            "earlier": earlier,
        },
    )


def download(request, name: str, version: str | None = None):
    """A dataset's file: of the newest version, or of a dated one."""
    slug, kind = _split(name)
    path = published_file(settings.OPEN_DATA_ROOT, version, slug, kind)
    if path is None or not path.is_file():
        raise Http404(name)
    # FileResponse closes the file when the response has been sent.
    response = FileResponse(open(path, "rb"), content_type=CONTENT_TYPES[kind])  # noqa: SIM115
    dated = version or path.parent.name
    if kind != "csv-metadata.json":
        response["Content-Disposition"] = f'attachment; filename="{slug}-{dated}.{kind}"'
    return response


def catalogue_view(request):
    """The DCAT catalogue (JSON-LD) of the newest version."""
    page = request.build_absolute_uri(reverse("open_data:index"))

    def url(name):
        return request.build_absolute_uri(reverse("open_data:newest", args=[name]))

    return JsonResponse(
        catalogue(newest(settings.OPEN_DATA_ROOT), url, page),
        content_type="application/ld+json",
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
