import pytest

from initiatives.models import Membership
from initiatives.tokens import issue_api_token
from tests.factories import UserFactory


@pytest.fixture
def token_for(enschede, hengelo):
    """Issues a token for a system user who is a member of the municipality."""

    def issue(municipality):
        user = UserFactory(username=f"systeem-{municipality.code}")
        membership, _created = Membership.objects.get_or_create(
            user=user, municipality=municipality
        )
        return issue_api_token(membership, "Zaaksysteem")

    return issue
