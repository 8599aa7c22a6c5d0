from django.apps import AppConfig


class LabregisterConfig(AppConfig):
    """Installed for its management commands (`load_demo`, `grant_role`)."""

    name = "labregister"
    verbose_name = "Labregister"
