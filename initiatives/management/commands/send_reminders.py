from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from initiatives.notifications.reminders import send_reminders
from website.mail import finish_command


class Command(BaseCommand):
    help = (
        "Mailt elke redacteur één herinnering met zijn verouderde statussen, elk hoogstens "
        "eens per periode (dagelijks via cron)."
    )

    def handle(self, *args, **options):
        run = send_reminders()
        finish_command(
            self,
            run,
            ngettext(
                "%(count)s herinnering verstuurd.", "%(count)s herinneringen verstuurd.", run.sent
            ),
        )
