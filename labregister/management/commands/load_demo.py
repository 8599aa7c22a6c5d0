from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Site

from initiatives.demo.content import load_demo_adoptions, load_demo_initiatives
from initiatives.demo.indicators import load_demo_indicators
from initiatives.models import Municipality
from labs.demo import load_demo_labs
from website.models import SiteSettings


class Command(BaseCommand):
    help = "Laadt de demo-inhoud: paginaboom, initiatieven, adoptiestatussen en labs (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="zaad voor de demostatussen")

    @transaction.atomic
    def handle(self, *args, seed, **options):
        if not Municipality.objects.exists():
            raise CommandError(
                "Het gemeenteregister is leeg; voer eerst ‘manage.py load_municipalities’ uit."
            )
        site = Site.objects.get(is_default_site=True)
        home = site.root_page.specific
        load_demo_initiatives(home)
        outcomes = Counter(load_demo_adoptions(seed))
        lab_pages = load_demo_labs(home)
        indicator_values = load_demo_indicators(seed)
        site_settings = SiteSettings.for_site(site)
        site_settings.demo_data_loaded = True
        site_settings.save()
        self.stdout.write(
            "Demodata geladen: "
            + (
                ", ".join(f"{count} {outcome.label}" for outcome, count in sorted(outcomes.items()))
                or "geen nieuwe statussen (wat er staat, blijft staan)"
            )
            + f"; {lab_pages} nieuwe labpagina's; {indicator_values} nieuwe indicatorwaarden."
        )
