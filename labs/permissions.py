"""Lab roles: contributors write results for their own labs; VNG-redactie reviews.

Scoping uses Wagtail's own page permissions: each lab has a group with add and change
permission on that lab's page, and a lab's members are in its group. Every page action
Wagtail offers (edit, delete, move, copy, view draft, revisions, unpublish, explorer,
search, history) then checks the same rule.
"""

from django.contrib.auth.models import Group
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from initiatives.constants import VNG_EDITORS_GROUP
from initiatives.permissions import is_last_post_migrate, is_vng_staff, permission

from .constants import LAB_CONTRIBUTORS_GROUP, REVIEW_TASK, REVIEW_WORKFLOW
from .models import LabContributorGroup, LabMembership, LivingLabPage

CONTRIBUTOR_PAGE_PERMISSIONS = ["add_page", "change_page"]


def is_lab_contributor(user) -> bool:
    """A contributor who is not also VNG staff: the one role this module restricts."""
    if not (user and user.is_authenticated) or is_vng_staff(user):
        return False
    return user.groups.filter(name=LAB_CONTRIBUTORS_GROUP).exists()


def contributor_group(lab: LivingLabPage) -> Group:
    """The lab's own group, with add and change permission on the lab's pages."""
    link = LabContributorGroup.objects.filter(lab=lab).select_related("group").first()
    if link is not None:
        return link.group
    # The id keeps the name unique; the title tells people in the groups list which lab.
    group = Group.objects.create(name=f"Lab {lab.pk}: {lab.title}"[:150])
    LabContributorGroup.objects.create(lab=lab, group=group)
    for codename in CONTRIBUTOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.create(
            group=group, page=lab, permission=permission("wagtailcore", codename)
        )
    return group


def sync_membership(user, lab: LivingLabPage) -> None:
    """Put the user in the lab's group while they are a member of the lab, else take them out."""
    group = contributor_group(lab)
    if LabMembership.objects.filter(user=user, lab=lab).exists():
        user.groups.add(group)
    else:
        user.groups.remove(group)


def grant_lab_contributor(user, lab: LivingLabPage) -> None:
    """Let the user write results for this lab (they go to review before publication)."""
    user.groups.add(Group.objects.get(name=LAB_CONTRIBUTORS_GROUP))
    LabMembership.objects.get_or_create(user=user, lab=lab)


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
    """Results below the lab index go to review by VNG-redactie before publication."""
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
    task.groups.set([Group.objects.get(name=VNG_EDITORS_GROUP)])
    workflow, created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.get_or_create(page=lab_index, defaults={"workflow": workflow})
