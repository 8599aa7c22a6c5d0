"""Admin screens for statuses from elsewhere: a samenwerkingsverband reporting for its members,
and VNG harvesting public sources (dry run first, then apply)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ..adoption.harvest import HarvestChanged, apply_harvest, harvest_sources, plan_harvest
from ..adoption.partnerships import member_plan, report_for_members
from ..adoption.updates import AdoptionError
from ..models import Partnership
from ..permissions import is_vng_staff
from .forms import PartnershipReportForm


def partnership_report(request, pk):
    """A samenwerkingsverband's editor records one status for all members it speaks for."""
    partnership = get_object_or_404(Partnership.objects.editable_by(request.user), pk=pk)
    form = PartnershipReportForm(partnership, request.POST if request.method == "POST" else None)
    plan = None
    if form.is_valid():
        data = form.cleaned_data
        plan = member_plan(partnership, data["initiative"], data["effective_date"])
        if request.POST.get("action") == "apply":
            try:
                report = report_for_members(
                    partnership,
                    data["initiative"],
                    status=data["status"],
                    effective_date=data["effective_date"],
                    evidence_level=data["evidence_level"],
                    evidence_url=data["evidence_url"],
                    public_explanation=data["public_explanation"],
                    user=request.user,
                )
            except AdoptionError as error:
                form.add_error(None, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("De status is vastgelegd voor %(count)s leden.")
                    % {"count": len(report.outcomes)},
                )
                return redirect("adoption_admin:partnership", partnership.pk)
    return render(
        request,
        "initiatives/admin/partnership.html",
        {
            "page_title": partnership.name,
            "header_icon": "group",
            "partnership": partnership,
            "form": form,
            "plan": plan,
        },
    )


def harvest(request):
    """VNG reads the harvest sources: a dry run lists every claim; applying needs it first."""
    if not is_vng_staff(request.user):
        raise PermissionDenied
    sources = list(harvest_sources())
    plan = None
    if request.method == "POST":
        try:
            if request.POST.get("action") == "apply":
                plan = apply_harvest(
                    sources,
                    user=request.user,
                    expected_fingerprint=request.POST.get("fingerprint", ""),
                )
                messages.success(
                    request,
                    _("De oogst is vastgelegd: %(count)s statussen.")
                    % {"count": len(plan.updates)},
                )
                return redirect("adoption_admin:harvest")
            plan = plan_harvest(sources)
        except (AdoptionError, HarvestChanged) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return render(
        request,
        "initiatives/admin/harvest.html",
        {
            "page_title": _("Oogsten uit openbare bronnen"),
            "header_icon": "download",
            "sources": sources,
            "plan": plan,
        },
    )
