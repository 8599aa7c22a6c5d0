"""Site-wide navigation: the main menu and the link to the same page in the other language."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

register = template.Library()

MENU = [
    (_("Initiatieven"), "wagtail_serve", ["initiatieven/"]),
    (_("Labs"), "wagtail_serve", ["labs/"]),
    (_("Gemeenten"), "municipalities:list", []),
    (_("Rapportages"), "reports:index", []),
    (_("Zoeken"), "search", []),
]


@register.simple_tag(takes_context=True)
def main_menu(context):
    """(label, url, current) per menu item; current when the page lies in that section."""
    path = getattr(context.get("request"), "path", "")
    items = []
    for label, name, args in MENU:
        url = reverse(name, args=args)
        items.append((label, url, path.startswith(url)))
    return items


@register.simple_tag(takes_context=True)
def alternate_language_link(context):
    """A link to this page in the other language, labelled in that language."""
    request = context.get("request")
    other = [code for code, _name in settings.LANGUAGES if code != get_language()]
    if request is None or not other:
        return ""
    code = other[0]
    return format_html(
        '<a class="language-switch" href="{}" hreflang="{}" lang="{}">{}</a>',
        translate_url(request.get_full_path(), code),
        code,
        code,
        get_language_info(code)["name_local"],
    )
