"""Who may do what in the register: the roles, the groups they map onto, and every check.

Every path (admin, import, API, mail, to-do list) asks here. The QuerySets only narrow by the
relations they are given (`Municipality.objects.edited_by`, `Adoption.objects.answerable_through`),
so each rule has this one home.
"""

import datetime
from collections.abc import Iterable

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission, Site, Task, Workflow

from .constants import MUNICIPAL_EDITORS_GROUP, PARTNERSHIP_EDITORS_GROUP, VNG_EDITORS_GROUP
from .errors import AdoptionError
from .models import (
    Adoption,
    AdoptionClaim,
    AdoptionImport,
    ApiToken,
    CorrectionRequest,
    Membership,
    Municipality,
    Partnership,
    PartnershipMember,
)

# ------------------------------------------------------------------------- roles


def is_signed_in(user) -> bool:
    """A person signed in with an active account; nobody else has any role."""
    return bool(user and user.is_authenticated and user.is_active)


def is_vng_staff(user) -> bool:
    """VNG editors and superusers may change every municipality's records."""
    if not is_signed_in(user):
        return False
    if user.is_superuser:
        return True
    # Kept on the user object for its request, as Django keeps permissions (`_perm_cache`).
    if not hasattr(user, "_vng_staff_cache"):
        user._vng_staff_cache = user.groups.filter(name=VNG_EDITORS_GROUP).exists()
    return user._vng_staff_cache


def grant_municipal_editor(user, municipality: Municipality) -> None:
    """Make the user an editor of this municipality's adoption records."""
    Membership.objects.get_or_create(user=user, municipality=municipality)
    user.groups.add(Group.objects.get(name=MUNICIPAL_EDITORS_GROUP))


def grant_vng_editor(user) -> None:
    """Make the user VNG staff: initiative pages, reviews, follow-up, every municipality."""
    user.groups.add(Group.objects.get(name=VNG_EDITORS_GROUP))


def grant_partnership_editor(user, partnership: Partnership) -> None:
    """Let the user report statuses for the samenwerkingsverband's members."""
    partnership.editors.add(user)
    user.groups.add(Group.objects.get(name=PARTNERSHIP_EDITORS_GROUP))


# ------------------------------------------------------------------------- what a user may see


def editable_municipalities(user):
    """The municipalities whose adoption records `user` may see in full and change.

    VNG staff: all; a municipal editor: those of their memberships; anyone else: none.
    """
    if is_vng_staff(user):
        return Municipality.objects.all()
    if not is_signed_in(user):
        return Municipality.objects.none()
    return Municipality.objects.edited_by(user)


def editable_partnerships(user):
    """The samenwerkingsverbanden `user` may report for: VNG staff all, editors theirs."""
    if is_vng_staff(user):
        return Partnership.objects.all()
    if not is_signed_in(user):
        return Partnership.objects.none()
    return Partnership.objects.edited_by(user)


def editable_adoptions(user):
    """Records `user` may see in full (internal notes included) and change."""
    return Adoption.objects.of_municipalities(editable_municipalities(user))


def answerable_adoptions(user, day: datetime.date):
    """Records `user` answers for: their own municipalities' records, and those their
    samenwerkingsverband reported for a municipality that is its member on `day`, of an
    initiative it runs."""
    reporting = PartnershipMember.objects.of_partnerships(editable_partnerships(user))
    return Adoption.objects.answerable_through(editable_municipalities(user), reporting, day)


def editable_claims(user):
    """Claims about the municipalities whose records `user` may change."""
    return AdoptionClaim.objects.of_municipalities(editable_municipalities(user))


def editable_corrections(user):
    """Correction requests about the municipalities whose records `user` may change."""
    return CorrectionRequest.objects.of_municipalities(editable_municipalities(user))


def visible_imports(user):
    """The import log: VNG staff see every import, others their own."""
    batches = AdoptionImport.objects.all()
    return batches if is_vng_staff(user) else batches.filter(uploaded_by=user)


def may_manage_sources(user) -> bool:
    """Harvest sources and the names they write are VNG's to read and decide."""
    return is_vng_staff(user)


def has_adoption_work(user) -> bool:
    """Whether `user` answers for any municipality's or samenwerkingsverband's records."""
    return editable_municipalities(user).exists() or editable_partnerships(user).exists()


def token_speaks_for(token: ApiToken | None, municipality_id: int) -> bool:
    """An API token speaks for its own municipality only: it may change its records and read
    their internal notes, and nothing of any other municipality."""
    return token is not None and token.membership.municipality_id == municipality_id


# ------------------------------------------------------------------------- refusals


def not_allowed(municipalities) -> AdoptionError:
    """The refusal of every path when a person may not change these municipalities' records."""
    names = ", ".join(str(m) for m in municipalities)
    return AdoptionError(
        {"municipality": _("U mag de gegevens van %(names)s niet wijzigen.") % {"names": names}}
    )


def check_may_change(user, municipality_ids: Iterable[int]) -> None:
    """Raise AdoptionError unless `user` may change every one of these municipalities.

    `user=None` is the system itself (demo loader, mergers).
    """
    if user is None:
        return
    wanted = set(municipality_ids)
    allowed = set(editable_municipalities(user).filter(pk__in=wanted).values_list("pk", flat=True))
    refused = wanted - allowed
    if refused:
        raise not_allowed(Municipality.objects.filter(pk__in=refused))


def check_may_answer(user, adoption: Adoption) -> None:
    """Raise AdoptionError unless `user` answers for this record (`answerable_adoptions`)."""
    if user is None:
        return
    today = timezone.localdate()
    if not answerable_adoptions(user, today).filter(pk=adoption.pk).exists():
        raise not_allowed([adoption.municipality])


def check_may_report_via_partnership(user, updates: list) -> None:
    """Raise AdoptionError unless `user` may report each update for its samenwerkingsverband:
    an initiative it runs, for a municipality that was a member on the update's date and is
    one on the day of writing."""
    if user is None or not updates:
        return
    groups: dict[tuple, list] = {}
    for update in updates:
        key = (update.partnership.pk, update.initiative.pk, update.effective_date)
        groups.setdefault(key, []).append(update)
    reporting = PartnershipMember.objects.of_partnerships(editable_partnerships(user))
    refused = []
    for (partnership_id, initiative_id, day), group in groups.items():
        members = reporting.filter(
            partnership_id=partnership_id, partnership__initiatives=initiative_id
        )
        allowed = set.intersection(
            *(
                set(members.on(moment).values_list("municipality_id", flat=True))
                for moment in (day, timezone.localdate())
            )
        )
        refused += [update for update in group if update.municipality.pk not in allowed]
    if refused:
        names = ", ".join(sorted({str(update.municipality) for update in refused}))
        raise AdoptionError(
            {
                "municipality": _(
                    "%(partnership)s mag voor %(names)s geen status melden: geen lid op die "
                    "datum, of het initiatief hoort niet bij het samenwerkingsverband."
                )
                % {"partnership": refused[0].partnership, "names": names}
            }
        )


# ------------------------------------------------------------------------- groups

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
                "indicator",
                "indicatorsource",
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
