from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Site

from initiatives.demo import load_demo_adoptions, load_demo_initiatives
from initiatives.models import Municipality
from website.models import SiteSettings


class Command(BaseCommand):
    help = "Laadt de demo-inhoud: paginaboom, initiatieven en demo-adoptiestatussen (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="zaad voor de demostatussen")

    @transaction.atomic
    def handle(self, *args, seed, **options):
        if not Municipality.objects.exists():
            raise CommandError(
                "Het gemeenteregister is leeg; voer eerst ‘manage.py load_municipalities’ uit."
            )
        site = Site.objects.get(is_default_site=True)
        load_demo_initiatives(site.root_page.specific)
        outcomes = Counter(load_demo_adoptions(seed))
        site_settings = SiteSettings.for_site(site)
        site_settings.demo_data_loaded = True
        site_settings.save()
        self.stdout.write(
            "Demodata geladen: "
            + ", ".join(f"{count} {outcome}" for outcome, count in sorted(outcomes.items()))
        )
