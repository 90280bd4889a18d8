"""The scale-out proof, as CI runs it after the PostgreSQL suite (`pytest -m cluster`):
scripts/cluster.py starts two web instances of the production settings behind HAProxy with a
shared PostgreSQL, Redis, S3 server and two db_workers, and checks sessions, shared limits,
fresh prices, uploads, a rolling restart under load and SIGTERM with Sentry hanging. Its
output (the measured numbers) is printed; any failed check fails this test."""

import subprocess
import sys

import pytest

from tests.deploy.support import ROOT

pytestmark = pytest.mark.cluster


def test_two_instances_behind_a_load_balancer_serve_as_one_shop_and_lose_nothing():
    result = subprocess.run(
        [sys.executable, "scripts/cluster.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    print(result.stdout, result.stderr[-4000:], sep="\n")
    assert result.returncode == 0, result.stdout[-8000:]
    assert "Cluster passed." in result.stdout
    assert "FAIL" not in result.stdout
