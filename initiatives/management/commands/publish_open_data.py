import resource
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from initiatives.opendata.publishing import publish


class Command(BaseCommand):
    help = (
        "Publiceert alle open datasets van vandaag (CSV, JSON, CSVW) onder OPEN_DATA_ROOT en "
        "bewaart de nieuwste OPEN_DATA_KEEP versies; dagelijks vanuit cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep", type=int, default=None, help="Hoeveel versies bewaard blijven."
        )

    def handle(self, *args, keep=None, **options):
        keep = keep if keep is not None else settings.OPEN_DATA_KEEP
        if keep < 1:
            self.stderr.write(_("--keep moet minstens 1 zijn: de nieuwste versie blijft altijd."))
            raise SystemExit(2)
        started = time.monotonic()
        manifest = publish(settings.OPEN_DATA_ROOT, keep)
        rows = sum(entry["rows"] for entry in manifest["datasets"].values())
        # ru_maxrss is in kilobytes on Linux.
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            _(
                "Versie %(version)s gepubliceerd: %(datasets)d datasets, %(rows)d rijen, "
                "%(seconds).1f s, piekgeheugen %(peak).0f MB."
            )
            % {
                "version": manifest["version"],
                "datasets": len(manifest["datasets"]),
                "rows": rows,
                "seconds": time.monotonic() - started,
                "peak": peak,
            }
        )
