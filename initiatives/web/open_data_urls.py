from django.urls import path, re_path

from . import open_data_views

app_name = "open_data"
urlpatterns = [
    path("", open_data_views.open_data, name="index"),
    path("catalogus.jsonld", open_data_views.catalogue_view, name="catalogue"),
    re_path(
        r"^(?P<version>\d{4}-\d{2}-\d{2})/(?P<name>[a-z]+\.[a-z.-]+)$",
        open_data_views.download,
        name="dated",
    ),
    re_path(r"^(?P<name>[a-z]+\.[a-z.-]+)$", open_data_views.download, name="newest"),
]
