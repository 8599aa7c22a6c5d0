"""What the browser journeys do again and again."""

import os
import re
from pathlib import Path
from urllib.parse import quote

from tests.factories import PASSWORD


def log_in(page, username: str) -> None:
    """Sign in to the Wagtail admin as this user (Dutch admin)."""
    page.goto("/admin/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    # Wagtail's Dutch admin labels the password field in English.
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")


def page_id(page, title: str) -> str:
    """The id of the page with this title, found as an editor would: the admin's search."""
    page.goto(f"/admin/pages/search/?q={quote(title)}")
    link = page.locator("main a[href$='/edit/']").filter(has_text=title).first
    return re.search(r"/pages/(\d+)/edit/", link.get_attribute("href")).group(1)


def new_page(browser, server, outside_requests: list, **options):
    """A tab in a fresh context (own cookies), as a Dutch user on a laptop screen; `options`
    go to Playwright's `new_context` (java_script_enabled=False, say). Requests to any host
    but the test server are refused and noted in `outside_requests`: the site must work on a
    closed network."""
    options = {"viewport": {"width": 1280, "height": 900}, **options}
    context = browser.new_context(base_url=server, locale="nl-NL", **options)
    context.set_default_timeout(20_000)

    def refuse(route):
        outside_requests.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith(server + "/"), refuse)
    return context.new_page()


def tab_to(page, matches: str, presses: int = 80) -> None:
    """Press Tab until the focused element satisfies `matches`, a JavaScript predicate on
    `el`; fail when it is never reached (a keyboard user could not get there either)."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => Boolean({matches}))(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached an element where {matches}")


def screenshot(page, folder: Path, name: str) -> None:
    """The page as it is, in SCREENSHOTS_DIR (`make screenshots`) or `folder`; the file name
    ends in the viewport's width ("-1280.png")."""
    folder = Path(os.environ.get("SCREENSHOTS_DIR") or folder)
    folder.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    page.screenshot(path=folder / f"{name}-{width}.png", full_page=True)
