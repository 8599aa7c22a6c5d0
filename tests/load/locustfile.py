"""The load of `make load`: visitors reading public pages, report exports, search and the
API, and one municipal system writing statuses through the API meanwhile.

Run by `scripts/load/run.py` (locust in headless mode against gunicorn on loopback). The
writer counts its successful writes per record into LOAD_WRITES_FILE, so that the runner can
check afterwards that none was lost and that the history holds every one.
"""

import json
import os
import random
from collections import Counter

from locust import HttpUser, between, events, task

MUNICIPALITIES = os.environ.get("LOAD_MUNICIPALITIES", "GM0153").split(",")
INITIATIVES = os.environ.get("LOAD_INITIATIVES", "bench-000").split(",")
WORDS = ["gemeente", "zaakgericht", "informatiebeveiliging", "inkoop", "jeugd", "wmo"]
WRITES = Counter()
STATUSES = ["exploring", "planned", "piloting", "implementing", "implemented"]


class Visitor(HttpUser):
    """Someone reading the site or the API; a second or so between pages."""

    wait_time = between(0.5, 1.5)

    @task(4)
    def scorecard(self):
        code = random.choice(MUNICIPALITIES)
        self.client.get(f"/gemeenten/{code}/", name="/gemeenten/[code]/")

    @task(4)
    def gap_report(self):
        slug = random.choice(INITIATIVES)
        self.client.get(
            f"/rapportages/initiatieven/{slug}/", name="/rapportages/initiatieven/[slug]/"
        )

    @task(1)
    def over_time(self):
        slug = random.choice(INITIATIVES)
        self.client.get(
            f"/rapportages/initiatieven/{slug}/verloop/",
            name="/rapportages/initiatieven/[slug]/verloop/",
        )

    @task(1)
    def matrix(self):
        self.client.get("/rapportages/matrix/?province=Overijssel", name="/rapportages/matrix/")

    @task(1)
    def export(self):
        slug = random.choice(INITIATIVES)
        self.client.get(
            f"/rapportages/initiatieven/{slug}/?format=csv",
            name="/rapportages/initiatieven/[slug]/?format=csv",
        )

    @task(2)
    def search(self):
        word = random.choice(WORDS)
        self.client.get(f"/zoeken/?q={word}", name="/zoeken/?q=[word]")

    @task(2)
    def api_page(self):
        code = random.choice(MUNICIPALITIES)
        self.client.get(
            f"/api/v1/adoptions?municipality={code}&page_size=500",
            name="/api/v1/adoptions?municipality=[code]",
        )


class MunicipalSystem(HttpUser):
    """A case system that writes its municipality's statuses through the API, version-checked
    (If-Match), retrying when another writer came first."""

    # Two at once: they race for the same records, as a case system and a colleague would.
    fixed_count = 2
    wait_time = between(0.05, 0.2)

    def on_start(self):
        self.headers = {"Authorization": f"Bearer {os.environ['LOAD_API_TOKEN']}"}
        self.code = os.environ["LOAD_WRITER_MUNICIPALITY"]

    @task
    def write_status(self):
        slug = random.choice(INITIATIVES)
        url = f"/api/v1/adoptions/{self.code}/{slug}"
        current = self.client.get(url, headers=self.headers, name="/api/v1/adoptions/[record]")
        if current.status_code not in (200, 404):
            return
        headers = dict(self.headers)
        status = random.choice(STATUSES)
        if current.status_code == 200:
            headers["If-Match"] = current.headers["ETag"]
            if current.json()["status"] == status:
                return
        body = {"status": status, "effective_date": "2026-01-01"}
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
