from django.urls import path

from . import report_views

app_name = "lab_reports"
urlpatterns = [
    path("kraamkamer/", report_views.KraamkamerReportView.as_view(), name="kraamkamer"),
    path("belemmeringen/", report_views.BarrierReportView.as_view(), name="barriers"),
]
