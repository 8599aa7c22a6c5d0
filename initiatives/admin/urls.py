from django.urls import path, re_path

from . import (
    correction_views,
    indicator_views,
    reminder_views,
    source_views,
    todo_views,
    views,
)

app_name = "adoption_admin"
CODE = r"(?P<code>GM\d{4})"
SLUG = r"(?P<slug>[-\w]+)"
urlpatterns = [
    path("", todo_views.todo, name="index"),
    path("te-doen/<slug:kind>/", todo_views.todo_section, name="todo_section"),
    path("herinneringen/", reminder_views.preferences, name="preferences"),
    path("meldingen/", correction_views.corrections, name="corrections"),
    path("meldingen/<int:pk>/", correction_views.correction, name="correction"),
    path("export/", views.export, name="export"),
    path("import/", views.import_upload, name="import"),
    path("import/overzicht/", views.imports, name="imports"),
    path("import/indicatoren/", indicator_views.indicator_import, name="indicator_import"),
    path("import/<int:pk>/bevestigen/", views.import_confirm, name="import_confirm"),
    path("oogst/", source_views.harvest, name="harvest"),
    path("oogst/namen/", source_views.names, name="names"),
    path("claim/<int:pk>/", source_views.claim, name="claim"),
    path(
        "samenwerkingsverband/<int:pk>/",
        source_views.partnership_report,
        name="partnership",
    ),
    re_path(rf"^{CODE}/$", views.municipality_records, name="municipality"),
    re_path(rf"^{CODE}/geschiedenis/$", views.history, name="municipality_history"),
    re_path(rf"^{CODE}/indicatoren/$", indicator_views.indicator_values, name="indicators"),
    re_path(rf"^{CODE}/{SLUG}/$", views.edit, name="edit"),
    re_path(rf"^{CODE}/{SLUG}/bevestigen/$", views.reconfirm, name="reconfirm"),
    re_path(rf"^{CODE}/{SLUG}/geschiedenis/$", views.history, name="history"),
]
