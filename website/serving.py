"""How a serving process settles after start-up."""

import gc

from django.urls import get_resolver


def keep_loaded_code_out_of_collections() -> None:
    """Import every view now, then move every object alive into the collector's permanent
    generation: Django, Wagtail and the project's modules live as long as the process, and
    their hundreds of thousands of objects made each full collection stall a request by up to
    ~200 ms (1 national scorecard in 7; docs/SCALING.md)."""
    get_resolver().url_patterns  # noqa: B018 - the URLconf imports the views when first read
    gc.freeze()
