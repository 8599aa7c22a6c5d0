"""The editor's to-do page, the first screen of the admin area "Adoptie", and its twin on the
admin dashboard: what waits for the people who answer for records, each with its action."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.template.loader import get_template
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from ..adoption.todo import TodoKind, todo_of
from ..models import AdoptionSettings
from ..permissions import editable_municipalities, editable_partnerships, may_manage_sources
from ..rules import stale_cutoff

# Items of each kind on the to-do page; the section's own page lists them all.
PAGE_ITEMS = 10
# Items of each kind on the dashboard panel.
PANEL_ITEMS = 3
SECTION_PAGE_SIZE = 50


def _stale_before(request):
    return stale_cutoff(AdoptionSettings.for_request(request))


def _todo_of(request, stale_before):
    return todo_of(request.user, stale_before, timezone.localdate())


def _heads(sections, shown: int):
    """Each section with its first `shown` items."""
    return [(section, section.items[:shown]) for section in sections]


def todo(request):
    """The to-do list, with the municipalities and samenwerkingsverbanden the editor keeps."""
    municipalities = editable_municipalities(request.user).current()
    return render(
        request,
        "initiatives/admin/index.html",
        {
            "page_title": _("Adoptie: te doen"),
            "header_icon": "tasks",
            "sections": _heads(_todo_of(request, _stale_before(request)), PAGE_ITEMS),
            "municipalities": municipalities,
            "partnerships": editable_partnerships(request.user),
            "may_harvest": may_manage_sources(request.user),
            "may_import": municipalities.exists(),
        },
    )


def todo_section(request, kind):
    """Every item of one kind of work, oldest first, a page at a time."""
    try:
        wanted = TodoKind(kind)
    except ValueError:
        raise Http404 from None
    stale_before = _stale_before(request)
    section = next(s for s in _todo_of(request, stale_before) if s.kind == wanted)
    page = Paginator(section.items, SECTION_PAGE_SIZE).get_page(request.GET.get("p"))
    return render(
        request,
        "initiatives/admin/todo_section.html",
        {
            "page_title": section.kind.label,
            "header_icon": "tasks",
            "section": section,
            "items": page,
            "stale_before": stale_before,
        },
    )


class TodoPanel(Component):
    """The dashboard's summary of the to-do list; shown only when something waits."""

    name = "adoption_todo"
    order = 50
    template_name = "initiatives/admin/todo_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        sections = _todo_of(self.request, _stale_before(self.request))
        waiting = [section for section in sections if section.count]
        return {"sections": _heads(waiting, PANEL_ITEMS)}

    def render_html(self, parent_context=None):
        # With the request, so that the items' forms carry their CSRF token.
        template = get_template(self.template_name)
        return template.render(self.get_context_data(parent_context), self.request)
