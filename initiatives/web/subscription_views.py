"""Following what changes by e-mail without an account: ask, confirm (double opt-in), leave."""

from django import forms
from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from website.clients import count_attempt

from ..models import InitiativePage, Municipality, Subscription
from ..notifications.subscriptions import (
    SubscriptionRefused,
    confirm,
    subscribe,
    unsubscribe,
)

TEMPLATE = "initiatives/subscription.html"


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Uw e-mailadres"),
        error_messages={
            "required": gettext_lazy("Vul uw e-mailadres in."),
            "invalid": gettext_lazy("Vul een geldig e-mailadres in."),
        },
    )


def scope_of(request) -> tuple[Municipality | None, InitiativePage | None]:
    """The municipality (?gemeente=) or initiative (?initiatief=) a request is about; 404 for an
    unknown one."""
    code, slug = request.GET.get("gemeente", ""), request.GET.get("initiatief", "")
    municipality = get_object_or_404(Municipality, code=code) if code else None
    initiative = get_object_or_404(InitiativePage.objects.published(), slug=slug) if slug else None
    return municipality, initiative


@require_http_methods(["GET", "POST"])
def follow(request):
    """Ask to follow a municipality (?gemeente=), an initiative (?initiatief=) or everything."""
    municipality, initiative = scope_of(request)
    scope = Subscription(municipality=municipality, initiative=initiative).scope_name
    form = SubscribeForm(request.POST if request.method == "POST" else None)
    context = {"step": "ask", "scope": scope, "form": form}
    if request.method == "POST":
        # Only valid requests count: an invalid one sends no mail.
        if not form.is_valid():
            return render(request, TEMPLATE, context, status=400)
        if count_attempt("subscribe", request, window_seconds=3600) > settings.SUBSCRIBE_LIMIT:
            form.add_error(None, _("Te veel aanmeldingen vanaf uw adres; probeer het later."))
            return render(request, TEMPLATE, context, status=429)
        try:
            subscribe(form.cleaned_data["email"], municipality=municipality, initiative=initiative)
        except SubscriptionRefused as refused:
            form.add_error("email", str(refused))
            return render(request, TEMPLATE, context, status=refused.status)
        context["step"] = "asked"
    return render(request, TEMPLATE, context)


@require_http_methods(["GET", "POST"])
def confirm_subscription(request, token):
    """GET asks (mail scanners follow links), POST confirms."""
    subscription = get_object_or_404(Subscription, token=token)
    if request.method == "POST":
        confirm(token)
        return render(request, TEMPLATE, {"step": "confirmed", "scope": subscription.scope_name})
    return render(request, TEMPLATE, {"step": "confirm", "scope": subscription.scope_name})


@csrf_exempt  # one-click unsubscribe: mail programs POST without a form (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token):
    """GET asks, POST ends the subscription; an unknown token says it is already gone."""
    found = Subscription.objects.filter(token=token).first()
    if request.method == "POST" or found is None:
        unsubscribe(token)
        return render(request, TEMPLATE, {"step": "left"})
    return render(request, TEMPLATE, {"step": "leave", "scope": found.scope_name})
