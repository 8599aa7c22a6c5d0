import os
import subprocess
import sys

import pytest

from labregister.settings import dev

START_DJANGO = "import django; django.setup()"


def start_production(**environment):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS")}
    env.update(DJANGO_SETTINGS_MODULE="labregister.settings.production", **environment)
    return subprocess.run(
        [sys.executable, "-c", START_DJANGO], env=env, capture_output=True, text=True
    )


@pytest.mark.parametrize(
    ("environment", "missing"),
    [
        ({"ALLOWED_HOSTS": "labregister.nl"}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_secret_key_or_allowed_hosts(environment, missing):
    result = start_production(**environment)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_starts_with_both_set():
    result = start_production(SECRET_KEY="x" * 50, ALLOWED_HOSTS="labregister.nl")
    assert result.returncode == 0, result.stderr


def test_the_deployment_check_of_the_production_settings_finds_nothing():
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS")}
    env.update(
        DJANGO_SETTINGS_MODULE="labregister.settings.production",
        SECRET_KEY="k8#Vq2!zR9@wL4$mN7^pT1&hX6*cB3(dF5)gJ0-sY8+uE2=aWq7%nZ4",
        ALLOWED_HOSTS="labregister.nl",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_the_development_server_answers_only_on_this_machine():
    assert set(dev.ALLOWED_HOSTS) <= {"localhost", "127.0.0.1", "[::1]"}
