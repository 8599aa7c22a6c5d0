from django.core.management.base import BaseCommand, CommandError

from initiatives.adoption.tokens import issue_api_token
from initiatives.models import Membership


class Command(BaseCommand):
    help = "Geeft een API-sleutel uit voor het lidmaatschap van een gebruiker bij een gemeente."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True)
        parser.add_argument("--municipality", required=True, help="CBS-code, zoals GM0153")
        parser.add_argument("--name", default="Koppeling", help="waarvoor de sleutel dient")

    def handle(self, *args, user, municipality, name, **options):
        membership = Membership.objects.filter(
            user__username=user, municipality__code=municipality
        ).first()
        if membership is None:
            raise CommandError(f"{user} is geen lid van gemeente {municipality}.")
        raw = issue_api_token(membership, name)
        self.stdout.write("Bewaar deze sleutel nu; hij wordt niet nogmaals getoond:")
        self.stdout.write(raw)
