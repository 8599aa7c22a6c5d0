from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "site_search"
    verbose_name = _("Zoeken")

    def ready(self):
        # Django's place for modules that need the app registry; nothing here dodges a cycle.
        from . import signals, sources

        sources.discover()
        signals.connect()
