from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatieven en adoptie")

    def ready(self):
        # Signal handlers and registries need the app registry: imported once it is ready.
        from .permissions import ensure_groups
        from .web import page_context  # noqa: F401 - registers the pages' context

        post_migrate.connect(ensure_groups)
