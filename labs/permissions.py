"""Lab roles: contributors write results for their own labs; VNG-redactie reviews."""

from django.contrib.auth.models import Group, Permission

from initiatives.constants import VNG_EDITORS_GROUP
from initiatives.permissions import is_last_post_migrate, is_vng_staff, permission

from .constants import LAB_CONTRIBUTORS_GROUP, REVIEW_TASK, REVIEW_WORKFLOW

CONTRIBUTOR_PAGE_PERMISSIONS = ["add_page", "change_page"]


def is_lab_contributor(user) -> bool:
    """A contributor who is not also VNG staff: the one role this module restricts."""
    if not (user and user.is_authenticated) or is_vng_staff(user):
        return False
    return user.groups.filter(name=LAB_CONTRIBUTORS_GROUP).exists()


def may_write_under(user, parent, page_class=None) -> bool:
    """Contributors may only add or edit result pages of labs they are a member of."""
    from .models import LabResultPage, LivingLabPage

    if not is_lab_contributor(user):
        return True
    if page_class is not None and page_class is not LabResultPage:
        return False
    return LivingLabPage.objects.filter(pk=parent.pk, memberships__user=user).exists()


def ensure_lab_roles(sender, **kwargs):
    """Groups and permissions of the lab roles (post_migrate; idempotent)."""
    if not is_last_post_migrate(sender):
        return
    contributors, _created = Group.objects.get_or_create(name=LAB_CONTRIBUTORS_GROUP)
    contributors.permissions.add(
        permission("wagtailadmin", "access_admin"), permission("wagtaildocs", "add_document")
    )
    vng, _created = Group.objects.get_or_create(name=VNG_EDITORS_GROUP)
    vng.permissions.add(permission("labs", "decide_follow_up"))


def set_up_lab_index(lab_index):
    """Contributors may add and edit pages below the lab index; results there go to review."""
    from wagtail.models import (
        GroupApprovalTask,
        GroupPagePermission,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    contributors = Group.objects.get(name=LAB_CONTRIBUTORS_GROUP)
    for codename in CONTRIBUTOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=contributors,
            page=lab_index,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
    task.groups.set([Group.objects.get(name=VNG_EDITORS_GROUP)])
    workflow, created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.get_or_create(page=lab_index, defaults={"workflow": workflow})
