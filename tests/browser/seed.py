"""Accounts for the browser journeys, on top of the register and the demo content.

Run inside the browser server's database: `manage.py shell -c "from tests.browser import
seed; seed.run()"`.
"""

from initiatives.models import Municipality
from labs.models import LivingLabPage
from tests.factories import editor_of, lab_contributor, vng_editor


def run():
    vng_editor(username="vng")
    editor_of(Municipality.objects.get(code="GM0153"), username="redacteur-enschede")
    lab_contributor(
        LivingLabPage.objects.get(slug="living-lab-oost-nederland"), username="bijdrager"
    )
