from django.core.management.base import BaseCommand

from initiatives.notifications.subscriptions import send_change_digests


class Command(BaseCommand):
    help = "Mailt elke abonnee de statuswijzigingen sinds het vorige overzicht (bijv. wekelijks)."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_change_digests()} overzichten verstuurd.")
