from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import LabMembership, LivingLabPage
from .permissions import is_lab_contributor


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
