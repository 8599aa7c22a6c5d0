"""Giving people their role: the one place that turns a role into memberships and groups."""

from django.contrib.auth.models import Group

from .constants import MUNICIPAL_EDITORS_GROUP, PARTNERSHIP_EDITORS_GROUP, VNG_EDITORS_GROUP
from .models import Membership, Municipality, Partnership


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
