"""An editor's reminders: switching the e-mail off or on, and the same digest on the admin
dashboard for editors who do not read mail."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from ..adoption.reminders import stale_records_of
from ..models import EditorPreferences

# The dashboard lists this many; the admin's list of stale records has them all.
DASHBOARD_RECORDS = 10


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = EditorPreferences
        fields = ["reminders"]


def preferences(request):
    """The editor's own reminder setting."""
    own, _created = EditorPreferences.objects.get_or_create(user=request.user)
    form = PreferencesForm(request.POST if request.method == "POST" else None, instance=own)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Uw voorkeuren zijn opgeslagen."))
        return redirect("adoption_admin:preferences")
    return render(
        request,
        "initiatives/admin/preferences.html",
        {"page_title": _("Herinneringen"), "header_icon": "mail", "form": form},
    )


class StaleRecordsPanel(Component):
    """The dashboard panel: the records the editor answers for that are stale."""

    name = "stale_records"
    order = 50
    template_name = "initiatives/admin/stale_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        """The first stale records and how many there are."""
        records = stale_records_of(self.user)
        return {"records": records[:DASHBOARD_RECORDS], "total": records.count()}
