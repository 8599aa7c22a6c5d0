from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from initiatives.notifications.subscriptions import send_change_digests
from website.mail import finish_command


class Command(BaseCommand):
    help = "Mailt elke abonnee de statuswijzigingen sinds het vorige overzicht (bijv. wekelijks)."

    def handle(self, *args, **options):
        run = send_change_digests()
        finish_command(
            self,
            run,
            ngettext(
                "%(count)s overzicht verstuurd.", "%(count)s overzichten verstuurd.", run.sent
            ),
        )
