"""Rich text that is rendered inert whatever was stored: Wagtail's expansion, then nh3."""

import nh3
from django import template
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from website.links import is_web_url

register = template.Library()

ALLOWED_TAGS = {"p", "br", "b", "strong", "i", "em", "ol", "ul", "li", "h2", "h3", "h4", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitise_html(html: str) -> str:
    """Keep the markup the editor offers; drop scripts, handlers and javascript: links."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


@register.filter
def safe_richtext(value) -> str:
    """Like Wagtail's `richtext` filter, but sanitised; accepts a string or a RichText value."""
    source = getattr(value, "source", value) or ""
    return mark_safe(sanitise_html(expand_db_html(str(source))))  # noqa: S308 - sanitised above


@register.filter
def web_url(value) -> str:
    """The value if it is an http(s) address, else "": a stored link is never a script."""
    return value if value and is_web_url(str(value)) else ""
