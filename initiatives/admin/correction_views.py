"""The queue of visitors' "Klopt dit niet?" requests: the editors of the municipality and VNG
read them and close each as changed (after changing the record) or answered."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..constants import CorrectionState
from ..notifications.corrections import CorrectionError, resolve_correction
from ..permissions import editable_corrections


class ResolveForm(forms.Form):
    state = forms.ChoiceField(
        label=gettext_lazy("Afhandeling"),
        choices=[(s.value, s.label) for s in CorrectionState if s != CorrectionState.OPEN],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=gettext_lazy("Antwoord aan de melder"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Wordt gemaild als de melder een adres gaf; nooit op de site getoond."
        ),
    )


def corrections(request):
    """The open requests the user may resolve, oldest first, then the last resolved ones."""
    visible = editable_corrections(request.user).select_related("municipality", "initiative")
    return render(
        request,
        "initiatives/admin/corrections.html",
        {
            "page_title": _("Meldingen ‘Klopt dit niet?’"),
            "header_icon": "warning",
            "open": visible.filter(state=CorrectionState.OPEN).order_by("received_at"),
            "resolved": visible.exclude(state=CorrectionState.OPEN).order_by("-resolved_at")[:20],
        },
    )


def correction(request, pk):
    """One request; POST closes it through the service."""
    found = get_object_or_404(
        editable_corrections(request.user).select_related("municipality", "initiative"),
        pk=pk,
    )
    form = ResolveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            resolve_correction(
                found,
                user=request.user,
                state=CorrectionState(form.cleaned_data["state"]),
                answer=form.cleaned_data["answer"],
            )
        except CorrectionError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, _("De melding is afgehandeld."))
            return redirect("adoption_admin:corrections")
    return render(
        request,
        "initiatives/admin/correction.html",
        {
            "page_title": _("Melding ‘Klopt dit niet?’"),
            "header_icon": "warning",
            "correction": found,
            "form": form,
        },
    )
