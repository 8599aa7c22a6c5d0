"""Settings of the sites that tests serve with `tests.live_site`: the development settings,
and the fetch policy lets the site reach loopback, where the tests' source server stands for
a public host (as `settings.FETCH_ALLOW_LOOPBACK` in the tests' own process)."""

from labregister.settings.dev import *  # noqa: F403

FETCH_ALLOW_LOOPBACK = True
