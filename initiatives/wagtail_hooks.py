from django.db import models
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .admin.todo_views import TodoPanel
from .models import (
    ApiToken,
    HarvestSource,
    Indicator,
    IndicatorSource,
    Membership,
    Partnership,
    PartnershipMember,
)
from .permissions import has_adoption_work


@hooks.register("register_admin_urls")
def register_adoption_urls():
    """The admin area "Adoptie" under /admin/adoptie/."""
    return [path("adoptie/", include("initiatives.admin.urls"))]


@hooks.register("insert_global_admin_css")
def adoption_admin_css():
    """The layout of the to-do list and the status list (laptop and phone)."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("construct_homepage_panels")
def add_todo_panel(request, panels):
    """Editors see what waits for them (the to-do list of "Adoptie") on their dashboard."""
    panels.append(TodoPanel(request))


class AdoptionMenuItem(MenuItem):
    """Shown to those who answer for a municipality's or a samenwerkingsverband's records
    (and VNG); a lab contributor has nothing to do there."""

    def is_shown(self, request):
        return has_adoption_work(request.user)


@hooks.register("register_admin_menu_item")
def register_adoption_menu_item():
    """The menu item of the admin area "Adoptie"."""
    return AdoptionMenuItem(
        _("Adoptie"), reverse("adoption_admin:index"), icon_name="tasks", order=150
    )


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


class PartnershipViewSet(ModelViewSet):
    """VNG keeps the samenwerkingsverbanden, their initiatives and their editors."""

    model = Partnership
    icon = "group"
    menu_label = _("Samenwerkingsverbanden")
    add_to_settings_menu = True
    form_fields = ["name", "initiatives", "editors"]
    list_display = ["name"]
    search_fields = ["name"]


class PartnershipMemberViewSet(ModelViewSet):
    """Which municipality was a member of which samenwerkingsverband, and when."""

    model = PartnershipMember
    icon = "group"
    menu_label = _("Leden van samenwerkingsverbanden")
    add_to_settings_menu = True
    form_fields = ["partnership", "municipality", "joined_on", "left_on"]
    list_display = ["municipality", "partnership", "joined_on", "left_on"]
    list_filter = ["partnership"]
    search_fields = ["municipality__name", "partnership__name"]


class HttpsUrlFields:
    """Web addresses typed without a scheme are https (Django 6's default, without warning)."""

    def formfield_for_dbfield(self, db_field, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, **kwargs)


class HarvestSourceViewSet(HttpsUrlFields, ModelViewSet):
    """The public files a harvest reads."""

    model = HarvestSource
    icon = "download"
    menu_label = _("Oogstbronnen")
    add_to_settings_menu = True
    form_fields = ["kind", "url", "initiative", "repository_url"]
    list_display = ["url", "kind", "initiative", "last_read_at"]
    list_filter = ["kind"]


class IndicatorViewSet(ModelViewSet):
    """VNG keeps the outcome indicators: their bandbreedte and the initiatives they measure."""

    model = Indicator
    icon = "table"
    menu_label = _("Indicatoren")
    add_to_settings_menu = True
    form_fields = [
        "name",
        "slug",
        "description",
        "unit",
        "money",
        "direction",
        "lower_limit",
        "upper_limit",
        "smallest_possible",
        "largest_possible",
        "period_kind",
        "source",
        "initiatives",
    ]
    list_display = ["name", "unit", "period_kind"]
    search_fields = ["name", "slug"]


class IndicatorSourceViewSet(HttpsUrlFields, ModelViewSet):
    """The open statistics files the indicator harvest reads."""

    model = IndicatorSource
    icon = "download"
    menu_label = _("Bronnen van indicatorwaarden")
    add_to_settings_menu = True
    form_fields = ["indicator", "url"]
    list_display = ["url", "indicator", "last_read_at"]


@hooks.register("register_admin_viewset")
def register_indicator_viewsets():
    """Indicators and their sources in the settings menu."""
    return [IndicatorViewSet("indicators"), IndicatorSourceViewSet("indicator_sources")]


@hooks.register("register_admin_viewset")
def register_source_viewsets():
    """Samenwerkingsverbanden, their members and harvest sources in the settings menu."""
    return [
        PartnershipViewSet("partnerships"),
        PartnershipMemberViewSet("partnership_members"),
        HarvestSourceViewSet("harvest_sources"),
    ]
