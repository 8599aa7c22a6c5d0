"""The register's part of the API, as one router for `labregister.api`."""

from ninja import Router

from . import adoptions, indicators, register, reports

router = Router()
router.add_router("", register.router)
router.add_router("", adoptions.router)
router.add_router("", reports.router)
router.add_router("", indicators.router)
