from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatieven en adoptie")

    def ready(self):
        from .permissions import ensure_groups

        post_migrate.connect(ensure_groups)
