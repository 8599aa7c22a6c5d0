"""An editor's reminders: switching the e-mail off or on."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..models import EditorPreferences


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
