"""Caching public answers by the version of the data they are made of.

A view decorated with `cached_by(version)` answers a visitor without a session or an API key
from the "pages" cache while `version(request, *args, **kwargs)` (a few cheap sums and maxima
read from the database, for the parts of the data the view shows) is the same, and sends an
ETag made of that version and the address, so that a browser or client that asks again with
If-None-Match gets a 304 without the page being made at all. Nothing has to be invalidated: a
write changes the version, and every key made from the old one simply stops being asked for.
Each process may therefore keep its own cache (the default, local memory); production can
share one in Redis (PAGE_CACHE_URL).
"""

import functools
import hashlib
from collections.abc import Callable

from django.core.cache import caches
from django.http import HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

CACHE_ALIAS = "pages"
# Browsers and proxies may keep an answer, but must ask whether it still holds.
CACHE_CONTROL = {"public": True, "no_cache": True}


def version_key(*parts: str) -> str:
    """The cache key of what these parts (a data version among them) name."""
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _cacheable(request) -> bool:
    user = getattr(request, "user", None)
    return (
        request.method in ("GET", "HEAD")
        and "HTTP_AUTHORIZATION" not in request.META
        and not (user is not None and user.is_authenticated)
    )


def cached_by(version: Callable[..., str]):
    """Decorate a view whose public answer depends only on its address, the language and
    the data `version(request, *args, **kwargs)` names (the view's own arguments)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            key = version_key(
                version(request, *args, **kwargs), get_language() or "", request.get_full_path()
            )
            etag = f'"{key[:32]}"'
            if etag in request.META.get("HTTP_IF_NONE_MATCH", ""):
                response = HttpResponseNotModified()
            else:
                cache = caches[CACHE_ALIAS]
                response = cache.get(key)
                if response is None:
                    response = view(request, *args, **kwargs)
                    if response.status_code != 200 or response.streaming:
                        return response
                    if hasattr(response, "render"):
                        response.render()
                    cache.set(key, response)
            response["ETag"] = etag
            patch_cache_control(response, **CACHE_CONTROL)
            return response

        return wrapped

    return decorate
