"""WSGI entry point for gunicorn; production settings unless told otherwise."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.production")

application = get_wsgi_application()

# Django, Wagtail and the project's modules live as long as the process: keep their hundreds
# of thousands of objects out of the collector's full passes, which otherwise stall a request
# now and then by ~200 ms (docs/SCALING.md).
gc.freeze()
