"""The page behind a reminder's re-confirm link: no login, one action, after a confirmation."""

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from ..notifications.reminders import ReminderLinkError, read_token, reconfirm_from_link

TEMPLATE = "initiatives/reminder_reconfirm.html"


@require_http_methods(["GET", "POST"])
def reconfirm_by_link(request, token):
    """GET shows the record and asks; POST re-confirms it as the editor the link was sent to."""
    try:
        if request.method == "POST":
            context = {"adoption": reconfirm_from_link(token), "done": True}
        else:
            context = {"adoption": read_token(token)[0]}
    except ReminderLinkError as error:
        return render(request, TEMPLATE, {"error": str(error)}, status=400)
    return render(request, TEMPLATE, context)
