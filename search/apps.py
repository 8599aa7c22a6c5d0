from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "site_search"
    verbose_name = _("Zoeken")

    def ready(self):
        # Signal handlers and registries need the app registry: imported once it is ready.
        from . import signals, sources

        sources.discover()
        signals.connect()
