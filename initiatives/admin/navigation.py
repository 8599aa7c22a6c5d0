"""Where an admin action returns to."""

from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def back_to_admin_page(request):
    """To the admin page named in the form's `next` if it is one of this site's, else to the
    to-do list."""
    target = request.POST.get("next", "")
    if target.startswith("/admin/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("adoption_admin:index")
