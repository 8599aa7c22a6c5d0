from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from initiatives.web.changes_views import changes
from initiatives.web.reminder_views import reconfirm_by_link
from initiatives.web.subscription_views import (
    confirm_subscription,
    follow,
    unsubscribe_view,
)
from search.views import search_view

from .api import api

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("api/v1/", api.urls),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages: Dutch at /..., English at /en/... (the admin and the API are not translated).
# Wagtail serves every other path from the page tree (/, /initiatieven/, ...).
urlpatterns += i18n_patterns(
    path("zoeken/", search_view, name="search"),
    path("bevestigen/<str:token>/", reconfirm_by_link, name="reminder_reconfirm"),
    path("wijzigingen/", changes, name="changes"),
    path("wijzigingen/volgen/", follow, name="subscription_follow"),
    path("wijzigingen/bevestigen/<str:token>/", confirm_subscription, name="subscription_confirm"),
    path("wijzigingen/afmelden/<str:token>/", unsubscribe_view, name="subscription_unsubscribe"),
    path("gemeenten/", include("initiatives.web.urls")),
    path("", include("labs.web.urls")),
    path("open-data/", include("initiatives.web.open_data_urls")),
    path("rapportages/", include("initiatives.web.report_urls")),
    path("rapportages/", include("labs.web.report_urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
