from django.core.management.base import BaseCommand

from initiatives.adoption.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Mailt elke redacteur één herinnering met zijn verouderde statussen, elk hoogstens "
        "eens per periode (dagelijks via cron)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{send_reminders()} herinneringen verstuurd.")
