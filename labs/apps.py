from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class LabsConfig(AppConfig):
    name = "labs"
    verbose_name = _("Living labs")

    def ready(self):
        from .models import LabIndexPage
        from .permissions import ensure_lab_roles, set_up_lab_index

        post_migrate.connect(ensure_lab_roles)

        def lab_index_saved(sender, instance, created, raw=False, **kwargs):
            if created and not raw:
                set_up_lab_index(instance)

        post_save.connect(lab_index_saved, sender=LabIndexPage, weak=False)
