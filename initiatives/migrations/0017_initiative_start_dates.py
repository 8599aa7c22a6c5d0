import datetime

from django.db import migrations, models
from django.db.models import Min


def give_every_initiative_a_start(apps, schema_editor):
    """An initiative without a start date starts on its earliest recorded status, or else on
    the day it was first published: reports of the past count it from then."""
    pages = apps.get_model("initiatives", "InitiativePage")
    changes = apps.get_model("initiatives", "AdoptionChange")
    for page in pages.objects.filter(started_on__isnull=True):
        earliest = changes.objects.filter(initiative=page).aggregate(day=Min("effective_date"))
        published = page.first_published_at.date() if page.first_published_at else None
        known = [day for day in (earliest["day"], published) if day]
        page.started_on = min(known) if known else datetime.date.today()
        page.save(update_fields=["started_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0016_subscription_refusals"),
    ]

    operations = [
        migrations.AlterField(
            model_name="initiativepage",
            name="started_on",
            field=models.DateField(
                help_text="Vanaf deze dag telt het initiatief mee in rapportages over het verleden.",
                null=True,
                verbose_name="gestart op",
            ),
        ),
        migrations.RunPython(give_every_initiative_a_start, migrations.RunPython.noop),
    ]
