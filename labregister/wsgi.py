"""WSGI entry point for gunicorn; production settings unless told otherwise."""

import os

from django.core.wsgi import get_wsgi_application

from website.serving import keep_loaded_code_out_of_collections

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "labregister.settings.production")

application = get_wsgi_application()
keep_loaded_code_out_of_collections()
