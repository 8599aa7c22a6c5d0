"""Signals other apps may listen to without initiatives knowing about them."""

from django.dispatch import Signal

# Sent after record_adoptions commits; `municipality_ids` are the municipalities touched.
adoptions_recorded = Signal()
