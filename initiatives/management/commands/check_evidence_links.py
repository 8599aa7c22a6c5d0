import time
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.utils.formats import number_format

from initiatives.adoption.link_checks import NothingReachable, check_evidence_links
from initiatives.constants import LinkOutcome


class Command(BaseCommand):
    help = (
        "Controleert de bewijslinks van adoptiestatussen (HEAD, dan GET) en legt per link "
        "vast of hij bereikbaar is (dagelijks via cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, help="alleen de N links die het langst niet zijn gecontroleerd"
        )

    def handle(self, *args, limit, **options):
        started = time.perf_counter()
        try:
            results = check_evidence_links(limit)
        except NothingReachable as offline:
            raise CommandError(str(offline)) from offline
        seconds = time.perf_counter() - started
        outcomes = Counter(result.outcome for result in results)
        parts = ", ".join(
            f"{LinkOutcome(outcome).label.lower()}: {count}" for outcome, count in outcomes.items()
        )
        self.stdout.write(
            f"{len(results)} links gecontroleerd in "
            f"{number_format(seconds, 1, use_l10n=True)} s" + (f" ({parts})" if parts else "")
        )
