"""API tokens: issued per membership, stored as a hash, revocable."""

import hashlib
import secrets

from django.db.models import Q
from django.utils import timezone

from ..models import ApiToken, Membership


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_api_token(membership: Membership, name: str) -> str:
    """Create a token and return it; this is the only time it is readable."""
    raw = secrets.token_urlsafe(32)
    ApiToken.objects.create(membership=membership, name=name, prefix=raw[:8], key_hash=_hash(raw))
    return raw


def active_token(raw: str) -> ApiToken | None:
    """The unrevoked token with this value, its last-used time updated; None otherwise."""
    token = (
        ApiToken.objects.select_related("membership__municipality", "membership__user")
        .filter(key_hash=_hash(raw), membership__user__is_active=True)
        # A revocation dated in the future takes effect then, not now.
        .filter(Q(revoked_at__isnull=True) | Q(revoked_at__gt=timezone.now()))
        .first()
    )
    if token:
        token.last_used_at = timezone.now()
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=token.last_used_at)
    return token
