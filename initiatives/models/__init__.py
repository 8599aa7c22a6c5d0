from .adoption import Adoption, AdoptionChange, AdoptionImport, AdoptionSettings
from .pages import RICH_TEXT_FEATURES, InitiativeIndexPage, InitiativePage
from .register import CBS_CODE_PATTERN, ApiToken, Membership, Municipality
from .taxonomy import BarrierCategory, Domain, Organisation

__all__ = [
    "CBS_CODE_PATTERN",
    "RICH_TEXT_FEATURES",
    "Adoption",
    "ApiToken",
    "AdoptionChange",
    "AdoptionImport",
    "AdoptionSettings",
    "BarrierCategory",
    "Domain",
    "InitiativeIndexPage",
    "InitiativePage",
    "Membership",
    "Municipality",
    "Organisation",
]
