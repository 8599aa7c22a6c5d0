"""Claims from harvested files: stored beside the municipality's own records, and decided by
the municipality: "Klopt" makes the claim its own statement, "Klopt niet" sets it aside until
the file changes (and, where the claim stood in for the status, says what holds instead)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..constants import AdoptionStatus, ChangeSource, ClaimState, EvidenceLevel
from ..errors import AdoptionError
from ..models import Adoption, AdoptionClaim
from ..permissions import check_may_change, editable_claims
from .harvest_lines import HarvestOutcome
from .service import record_adoption
from .updates import AdoptionUpdate

# Fields a harvest refreshes on a claim it has seen before.
REFRESHED_FIELDS = (
    "source_url",
    "source_kind",
    "publisher",
    "written_name",
    "match_kind",
    "claimed_status",
    "evidence_level",
    "stated_on",
    "file_sha256",
    "state",
)


def store_claims(plan, today: datetime.date) -> None:
    """Store every matched claim of the sources read; a claim its source no longer makes is
    withdrawn. A municipality's decision holds while the file is unchanged."""
    hashes = {reading.source.pk: reading.sha256 for reading in plan.readable}
    new, changed, seen_again, kept = [], [], [], set()
    for line in plan.lines:
        municipality = line.match.municipality
        if municipality is None:
            continue
        key = (line.claim.source.pk, municipality.pk, line.claim.initiative.pk)
        if key in kept:
            continue
        kept.add(key)
        claim = line.stored or AdoptionClaim(
            source=line.claim.source,
            municipality=municipality,
            initiative=line.claim.initiative,
            first_seen_on=today,
            last_seen_on=today,
        )
        before = _refreshed_values(claim)
        _refresh(claim, line, hashes[line.claim.source.pk])
        if not claim.pk:
            new.append(claim)
        elif _refreshed_values(claim) != before:
            claim.last_seen_on = today
            changed.append(claim)
        else:
            seen_again.append(claim.pk)
    AdoptionClaim.objects.bulk_create(new, batch_size=500)
    AdoptionClaim.objects.bulk_update(changed, (*REFRESHED_FIELDS, "last_seen_on"), batch_size=500)
    # Most claims come back unchanged: marking them seen is one UPDATE per batch of ids (a
    # bulk_update of thousands of rows builds a CASE per field and took seconds).
    _update_in_batches(seen_again, last_seen_on=today)
    seen = {claim.pk for claim in new + changed}.union(seen_again)
    open_claims = AdoptionClaim.objects.filter(source_id__in=hashes, state=ClaimState.OPEN)
    _update_in_batches(
        set(open_claims.values_list("pk", flat=True)) - seen, state=ClaimState.WITHDRAWN
    )


def _update_in_batches(pks, **values) -> None:
    # SQLite limits the parameters of one statement.
    ordered = sorted(pks)
    for start in range(0, len(ordered), 1000):
        AdoptionClaim.objects.filter(pk__in=ordered[start : start + 1000]).update(**values)


def _refreshed_values(claim: AdoptionClaim) -> tuple:
    return tuple(getattr(claim, field) for field in REFRESHED_FIELDS)


def _refresh(claim: AdoptionClaim, line, sha256: str) -> None:
    decided = claim.decided_at is not None and claim.file_sha256 == sha256
    if not decided:
        agrees = line.outcome == HarvestOutcome.AGREES
        claim.state = ClaimState.CONFIRMED if agrees else ClaimState.OPEN
    claim.source_url = line.claim.source_url
    claim.source_kind = line.claim.source.kind
    claim.publisher = line.claim.publisher
    claim.written_name = line.claim.text[:300]
    claim.match_kind = line.match.kind
    claim.claimed_status = line.claim.status
    claim.evidence_level = line.claim.evidence_level
    claim.stated_on = line.claim.stated_on
    claim.file_sha256 = sha256


def claims_decidable_by(user):
    """The claims `user` may decide: those about the municipalities whose records they keep."""
    return editable_claims(user).select_related("municipality", "initiative")


@transaction.atomic
def confirm_claim(claim: AdoptionClaim, *, user) -> None:
    """ "Klopt": the claimed status becomes the municipality's own confirmed statement, with the
    claim's file as evidence; its date stays "uiterlijk sinds" until the municipality gives one."""
    check_may_change(user, [claim.municipality_id])
    record = _record_of(claim)
    stand_in = record is None or record.source == ChangeSource.HARVEST
    if stand_in or record.status != claim.claimed_status:
        since = claim.first_seen_on
        if record is not None and record.status != claim.claimed_status:
            since = max(since, record.status_since)
        update = AdoptionUpdate(
            municipality=claim.municipality,
            initiative=claim.initiative,
            status=claim.claimed_status,
            effective_date=since,
            since_is_upper_bound=True,
            evidence_level=EvidenceLevel.CONFIRMED,
            evidence_url=claim.source_url,
        )
        record_adoption(update, user=user, source=ChangeSource.FORM)
    _decide(claim, ClaimState.CONFIRMED, user)


@transaction.atomic
def dismiss_claim(claim: AdoptionClaim, *, user, status: str = "") -> None:
    """ "Klopt niet": the claim is set aside until its file changes. Where it stood in for the
    status, the municipality says which status holds instead (from today, as far as known)."""
    check_may_change(user, [claim.municipality_id])
    record = _record_of(claim)
    if record is not None and record.source == ChangeSource.HARVEST:
        if status not in AdoptionStatus.values:
            raise AdoptionError(
                {"status": _("Kies de status die wel geldt: de claim staat nu voor uw status.")}
            )
        update = AdoptionUpdate(
            municipality=claim.municipality,
            initiative=claim.initiative,
            status=status,
            effective_date=timezone.localdate(),
            since_is_upper_bound=True,
            evidence_level=EvidenceLevel.SELF_REPORTED,
            evidence_url="",
        )
        record_adoption(update, user=user, source=ChangeSource.FORM)
    _decide(claim, ClaimState.DISMISSED, user)


def _record_of(claim: AdoptionClaim) -> Adoption | None:
    return Adoption.objects.filter(
        municipality_id=claim.municipality_id, initiative_id=claim.initiative_id
    ).first()


def _decide(claim: AdoptionClaim, state: str, user) -> None:
    claim.state = state
    claim.decided_by = user
    claim.decided_at = timezone.now()
    claim.save(update_fields=["state", "decided_by", "decided_at"])
