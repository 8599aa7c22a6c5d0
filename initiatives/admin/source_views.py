"""Admin screens for statuses from elsewhere: a samenwerkingsverband reporting for its members,
and VNG harvesting public sources (dry run first, then apply)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..adoption.claims import claims_decidable_by, confirm_claim, dismiss_claim
from ..adoption.harvest import HarvestChanged, apply_harvest, harvest_sources, plan_harvest
from ..adoption.names import record_name_decision
from ..adoption.partnerships import member_plan, report_for_members
from ..constants import ClaimState
from ..errors import AdoptionError
from ..models import NameDecision
from ..permissions import editable_partnerships, may_manage_sources
from .forms import NameDecisionForm, PartnershipReportForm
from .navigation import back_to_admin_page


def partnership_report(request, pk):
    """A samenwerkingsverband's editor records one status for all members it speaks for."""
    partnership = get_object_or_404(editable_partnerships(request.user), pk=pk)
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
    if not may_manage_sources(request.user):
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
                    _(
                        "De oogst is vastgelegd: claims van %(read)s bronnen, %(count)s "
                        "onbekende statussen ingevuld door een claim."
                    )
                    % {"read": len(plan.readable), "count": len(plan.updates)},
                )
                if plan.errors:
                    messages.warning(
                        request,
                        _(
                            "%(count)s bronnen konden niet worden gelezen; daarvan is niets "
                            "vastgelegd."
                        )
                        % {"count": len(plan.errors)},
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


@require_POST
def claim(request, pk):
    """The municipality decides on a claim: "Klopt" or "Klopt niet" (with what holds instead
    where the claim stood in for the status)."""
    found = get_object_or_404(claims_decidable_by(request.user), pk=pk, state=ClaimState.OPEN)
    action = request.POST.get("action")
    try:
        if action == "confirm":
            confirm_claim(found, user=request.user)
            message = _("De claim is bevestigd: %(claim)s is nu uw eigen opgave.")
        elif action == "dismiss":
            dismiss_claim(found, user=request.user, status=request.POST.get("status", ""))
            message = _("De claim is afgewezen: %(claim)s wordt niet meer getoond.")
        else:
            return HttpResponseBadRequest(_("Onbekende actie."))
    except AdoptionError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, message % {"claim": f"{found.initiative} in {found.municipality}"}
        )
    return back_to_admin_page(request)


def names(request):
    """VNG records once what a name that sources write means: a municipality, or none."""
    if not may_manage_sources(request.user):
        raise PermissionDenied
    form = NameDecisionForm(
        request.POST if request.method == "POST" else None,
        initial={"written_name": request.GET.get("naam", "")},
    )
    if form.is_valid():
        decision = record_name_decision(
            form.cleaned_data["written_name"], form.cleaned_data["municipality"], user=request.user
        )
        messages.success(request, _("Vastgelegd: %(decision)s.") % {"decision": decision})
        return redirect("adoption_admin:names")
    return render(
        request,
        "initiatives/admin/names.html",
        {
            "page_title": _("Namen in bronnen"),
            "header_icon": "tag",
            "form": form,
            "decisions": NameDecision.objects.select_related("municipality", "decided_by"),
        },
    )
