from django.urls import path, re_path

from . import views

app_name = "municipalities"
urlpatterns = [
    path("", views.municipality_list, name="list"),
    re_path(r"^(?P<code>GM\d{4})/$", views.municipality_detail, name="detail"),
]
