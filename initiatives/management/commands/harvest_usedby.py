from django.core.management.base import BaseCommand, CommandError

from initiatives.adoption.harvest import apply_harvest, harvest_sources, plan_harvest
from initiatives.adoption.updates import AdoptionError
from initiatives.constants import HarvestKind


class Command(BaseCommand):
    help = (
        "Leest de oogstbronnen (publiccode.yml usedBy, OpenCatalogi-bestanden, registers) en "
        "laat per genoemde organisatie zien wat er zou veranderen. Met --apply wordt alles wat "
        "nieuw of gewijzigd is in één keer vastgelegd (bron ‘harvest’)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--initiative", help="alleen de bronnen van dit initiatief (slug)")
        parser.add_argument("--kind", choices=HarvestKind.values, help="alleen deze soort bron")
        parser.add_argument("--apply", action="store_true", help="leg de wijzigingen vast")

    def handle(self, *args, initiative, kind, apply, **options):
        sources = list(harvest_sources(initiative, kind))
        if not sources:
            raise CommandError("Er zijn geen oogstbronnen die hierbij passen.")
        try:
            plan = apply_harvest(sources, user=None) if apply else plan_harvest(sources)
        except AdoptionError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write("Oogst vastgelegd." if apply else "Proefoogst: er is niets vastgelegd.")
        for line in plan.lines:
            self.stdout.write(
                f"{line.claim.initiative.slug}\t{line.outcome.label}\t{line.claim.text}\t"
                f"{line.reason}"
            )
        self.stdout.write(", ".join(f"{o.label}: {n}" for o, n in plan.counts))
        for error in plan.errors:
            self.stderr.write(error)
        if plan.errors:
            raise CommandError(f"{len(plan.errors)} bron(nen) konden niet worden gelezen.")
