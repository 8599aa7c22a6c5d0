from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import ApiToken, Membership


@hooks.register("register_admin_urls")
def register_adoption_urls():
    """The admin area "Adoptie" under /admin/adoptie/."""
    return [path("adoptie/", include("initiatives.admin.urls"))]


@hooks.register("register_admin_menu_item")
def register_adoption_menu_item():
    """The menu item of the admin area "Adoptie"."""
    return MenuItem(_("Adoptie"), reverse("adoption_admin:index"), icon_name="tasks", order=150)


class MembershipViewSet(ModelViewSet):
    """Administrators decide who edits which municipality (model permissions apply)."""

    model = Membership
    icon = "group"
    menu_label = _("Lidmaatschappen")
    add_to_settings_menu = True
    form_fields = ["user", "municipality", "role"]
    list_display = ["user", "municipality", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "municipality__name", "municipality__code"]


@hooks.register("register_admin_viewset")
def register_membership_viewset():
    """Memberships in the settings menu."""
    return MembershipViewSet("memberships")


class ApiTokenPermissionPolicy(ModelPermissionPolicy):
    """Tokens are issued with `manage.py issue_api_token`, which shows the secret once;
    the admin lists them and can revoke them, but cannot create one without a secret."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


register_permission_policy(ApiToken, ApiTokenPermissionPolicy(ApiToken))


class ApiTokenViewSet(ModelViewSet):
    model = ApiToken
    icon = "key"
    menu_label = _("API-sleutels")
    add_to_settings_menu = True
    form_fields = ["name", "revoked_at"]
    list_display = ["prefix", "membership", "name", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]


@hooks.register("register_admin_viewset")
def register_api_token_viewset():
    """API tokens in the settings menu (list and revoke)."""
    return ApiTokenViewSet("api_tokens")
