from django.urls import path, re_path

from . import feeds, indicator_views, report_views
from .report_views import cached, cached_for_initiative, cached_for_municipality

app_name = "reports"
urlpatterns = [
    path("", cached(report_views.index), name="index"),
    path("matrix/", cached(report_views.MatrixReportView.as_view()), name="matrix"),
    path(
        "initiatieven/<slug:slug>/wijzigingen.atom",
        cached_for_initiative(feeds.InitiativeChangesFeed()),
        name="initiative_changes_feed",
    ),
    path(
        "initiatieven/<slug:slug>/",
        cached_for_initiative(report_views.InitiativeReportView.as_view()),
        name="initiative",
    ),
    path(
        "initiatieven/<slug:slug>/verloop/",
        cached_for_initiative(report_views.OverTimeReportView.as_view()),
        name="over_time",
    ),
    path("indicatoren/", cached(indicator_views.indicator_list), name="indicators"),
    path(
        "indicatoren/<slug:slug>/",
        cached(indicator_views.IndicatorReportView.as_view()),
        name="indicator",
    ),
    re_path(
        r"^gemeenten/(?P<code>GM\d{4})/$",
        cached_for_municipality(report_views.MunicipalityReportView.as_view()),
        name="municipality",
    ),
]
