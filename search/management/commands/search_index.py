import sys
import time

from django.core.management.base import BaseCommand, CommandError

from search.backends.base import Unavailable
from search.documents import count_documents
from search.indexing import pending_count, rebuild, send_pending


class Command(BaseCommand):
    help = "Bouwt de zoekindex opnieuw op (database en, indien ingesteld, Elasticsearch)."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=500)
        parser.add_argument(
            "--pending",
            action="store_true",
            help="stuur alleen de wachtende wijzigingen naar Elasticsearch (elke minuut via cron)",
        )

    def handle(self, *args, chunk_size, pending, **options):
        if pending:
            self.stdout.write(f"{send_pending(chunk_size)} wijzigingen verstuurd.")
            if waiting := pending_count():
                # A non-zero exit, so that cron reports it; the next run tries again.
                raise CommandError(
                    f"{waiting} wijzigingen wachten nog: Elasticsearch nam ze niet aan "
                    "(niet bereikbaar of index ontbreekt). De volgende run probeert het "
                    "opnieuw; ontbreekt de index, voer dan search_index zonder --pending uit."
                )
            return
        total = count_documents()
        done = 0
        started = time.perf_counter()

        def progress(count):
            nonlocal done
            done += count
            filled = int(30 * done / max(total, 1))
            sys.stdout.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
            sys.stdout.flush()

        try:
            indexed = rebuild(chunk_size, progress)
        except Unavailable as error:
            raise CommandError(
                "De database-index is opnieuw opgebouwd, maar Elasticsearch nam de index niet "
                f"aan ({error}). Zoeken antwoordt uit de database tot search_index slaagt."
            ) from error
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"\n{indexed} documenten geïndexeerd in {seconds:.1f} s "
            f"({indexed / max(seconds, 0.001):.0f} documenten/s)."
        )
