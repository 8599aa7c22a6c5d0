from django.core.management.base import BaseCommand

from initiatives.models import AdoptionTally


class Command(BaseCommand):
    help = (
        "Telt de statussen per vergelijkingsgroep opnieuw als de gemeenten die bestaan sinds "
        "de vorige telling zijn veranderd (de dag dat een herindeling ingaat; dagelijks via "
        "cron, kort na middernacht). Pagina's lezen de tellingen alleen."
    )

    def handle(self, *args, **options):
        if AdoptionTally.objects.ensure_current():
            self.stdout.write("De tellingen waren actueel.")
        else:
            self.stdout.write("De tellingen zijn opnieuw geteld.")
