from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from search.views import search_view

from .api import api

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("api/v1/", api.urls),
    path("zoeken/", search_view, name="search"),
    path("documents/", include(wagtaildocs_urls)),
    path("gemeenten/", include("initiatives.urls")),
    path("", include("labs.urls")),
    path("rapportages/", include("initiatives.report_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every other path from the page tree (/, /initiatieven/, ...).
urlpatterns.append(path("", include(wagtail_urls)))
