"""Who counts as VNG staff, and the Wagtail groups the roles map onto."""

from django.utils.translation import gettext_lazy as _

from .constants import MUNICIPAL_EDITORS_GROUP, VNG_EDITORS_GROUP

# Permissions each group gets, as (app_label, codename).
GROUP_PERMISSIONS = {
    MUNICIPAL_EDITORS_GROUP: [("wagtailadmin", "access_admin")],
    VNG_EDITORS_GROUP: [
        ("wagtailadmin", "access_admin"),
        *[
            ("initiatives", f"{action}_{model}")
            for model in ("domain", "organisation", "barriercategory")
            for action in ("add", "change", "delete")
        ],
    ],
}
VNG_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]

GROUP_DESCRIPTIONS = {
    MUNICIPAL_EDITORS_GROUP: _("Houdt de adoptiestatussen van de eigen gemeente(n) bij."),
    VNG_EDITORS_GROUP: _("Beheert initiatieven en mag alle adoptiestatussen wijzigen."),
}


def is_vng_staff(user) -> bool:
    """VNG editors and superusers may change every municipality's records."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=VNG_EDITORS_GROUP).exists()


def ensure_groups(**kwargs):
    """Create the role groups with their permissions (post_migrate; idempotent)."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission, Site

    for name, permissions in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codename in permissions:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission:
                group.permissions.add(permission)

    vng = Group.objects.get(name=VNG_EDITORS_GROUP)
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return
    for codename in VNG_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=vng,
            page=site.root_page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
