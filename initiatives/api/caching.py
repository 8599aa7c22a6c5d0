"""Public API reads answer from the page cache while the data is unchanged, with an ETag
(`website.http_cache`); reads with an API key are never cached."""

from ninja.decorators import decorate_view

from website.http_cache import cached_by

from ..reporting.freshness import national_version

cached_read = decorate_view(cached_by(national_version))
