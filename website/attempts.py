"""Counting attempts per key in fixed windows, race-free: the increment is one UPDATE in the
database, so simultaneous requests in several workers each see their own count."""

import datetime

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone


class AttemptCount(models.Model):
    """How many attempts of one kind by one key (a client's address, a recipient) one
    window holds."""

    key = models.CharField(max_length=300)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        app_label = "website"
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="one_count_per_window")
        ]

    def __str__(self):
        return f"{self.key} ({self.window_start:%Y-%m-%d %H:%M}): {self.count}"


def count_attempt_of(key: str, window_seconds: int) -> int:
    """Count one attempt under `key`; returns the attempts in the current window (this one
    included)."""
    now = timezone.now()
    start = datetime.datetime.fromtimestamp(
        now.timestamp() // window_seconds * window_seconds, tz=datetime.UTC
    )
    with transaction.atomic():
        counter, _created = AttemptCount.objects.get_or_create(key=key, window_start=start)
        # The increment waits for another writer's (a row lock): counts are never lost.
        AttemptCount.objects.filter(pk=counter.pk).update(count=F("count") + 1)
        count = AttemptCount.objects.values_list("count", flat=True).get(pk=counter.pk)
    if count == 1:
        # A new window: the windows that ended a day ago or more are of no more use.
        AttemptCount.objects.filter(window_start__lt=now - datetime.timedelta(days=1)).delete()
    return count
