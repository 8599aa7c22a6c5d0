from django.urls import path, re_path

from . import report_views

app_name = "reports"
urlpatterns = [
    path("", report_views.index, name="index"),
    path("matrix/", report_views.matrix_report, name="matrix"),
    path("initiatieven/<slug:slug>/", report_views.initiative_report, name="initiative"),
    path("initiatieven/<slug:slug>/verloop/", report_views.over_time_report, name="over_time"),
    re_path(
        r"^gemeenten/(?P<code>GM\d{4})/$",
        report_views.municipality_report_view,
        name="municipality",
    ),
]
