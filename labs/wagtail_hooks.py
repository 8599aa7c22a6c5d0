from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import LabMembership
from .permissions import may_write_under


@hooks.register("before_create_page")
def contributors_add_results_only_to_their_labs(request, parent_page, page_class):
    if not may_write_under(request.user, parent_page, page_class):
        raise PermissionDenied(
            _("U kunt alleen resultaten toevoegen aan labs waar u aan deelneemt.")
        )


@hooks.register("before_edit_page")
def contributors_edit_results_only_of_their_labs(request, page):
    if not may_write_under(request.user, page.get_parent()):
        raise PermissionDenied(_("U kunt alleen resultaten van uw eigen labs bewerken."))


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
    return LabMembershipViewSet("lab_memberships")
