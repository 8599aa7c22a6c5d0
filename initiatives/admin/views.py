"""Wagtail admin area "Adoptie": editors keep their municipalities' records up to date.

Every view scopes through `initiatives.permissions` (`editable_municipalities` and its kin);
writing goes through `initiatives.adoption.service`. Another municipality's pages answer 404.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from website.exports import spreadsheet

from ..adoption.exports import adoption_rows
from ..adoption.history import describe_change
from ..adoption.import_files import ImportFileError
from ..adoption.imports import confirm_import, start_import
from ..adoption.service import reconfirm_adoption, record_adoption
from ..adoption.updates import StaleAdoptionError
from ..constants import ChangeSource, EvidenceLevel, ImportState
from ..errors import AdoptionError
from ..models import (
    Adoption,
    AdoptionChange,
    AdoptionImport,
    AdoptionSettings,
    InitiativePage,
)
from ..permissions import (
    answerable_adoptions,
    editable_adoptions,
    editable_municipalities,
    visible_imports,
)
from ..reporting.records import records_table
from ..rules import stale_cutoff
from .forms import AdoptionForm, ImportForm, RecordsExportParameters
from .navigation import back_to_admin_page


def _municipality(request, code):
    return get_object_or_404(editable_municipalities(request.user), code=code)


def _record(request, code, slug):
    municipality = _municipality(request, code)
    initiative = get_object_or_404(InitiativePage.objects.live(), slug=slug)
    adoption = Adoption.objects.filter(municipality=municipality, initiative=initiative).first()
    return municipality, initiative, adoption


def _stale_cutoff(request):
    return stale_cutoff(AdoptionSettings.for_request(request))


def municipality_records(request, code):
    """One municipality's records, with what is stale, and links to edit each."""
    municipality = _municipality(request, code)
    return render(
        request,
        "initiatives/admin/municipality.html",
        {
            "page_title": _("Adoptie in %(name)s") % {"name": municipality.name},
            "header_icon": "tasks",
            "municipality": municipality,
            "rows": records_table(municipality, _stale_cutoff(request)),
        },
    )


def edit(request, code, slug):
    """Record a new status or new details of one record, through the service."""
    municipality, initiative, adoption = _record(request, code, slug)
    form = AdoptionForm.for_adoption(adoption, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            record_adoption(
                form.to_update(municipality, initiative),
                user=request.user,
                source=ChangeSource.FORM,
            )
        except StaleAdoptionError as error:
            form.add_error(None, error.messages[0])
        except AdoptionError as error:
            for field, field_messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, field_messages)
        else:
            messages.success(request, _("De status is opgeslagen."))
            return redirect("adoption_admin:municipality", municipality.code)
    return render(
        request,
        "initiatives/admin/edit.html",
        {
            "page_title": f"{initiative.title} – {municipality.name}",
            "header_icon": "edit",
            "municipality": municipality,
            "initiative": initiative,
            "adoption": adoption,
            "form": form,
        },
    )


@require_POST
def reconfirm(request, code, slug):
    """Record that the current status is still right ("nog steeds juist"); back to the page
    the editor came from (the to-do list or the municipality's records)."""
    adoption = get_object_or_404(
        answerable_adoptions(request.user, timezone.localdate()).select_related(
            "municipality", "initiative"
        ),
        municipality__code=code,
        initiative__slug=slug,
    )
    version = request.POST.get("version", "")
    try:
        reconfirm_adoption(
            adoption.municipality,
            adoption.initiative,
            user=request.user,
            expected_version=int(version) if version.isdigit() else -1,
        )
    except AdoptionError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(initiative)s in %(municipality)s is bevestigd als nog steeds juist.")
            % {"initiative": adoption.initiative, "municipality": adoption.municipality},
        )
    return back_to_admin_page(request)


@require_GET
def history(request, code, slug=None):
    """Every recorded change of a municipality, or of one of its records, newest first."""
    municipality = _municipality(request, code)
    changes = AdoptionChange.objects.filter(municipality=municipality)
    initiative = None
    if slug:
        initiative = get_object_or_404(InitiativePage, slug=slug)
        changes = changes.filter(initiative=initiative)
    page = Paginator(
        changes.select_related("recorded_by", "initiative", "import_batch").order_by(
            "-recorded_at", "-pk"
        ),
        100,
    ).get_page(request.GET.get("p"))
    for change in page:
        change.description = describe_change(change)
    return render(
        request,
        "initiatives/admin/history.html",
        {
            "page_title": _("Geschiedenis"),
            "header_icon": "history",
            "municipality": municipality,
            "initiative": initiative,
            "changes": page,
        },
    )


def import_upload(request):
    """Upload a CSV or XLSX file and see its dry run."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = start_import(upload.read(), upload.name, request.user)
        return _import_result(request, result)
    return render(
        request,
        "initiatives/admin/import_upload.html",
        {
            "page_title": _("Statussen importeren"),
            "header_icon": "upload",
            "form": form,
            "evidence_levels": EvidenceLevel.choices,
        },
    )


@require_POST
def import_confirm(request, pk):
    """Apply a previewed import (checked again first)."""
    batch = get_object_or_404(AdoptionImport, pk=pk, uploaded_by=request.user)
    try:
        result = confirm_import(batch, request.user)
    except ImportFileError as error:
        messages.error(request, str(error))
        return redirect("adoption_admin:imports")
    return _import_result(request, result)


def _import_result(request, result):
    return render(
        request,
        "initiatives/admin/import_result.html",
        {
            "page_title": _("Resultaat van de import"),
            "header_icon": "upload",
            "result": result,
            "batch": result.batch,
            "can_confirm": result.batch.state == ImportState.PREVIEWED,
            "by_name": any(row.matched for row in result.preview),
        },
    )


def imports(request):
    """The import log: one's own imports, or all of them for VNG staff."""
    batches = visible_imports(request.user).select_related("uploaded_by").defer("content")
    return render(
        request,
        "initiatives/admin/imports.html",
        {
            "page_title": _("Imports"),
            "header_icon": "upload",
            "batches": Paginator(batches, 50).get_page(request.GET.get("p")),
        },
    )


def export(request):
    """The editor's records as CSV or XLSX, in the import's columns (so the file imports again
    unchanged); the file is named after the day it was made."""
    parameters = RecordsExportParameters(request.GET)
    if not parameters.is_valid():
        return HttpResponseBadRequest(" ".join(parameters.errors["format"]))
    records = editable_adoptions(request.user)
    file_name = f"adoptie-{timezone.localdate().isoformat()}"
    return spreadsheet(parameters.cleaned_data["format"], adoption_rows(records), file_name)
