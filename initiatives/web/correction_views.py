"""The public "Klopt dit niet?" form of one status: works without JavaScript; what a visitor
writes goes to the editors' queue and is never shown on the site."""

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from website.clients import count_attempt

from ..models import InitiativePage, Municipality
from ..notifications.corrections import shown_record, submit_correction
from .forms import CorrectionForm

TEMPLATE = "initiatives/correction_form.html"


@require_http_methods(["GET", "POST"])
def report_correction(request, code, slug):
    """GET shows the form; POST queues a valid request (valid ones rate-limited per address)."""
    municipality = get_object_or_404(Municipality, code=code)
    initiative = get_object_or_404(InitiativePage.objects.published(), slug=slug)
    context = {
        "municipality": municipality,
        "initiative": initiative,
        "shown": shown_record(municipality, initiative),
    }
    form = CorrectionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not form.is_valid():
            # Not counted: a visitor correcting their own mistakes is no abuse, and an
            # invalid request stores and sends nothing.
            return render(request, TEMPLATE, {**context, "form": form}, status=400)
        attempts = count_attempt("correction", request, window_seconds=3600)
        if attempts > settings.CORRECTION_LIMIT_PER_HOUR:
            form.add_error(
                None,
                _("U heeft het afgelopen uur al %(limit)s meldingen gestuurd; probeer het later.")
                % {"limit": settings.CORRECTION_LIMIT_PER_HOUR},
            )
            return render(request, TEMPLATE, {**context, "form": form}, status=429)
        if not form.is_robot():
            data = form.cleaned_data
            submit_correction(
                municipality,
                initiative,
                message=data["message"],
                source_url=data["source_url"],
                email=data["email"],
            )
        return render(request, TEMPLATE, {**context, "received": True})
    return render(request, TEMPLATE, {**context, "form": form})
