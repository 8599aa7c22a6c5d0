"""Accounts for the browser journeys, on top of the register and the demo content.

Run inside the browser server's database: `manage.py shell -c "from tests.browser import
seed; seed.run()"`.
"""

from initiatives.models import Municipality, Partnership
from initiatives.roles import grant_partnership_editor
from labs.models import LivingLabPage
from tests.factories import UserFactory


def run():
    UserFactory(username="vng", vng_editor=True)
    UserFactory(username="redacteur-enschede", editor_of=[Municipality.objects.get(code="GM0153")])
    UserFactory(
        username="bijdrager",
        contributor_of=[LivingLabPage.objects.get(slug="living-lab-oost-nederland")],
    )
    grant_partnership_editor(
        UserFactory(username="redacteur-twente"),
        Partnership.objects.get(name="Samenwerking Twente (demo)"),
    )
