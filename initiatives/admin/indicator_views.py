"""The editor records the municipality's indicator values, one at a time, beside its
records; the import takes whole files."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ..constants import ChangeSource
from ..errors import AdoptionError
from ..indicators.imports import import_indicator_values
from ..indicators.values import IndicatorValueUpdate, record_indicator_values
from ..models import IndicatorValue
from ..permissions import editable_municipalities
from .forms import IndicatorImportForm, IndicatorValueForm


def indicator_values(request, code):
    """The municipality's values, newest period first, and the form for one more."""
    municipality = get_object_or_404(editable_municipalities(request.user), code=code)
    form = IndicatorValueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        update = IndicatorValueUpdate(
            data["indicator"], municipality, data["periode"], data["waarde"], ChangeSource.FORM
        )
        try:
            record_indicator_values([update], user=request.user)
        except AdoptionError as error:
            for field, field_messages in error.message_dict.items():
                form.add_error({"period": "periode", "value": "waarde"}.get(field), field_messages)
        else:
            messages.success(request, _("De waarde is vastgelegd."))
            return redirect("adoption_admin:indicators", code=municipality.code)
    values = (
        IndicatorValue.objects.filter(municipality=municipality)
        .select_related("indicator")
        .order_by("indicator__name", "-period_start")
    )
    return render(
        request,
        "initiatives/admin/indicator_values.html",
        {
            "page_title": _("Indicatorwaarden van %(municipality)s")
            % {"municipality": municipality},
            "header_icon": "table",
            "municipality": municipality,
            "form": form,
            "values": values,
        },
        status=400 if form.errors else 200,
    )


def indicator_import(request):
    """Check a file of values (dry run) or apply it: every row, or none when one is wrong."""
    form = IndicatorImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        apply = "apply" in request.POST
        result = import_indicator_values(upload.read(), request.user, apply=apply)
    return render(
        request,
        "initiatives/admin/indicator_import.html",
        {
            "page_title": _("Indicatorwaarden importeren"),
            "header_icon": "upload",
            "form": form,
            "result": result,
        },
        status=400 if form.errors or (result and result.errors) else 200,
    )
