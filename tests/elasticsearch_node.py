"""The Elasticsearch node of a test run (ELASTICSEARCH_URL, started by `.ci/run`), and nodes
of a test's own that it can stop and start (`scripts/elasticsearch-node/run`)."""

import json
import os
import socket
import subprocess
import tempfile
import urllib.request
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "elasticsearch-node" / "run"
URL = os.environ.get("ELASTICSEARCH_URL", "")

needs_elasticsearch = pytest.mark.skipif(
    not URL, reason="ELASTICSEARCH_URL is not set: no Elasticsearch node on this machine"
)


def version(url: str) -> str:
    """The version of the node at url (this build has no root endpoint; _nodes has it)."""
    with urllib.request.urlopen(f"{url}/_nodes/_local?filter_path=nodes.*.version", timeout=5) as r:
        nodes = json.load(r)["nodes"]
    return next(iter(nodes.values()))["version"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OwnNode:
    """A node only one test uses, so that it can stop it and start it again."""

    def __init__(self):
        # Not under pytest's tmp_path: as root the node runs as "nobody", who must reach it.
        directory = tempfile.mkdtemp(prefix="labregister-elasticsearch-")
        self.env = {**os.environ, "ELASTICSEARCH_NODE_DIR": directory}
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Start it (with empty data) and return once the cluster is green."""
        self._run("start", str(self.port))

    def stop(self) -> None:
        """Stop it, wait until the process has gone, and remove its data."""
        self._run("stop")

    def _run(self, *arguments: str) -> None:
        result = subprocess.run([SCRIPT, *arguments], env=self.env, capture_output=True, text=True)
        if result.returncode:
            pytest.fail(f"{SCRIPT.name} {' '.join(arguments)}: {result.stdout}{result.stderr}")
