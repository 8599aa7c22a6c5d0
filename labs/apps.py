from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class LabsConfig(AppConfig):
    name = "labs"
    verbose_name = _("Living labs")

    def ready(self):
        # Signal handlers and registries need the app registry: imported once it is ready.
        from .models import LabIndexPage, LabMembership, LivingLabPage
        from .permissions import (
            contributor_group,
            ensure_lab_roles,
            set_up_lab_index,
            sync_membership,
        )
        from .web import page_context  # noqa: F401 - registers the pages' context

        post_migrate.connect(ensure_lab_roles)

        def lab_index_saved(sender, instance, created, raw=False, **kwargs):
            if created and not raw:
                set_up_lab_index(instance)

        def lab_saved(sender, instance, created, raw=False, **kwargs):
            if created and not raw:
                contributor_group(instance)

        def membership_changed(sender, instance, raw=False, **kwargs):
            if not raw:
                sync_membership(instance.user, instance.lab)

        post_save.connect(lab_index_saved, sender=LabIndexPage, weak=False)
        post_save.connect(lab_saved, sender=LivingLabPage, weak=False)
        post_save.connect(membership_changed, sender=LabMembership, weak=False)
        post_delete.connect(membership_changed, sender=LabMembership, weak=False)
