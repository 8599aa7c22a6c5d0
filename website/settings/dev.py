"""Local development: debug on, a throw-away key, any local host."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# Not a secret: only ever used on a developer's own machine.
SECRET_KEY = env("SECRET_KEY", default="django-insecure-labregister-development-only")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
