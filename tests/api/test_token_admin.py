import pytest
from django.utils import timezone

from initiatives.adoption.tokens import issue_api_token
from initiatives.models import ApiToken, Membership
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_administrator_sees_last_use_and_revokes_a_token(client, enschede):
    membership = Membership.objects.create(user=UserFactory(), municipality=enschede)
    issue_api_token(membership, "Zaaksysteem")
    token = ApiToken.objects.get()
    token.last_used_at = timezone.now()
    token.save()
    admin = UserFactory(username="beheerder", is_superuser=True, is_staff=True)
    client.force_login(admin)

    listing = client.get("/admin/api_tokens/")
    assert listing.status_code == 200 and token.prefix in listing.content.decode()
    # Wagtail answers a refused action with a redirect to the dashboard.
    creating = client.get("/admin/api_tokens/new/")
    assert (creating.status_code, creating["Location"]) == (302, "/admin/")

    client.post(
        f"/admin/api_tokens/edit/{token.pk}/",
        {"name": "Zaaksysteem", "revoked_at": "2026-01-01 10:00"},
    )
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert len(token.key_hash) == 64 and token.prefix != token.key_hash[:8]
