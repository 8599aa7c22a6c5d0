from django.urls import path, re_path

from . import correction_views, feeds, report_views, views
from .report_views import cached_for_municipality

app_name = "municipalities"
urlpatterns = [
    path("", views.municipality_list, name="list"),
    path("kies/", views.choose_municipality, name="choose"),
    re_path(
        r"^(?P<code>GM\d{4})/$",
        cached_for_municipality(report_views.MunicipalityReportView.as_view()),
        name="detail",
    ),
    re_path(
        r"^(?P<code>GM\d{4})/wijzigingen\.atom$",
        cached_for_municipality(feeds.MunicipalityChangesFeed()),
        name="changes_feed",
    ),
    re_path(
        r"^(?P<code>GM\d{4})/(?P<slug>[-\w]+)/klopt-dit-niet/$",
        correction_views.report_correction,
        name="correction",
    ),
]
