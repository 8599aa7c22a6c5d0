from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from initiatives.models import Municipality, Partnership
from initiatives.permissions import (
    grant_municipal_editor,
    grant_partnership_editor,
    grant_vng_editor,
)
from labs.models import LivingLabPage
from labs.permissions import grant_lab_contributor


class Command(BaseCommand):
    help = (
        "Geeft een bestaande gebruiker een rol: redacteur van een gemeente (--gemeente GM0153), "
        "VNG-redactie (--vng), bijdrager aan een lab (--lab <slug>) of redacteur van een "
        "samenwerkingsverband (--samenwerkingsverband <naam>)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        role = parser.add_mutually_exclusive_group(required=True)
        role.add_argument("--gemeente", metavar="CBS-CODE")
        role.add_argument("--vng", action="store_true")
        role.add_argument("--lab", metavar="SLUG")
        role.add_argument("--samenwerkingsverband", metavar="NAAM")

    def handle(self, *args, username, gemeente, vng, lab, samenwerkingsverband, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(
                f"Gebruiker ‘{username}’ bestaat niet. Maak de gebruiker eerst aan onder "
                "Instellingen → Gebruikers in /admin/ (of met createsuperuser)."
            )
        if vng:
            grant_vng_editor(user)
            self.stdout.write(f"{username} is nu VNG-redactie.")
        elif gemeente:
            municipality = Municipality.objects.current().filter(code=gemeente.upper()).first()
            if municipality is None:
                raise CommandError(
                    f"Gemeente ‘{gemeente}’ bestaat niet (meer); gebruik een CBS-code zoals GM0153."
                )
            grant_municipal_editor(user, municipality)
            self.stdout.write(f"{username} is nu redacteur van {municipality}.")
        elif samenwerkingsverband:
            partnership = Partnership.objects.filter(name=samenwerkingsverband).first()
            if partnership is None:
                raise CommandError(
                    f"Samenwerkingsverband ‘{samenwerkingsverband}’ bestaat niet; maak het aan "
                    "onder Instellingen → Samenwerkingsverbanden."
                )
            grant_partnership_editor(user, partnership)
            self.stdout.write(f"{username} meldt nu statussen namens {partnership}.")
        else:
            page = LivingLabPage.objects.filter(slug=lab).first()
            if page is None:
                raise CommandError(f"Lab ‘{lab}’ bestaat niet; gebruik de slug uit de adresbalk.")
            grant_lab_contributor(user, page)
            self.stdout.write(f"{username} is nu bijdrager aan {page.title}.")
