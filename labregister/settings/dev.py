"""Local development: debug on, a throw-away key, any local host."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# Not a secret: only ever used on a developer's own machine.
SECRET_KEY = env("SECRET_KEY", default="django-insecure-labregister-development-only")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Mail is printed in the terminal that runs `make run`; links in it point at the site there.
WAGTAILADMIN_BASE_URL = env(
    "WAGTAILADMIN_BASE_URL", default=f"http://127.0.0.1:{env('PORT', default='8000')}"
)
# AdoptionTally's covering index (INCLUDE) speeds PostgreSQL up; SQLite keeps a plain index,
# which is all the embedded default needs.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
