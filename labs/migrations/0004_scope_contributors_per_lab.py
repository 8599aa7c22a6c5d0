from django.db import migrations

CONTRIBUTORS = "Lab-bijdrager"
PAGE_PERMISSIONS = ["add_page", "change_page"]


def scope_per_lab(apps, schema_editor):
    """Contributors had add/change on the whole lab index; now each lab has its own group."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    LivingLabPage = apps.get_model("labs", "LivingLabPage")
    LabMembership = apps.get_model("labs", "LabMembership")
    LabContributorGroup = apps.get_model("labs", "LabContributorGroup")
    GroupPagePermission.objects.filter(group__name=CONTRIBUTORS).delete()
    labs = list(LivingLabPage.objects.all())
    if not labs:
        return
    permissions = [
        Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        for codename in PAGE_PERMISSIONS
    ]
    for lab in labs:
        group = Group.objects.create(name=f"Lab {lab.pk}: {lab.title}"[:150])
        LabContributorGroup.objects.create(lab=lab, group=group)
        for permission in permissions:
            GroupPagePermission.objects.create(group=group, page_id=lab.pk, permission=permission)
        for membership in LabMembership.objects.filter(lab=lab):
            membership.user.groups.add(group)


class Migration(migrations.Migration):
    dependencies = [("labs", "0003_lab_contributor_groups")]

    operations = [migrations.RunPython(scope_per_lab, migrations.RunPython.noop)]
