"""The project: settings, URLs, the API root, the WSGI entry point and the commands that set
up a site. It composes the apps; no app imports it."""
