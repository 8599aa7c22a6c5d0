from django.urls import path

from . import views
from .feeds import LabResultsFeed

app_name = "labs"
urlpatterns = [
    path("labs/feed/", LabResultsFeed(), name="feed"),
    path("labs/<slug:lab_slug>/feed/", LabResultsFeed(), name="lab_feed"),
    path("rapportages/kraamkamer/", views.KraamkamerReportView.as_view(), name="kraamkamer"),
    path("rapportages/belemmeringen/", views.BarrierReportView.as_view(), name="barriers"),
]
