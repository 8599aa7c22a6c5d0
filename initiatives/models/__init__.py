from .adoption import Adoption, AdoptionChange, AdoptionImport, AdoptionSettings
from .claims import AdoptionClaim, NameDecision
from .corrections import MAX_MESSAGE_CHARACTERS, CorrectionRequest
from .evidence import EvidenceLinkCheck
from .indicators import Indicator, IndicatorSource, IndicatorValue, IndicatorValueChange
from .pages import RICH_TEXT_FEATURES, InitiativeIndexPage, InitiativePage
from .register import (
    CBS_CODE_PATTERN,
    TOOI_MUNICIPALITY_PREFIX,
    ApiToken,
    Membership,
    Municipality,
    tooi_uri,
)
from .reminders import EditorPreferences, ReminderSent
from .sources import HarvestSource, Partnership, PartnershipMember
from .subscriptions import Subscription
from .tallies import AdoptionTally, AdoptionTallyBasis, DataVersion, ImplementedTally
from .taxonomy import BarrierCategory, Domain, Organisation

__all__ = [
    "MAX_MESSAGE_CHARACTERS",
    "CorrectionRequest",
    "CBS_CODE_PATTERN",
    "RICH_TEXT_FEATURES",
    "TOOI_MUNICIPALITY_PREFIX",
    "Adoption",
    "AdoptionClaim",
    "AdoptionTally",
    "AdoptionTallyBasis",
    "DataVersion",
    "ImplementedTally",
    "ApiToken",
    "AdoptionChange",
    "AdoptionImport",
    "AdoptionSettings",
    "BarrierCategory",
    "Domain",
    "EditorPreferences",
    "EvidenceLinkCheck",
    "HarvestSource",
    "Indicator",
    "IndicatorSource",
    "IndicatorValue",
    "IndicatorValueChange",
    "InitiativeIndexPage",
    "InitiativePage",
    "Membership",
    "Municipality",
    "NameDecision",
    "Organisation",
    "Partnership",
    "PartnershipMember",
    "ReminderSent",
    "Subscription",
    "tooi_uri",
]
