"""What the browser journeys do again and again."""

from pathlib import Path

PASSWORD = "geheim-wachtwoord"  # the factories' password
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def log_in(page, username: str) -> None:
    """Sign in to the Wagtail admin as this user (Dutch admin)."""
    page.goto("/admin/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/admin/")
