"""Vocabularies of living labs and their results."""

from django.db import models
from django.utils.translation import gettext_lazy as _

LAB_CONTRIBUTORS_GROUP = "Lab-bijdrager"
REVIEW_WORKFLOW = "Expertbeoordeling"
REVIEW_TASK = "Beoordeling door VNG-redactie"


class LabStatus(models.TextChoices):
    PREPARING = "preparing", _("In voorbereiding")
    RUNNING = "running", _("Loopt")
    FINISHED = "finished", _("Afgerond")
    STOPPED = "stopped", _("Gestopt")


class Recommendation(models.TextChoices):
    SCALE_UP = "scale_up", _("Opschalen")
    ADAPT = "adapt", _("Aanpassen")
    STOP = "stop", _("Stoppen")
    INVESTIGATE = "investigate", _("Nader onderzoek")


class Actor(models.TextChoices):
    RIJK = "rijk", _("Rijk")
    VNG = "vng", _("VNG")
    SUPPLIER = "supplier", _("Leverancier")
    MUNICIPALITY = "municipality", _("Gemeente")
    PARTNER = "partner", _("Maatschappelijke partner")


class FollowUpDecision(models.TextChoices):
    ADOPT_EXISTING = "adopt_existing", _("Opnemen in een bestaand initiatief")
    NEW_INITIATIVE = "new_initiative", _("Nieuw initiatief starten")
    NO_SCALE_UP = "no_scale_up", _("Niet opschalen")
