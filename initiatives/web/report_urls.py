from django.urls import path, re_path

from . import feeds, report_views

app_name = "reports"
urlpatterns = [
    path("", report_views.index, name="index"),
    path("matrix/", report_views.MatrixReportView.as_view(), name="matrix"),
    path(
        "initiatieven/<slug:slug>/wijzigingen.atom",
        feeds.InitiativeChangesFeed(),
        name="initiative_changes_feed",
    ),
    path(
        "initiatieven/<slug:slug>/",
        report_views.InitiativeReportView.as_view(),
        name="initiative",
    ),
    path(
        "initiatieven/<slug:slug>/verloop/",
        report_views.OverTimeReportView.as_view(),
        name="over_time",
    ),
    re_path(
        r"^gemeenten/(?P<code>GM\d{4})/$",
        report_views.MunicipalityReportView.as_view(),
        name="municipality",
    ),
]
