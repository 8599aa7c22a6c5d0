from django.urls import path, re_path

from . import admin_views

app_name = "adoption_admin"
CODE = r"(?P<code>GM\d{4})"
SLUG = r"(?P<slug>[-\w]+)"
urlpatterns = [
    path("", admin_views.index, name="index"),
    path("verouderd/", admin_views.stale, name="stale"),
    path("export/", admin_views.export, name="export"),
    path("import/", admin_views.import_upload, name="import"),
    path("import/overzicht/", admin_views.imports, name="imports"),
    path("import/<int:pk>/bevestigen/", admin_views.import_confirm, name="import_confirm"),
    re_path(rf"^{CODE}/$", admin_views.municipality_records, name="municipality"),
    re_path(rf"^{CODE}/geschiedenis/$", admin_views.history, name="municipality_history"),
    re_path(rf"^{CODE}/{SLUG}/$", admin_views.edit, name="edit"),
    re_path(rf"^{CODE}/{SLUG}/bevestigen/$", admin_views.reconfirm, name="reconfirm"),
    re_path(rf"^{CODE}/{SLUG}/geschiedenis/$", admin_views.history, name="history"),
]
