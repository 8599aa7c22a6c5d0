"""Rich text as plain words, for indexes and summaries."""

import html

from django.utils.html import strip_tags


def plain_text(markup) -> str:
    """Rich text as the words a reader sees: no tags, and entities such as &#x27; decoded
    (whoever shows the text escapes it once, then)."""
    return html.unescape(strip_tags(str(markup)))
