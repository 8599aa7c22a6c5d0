from django.urls import path

from .feeds import LabResultsFeed

app_name = "labs"
urlpatterns = [
    path("labs/feed/", LabResultsFeed(), name="feed"),
    path("labs/<slug:lab_slug>/feed/", LabResultsFeed(), name="lab_feed"),
]
