"""Who counts as VNG staff, and the Wagtail groups the roles map onto."""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Site, Task, Workflow

from .constants import MUNICIPAL_EDITORS_GROUP, PARTNERSHIP_EDITORS_GROUP, VNG_EDITORS_GROUP

# Permissions each group gets, as (app_label, codename).
GROUP_PERMISSIONS = {
    MUNICIPAL_EDITORS_GROUP: [("wagtailadmin", "access_admin")],
    PARTNERSHIP_EDITORS_GROUP: [("wagtailadmin", "access_admin")],
    VNG_EDITORS_GROUP: [
        ("wagtailadmin", "access_admin"),
        *[
            ("initiatives", f"{action}_{model}")
            for model in (
                "domain",
                "organisation",
                "barriercategory",
                "partnership",
                "partnershipmember",
                "harvestsource",
            )
            for action in ("add", "change", "delete")
        ],
    ],
}
VNG_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]

# What Wagtail's own migrations create for a generic site; this site has its own roles and
# review workflow, and English-named empty groups only confuse the people assigning roles.
WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


def is_vng_staff(user) -> bool:
    """VNG editors and superusers may change every municipality's records."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    # Kept on the user object for its request, as Django keeps permissions (`_perm_cache`).
    if not hasattr(user, "_vng_staff_cache"):
        user._vng_staff_cache = user.groups.filter(name=VNG_EDITORS_GROUP).exists()
    return user._vng_staff_cache


def is_last_post_migrate(sender) -> bool:
    """True for the post_migrate signal of the last app with models.

    Django creates each app's permissions in that app's own post_migrate, in INSTALLED_APPS
    order; only at the last one do all permissions exist, whichever app asks for them.
    """
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    return bool(with_models) and sender is with_models[-1]


def permission(app_label: str, codename: str) -> Permission:
    """One permission; a missing one is a programming error, never silently skipped."""
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_groups(sender, **kwargs):
    """Create the role groups with their permissions (post_migrate; idempotent)."""
    if not is_last_post_migrate(sender):
        return
    for name, permissions in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*(permission(*key) for key in permissions))

    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True).delete()
    Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW, workflow_states__isnull=True).delete()
    Task.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW, task_states__isnull=True).delete()

    vng = Group.objects.get(name=VNG_EDITORS_GROUP)
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return
    for codename in VNG_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=vng, page=site.root_page, permission=permission("wagtailcore", codename)
        )
