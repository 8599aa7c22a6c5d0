from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from initiatives.permissions import is_vng_staff
from website.pages import pages_shown_to

from .models import LabMembership, LivingLabPage
from .permissions import is_lab_contributor


@hooks.register("construct_page_chooser_queryset")
def choosers_name_only_pages_the_person_may_see(pages, request):
    """Contributors and editors choose among published pages and their own drafts; a draft
    of someone else's lab is not listed, found, or opened as a parent."""
    if is_vng_staff(request.user):
        return pages
    shown = pages_shown_to(request.user)
    parent = request.resolver_match.kwargs.get("parent_page_id")
    if parent is not None and not shown.filter(pk=parent).exists():
        raise Http404
    return pages.filter(pk__in=shown.values("pk"))


@hooks.register("before_edit_page")
def contributors_do_not_edit_the_lab_page_itself(request, page):
    """Lab contributors add results below a lab; the lab page is VNG's."""
    # Their lab's group may change the lab's pages, which in Wagtail includes the lab page.
    if isinstance(page.specific, LivingLabPage) and is_lab_contributor(request.user):
        raise PermissionDenied(_("U kunt resultaten van uw lab schrijven, niet het lab zelf."))


class LabMembershipViewSet(ModelViewSet):
    model = LabMembership
    icon = "group"
    menu_label = _("Labdeelnemers")
    add_to_settings_menu = True
    form_fields = ["user", "lab"]
    list_display = ["user", "lab"]
    search_fields = ["user__username", "lab__title"]


@hooks.register("register_admin_viewset")
def register_lab_membership_viewset():
    """Lab memberships in the settings menu."""
    return LabMembershipViewSet("lab_memberships")
