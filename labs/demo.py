"""Demo living labs and results from labs_demo.json (drawn from the seed interviews)."""

import datetime
import json
from pathlib import Path

from django.utils.html import escape
from wagtail.models import Page

from initiatives.models import BarrierCategory, Domain, InitiativePage, Municipality

from .models import LabBandwidth, LabBarrier, LabIndexPage, LabResultPage, LivingLabPage

DEMO_FILE = Path(__file__).resolve().parent / "data" / "labs_demo.json"
BARRIER_CATEGORIES_EN = {
    "national_facility": "National facility missing or inadequate",
    "follow_up": "No follow-up or national implementation",
    "regulation": "Laws and regulations",
    "funding": "Funding",
    "supplier": "Supplier or software",
    "organisation": "Organisation and culture",
    "accountability": "Accountability and lawfulness",
    "capacity": "Capacity and knowledge",
}

# Demo results count as published this long after their lab started, so that the
# kraamkamer shows the ones still waiting for a decision.
PUBLISHED_AFTER = datetime.timedelta(days=3 * 365)


def load_demo_labs(home: Page) -> int:
    """Create the lab index, the barrier taxonomy and the demo labs; returns pages created.

    Existing pages (matched by slug) are left as they are, so a second run changes nothing.
    """
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    for slug, name in data["barrier_categories"].items():
        BarrierCategory.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_en": BARRIER_CATEGORIES_EN.get(slug, "")}
        )
    categories = {c.slug: c for c in BarrierCategory.objects.all()}
    municipalities = {m.code: m for m in Municipality.objects.all()}
    domains = {d.slug: d for d in Domain.objects.all()}
    initiatives = {i.slug: i for i in InitiativePage.objects.all()}

    index = LabIndexPage.objects.child_of(home).first()
    created = 0
    if index is None:
        index = home.add_child(instance=LabIndexPage(title="Labs", slug="labs"))
        index.save_revision().publish()
        created += 1
    existing_labs = {lab.slug: lab for lab in LivingLabPage.objects.child_of(index)}
    for item in data["labs"]:
        lab = existing_labs.get(item["slug"])
        if lab is None:
            lab = index.add_child(
                instance=LivingLabPage(
                    title=item["title"],
                    slug=item["slug"],
                    host=municipalities[item["host"]],
                    partners="\n".join(item["partners"]),
                    started_on=datetime.date.fromisoformat(item["started"]),
                    status=item["status"],
                )
            )
            lab.participants.set([municipalities[code] for code in item["participants"]])
            lab.domains.set([domains[slug] for slug in item["domains"]])
            lab.save_revision().publish()
            created += 1
        existing_results = {r.slug for r in LabResultPage.objects.child_of(lab)}
        for result in item["results"]:
            if result["slug"] in existing_results:
                continue
            _add_result(lab, result, categories, initiatives)
            created += 1
    return created


def _add_result(lab, item, categories, initiatives):
    page = LabResultPage(
        title=item["title"],
        slug=item["slug"],
        question=item["question"],
        findings=[("finding", f"<p>{escape(text)}</p>") for text in item["findings"]],
        recommendation=item["recommendation"],
    )
    page.barriers = [
        LabBarrier(category=categories[b["category"]], description=b["text"], actor=b["actor"])
        for b in item["barriers"]
    ]
    page.bandwidths = [
        LabBandwidth(indicator=b["indicator"], limit=b["max"], unit=b["unit"])
        for b in item.get("bandwidths", [])
    ]
    lab.add_child(instance=page)
    page.related_initiatives.set([initiatives[slug] for slug in item["related"]])
    page.save_revision().publish()
    published = datetime.datetime.combine(
        lab.started_on + PUBLISHED_AFTER, datetime.time(12), tzinfo=datetime.UTC
    )
    LabResultPage.objects.filter(pk=page.pk).update(
        first_published_at=published, last_published_at=published
    )
