from django.core.management.base import BaseCommand, CommandError

from initiatives.adoption.harvest import (
    HarvestOutcome,
    apply_harvest,
    harvest_sources,
    plan_harvest,
)
from initiatives.constants import HarvestKind, status_label
from initiatives.errors import AdoptionError


class Command(BaseCommand):
    help = (
        "Leest de oogstbronnen (publiccode.yml usedBy, OpenCatalogi-bestanden, registers) elk "
        "afzonderlijk en laat per genoemde organisatie zien wat er zou veranderen: bron, naam "
        "zoals geschreven, gemeente en hoe herkend, oude → nieuwe status en waarom. Met --apply "
        "worden de claims bewaard; alleen waar niets bekend is, staat de sterkste claim voor de "
        "status. Afsluitcode 1: iets is niet vastgelegd (een bron onleesbaar, of een naam te "
        "beoordelen)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--initiative", help="alleen de bronnen van dit initiatief (slug)")
        parser.add_argument("--kind", choices=HarvestKind.values, help="alleen deze soort bron")
        parser.add_argument("--apply", action="store_true", help="leg de claims vast")

    def handle(self, *args, initiative, kind, apply, **options):
        sources = list(harvest_sources(initiative, kind))
        if not sources:
            raise CommandError("Er zijn geen oogstbronnen die hierbij passen.")
        try:
            plan = apply_harvest(sources, user=None) if apply else plan_harvest(sources)
        except AdoptionError as error:
            raise CommandError(" ".join(error.messages)) from error
        self._write_sources(plan)
        self._write_lines(plan)
        self.stdout.write(", ".join(f"{o.label}: {n}" for o, n in plan.counts))
        if apply:
            self.stdout.write(
                f"Oogst vastgelegd voor {len(plan.readable)} van {len(plan.readings)} bronnen."
            )
        else:
            self.stdout.write("Proefoogst: er is niets vastgelegd.")
        if not plan.complete:
            raise CommandError(
                f"Niet alles is vastgelegd: {len(plan.errors)} bron(nen) onleesbaar, "
                f"{plan.count(HarvestOutcome.REVIEW)} "
                "naam/namen te beoordelen."
            )

    def _write_sources(self, plan):
        for reading in plan.readings:
            source = reading.source
            state = f"gelezen, {len(reading.claims)} claim(s)" if reading.read else "NIET GELEZEN"
            self.stdout.write(f"Bron {source.get_kind_display()}: {source.url}\t{state}")
            for message in [reading.error, *reading.notes]:
                if message:
                    (self.stderr if message == reading.error else self.stdout).write(f"  {message}")

    def _write_lines(self, plan):
        for line in plan.lines:
            municipality = line.match.municipality
            self.stdout.write(
                "\t".join(
                    [
                        line.claim.source_url,
                        line.claim.initiative.slug,
                        line.claim.text,
                        f"{municipality} ({line.match.kind.label})" if municipality else "-",
                        f"{status_label(line.old_status)} → {status_label(line.new_status)}",
                        str(line.outcome.label),
                        line.reason,
                    ]
                )
            )
