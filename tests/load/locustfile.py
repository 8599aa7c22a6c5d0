"""The load of `make load`: visitors reading public pages, report exports, search and the
API, and one municipal system writing statuses through the API meanwhile.

Run by `scripts/load/run.py` (locust in headless mode against gunicorn on loopback). The
writer counts its successful writes per record into LOAD_WRITES_FILE, so that the runner can
check afterwards that none was lost and that the history holds every one.
"""

import datetime
import json
import os
import random
from collections import Counter

from locust import HttpUser, between, events, task

MUNICIPALITIES = os.environ.get("LOAD_MUNICIPALITIES", "GM0153").split(",")
INITIATIVES = os.environ.get("LOAD_INITIATIVES", "bench-000").split(",")
WORDS = ["gemeente", "zaakgericht", "informatiebeveiliging", "inkoop", "jeugd", "wmo"]
WRITES = Counter()
THINK_SECONDS = [float(n) for n in os.environ.get("LOAD_THINK_SECONDS", "2,8").split(",")]
STATUSES = ["exploring", "planned", "piloting", "implementing", "implemented"]


# What a visitor asks for, how often (relative weights), and from which values "{}" is filled.
VISITS = [
    ("/gemeenten/{}/", MUNICIPALITIES, 4),
    ("/rapportages/initiatieven/{}/", INITIATIVES, 4),
    ("/rapportages/initiatieven/{}/verloop/", INITIATIVES, 1),
    ("/rapportages/matrix/?province={}", ["Overijssel", "Utrecht", "Zeeland"], 1),
    ("/rapportages/initiatieven/{}/?format=csv", INITIATIVES, 1),
    ("/zoeken/?q={}", WORDS, 2),
    ("/api/v1/adoptions?municipality={}&page_size=500", MUNICIPALITIES, 2),
]


def _visit(template, values):
    def visit(user):
        user.client.get(template.format(random.choice(values)), name=template)

    visit.__name__ = template
    return visit


class Visitor(HttpUser):
    """Someone reading the site or the API: a report is read for a few seconds before the
    next one (LOAD_THINK_SECONDS="2,8"; "0.5,1.5" finds the site's capacity instead)."""

    wait_time = between(*THINK_SECONDS)
    tasks = {_visit(template, values): weight for template, values, weight in VISITS}


class MunicipalSystem(HttpUser):
    """A case system that writes its municipality's statuses through the API, version-checked
    (If-Match), retrying when another writer came first."""

    # Two at once: they race for the same records, as a case system and a colleague would;
    # about a write a second each, far more than all municipalities together write.
    fixed_count = 2
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.headers = {"Authorization": f"Bearer {os.environ['LOAD_API_TOKEN']}"}
        self.code = os.environ["LOAD_WRITER_MUNICIPALITY"]

    @task
    def write_status(self):
        slug = random.choice(INITIATIVES)
        url = f"/api/v1/adoptions/{self.code}/{slug}"
        with self.client.get(
            url, headers=self.headers, name="/api/v1/adoptions/[record]", catch_response=True
        ) as current:
            if current.status_code == 404:
                current.success()  # no record yet: the PUT creates it
        if current.status_code not in (200, 404):
            return
        headers = dict(self.headers)
        status = random.choice(STATUSES)
        if current.status_code == 200:
            headers["If-Match"] = current.headers["ETag"]
            if current.json()["status"] == status:
                return
        # Today: a new status may not take effect before the current one did.
        body = {"status": status, "effective_date": datetime.date.today().isoformat()}
        with self.client.put(
            url,
            json=body,
            headers=headers,
            name="PUT /api/v1/adoptions/[record]",
            catch_response=True,
        ) as response:
            if response.status_code in (200, 201):
                WRITES[slug] += 1
            elif response.status_code == 412:
                response.success()  # another writer came first: an answer, not an error


@events.quitting.add_listener
def save_writes(environment, **kwargs):
    """Leave the count of successful writes per initiative for the runner's check."""
    path = os.environ.get("LOAD_WRITES_FILE")
    if path:
        with open(path, "w") as file:
            json.dump(dict(WRITES), file)
