"""A 3-node cluster (scripts/search-engine start --nodes 3): one node down, every
result still found, thanks to the replicas (auto_expand_replicas 0-2).

Runs when the engine is a cluster of 3 nodes started by scripts/search-engine
(as in CI); FAILS when REQUIRE_SEARCH_CLUSTER=1 and it is not.
"""

import os
import subprocess
import time
from pathlib import Path

import pytest

from django.urls import reverse

from wagtail.models import Page

from tests.factories import ArticlePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "search-engine"


def engine_script(*args: str) -> None:
    subprocess.run([str(SCRIPT), *args], check=True, capture_output=True, timeout=120)


def health(backend, path: str = "", **params) -> dict:
    return backend.es.transport.perform_request("GET", f"/_cluster/health{path}", params=params)


def wait_for_nodes(backend, count: int) -> None:
    for _ in range(120):
        try:
            health_now = health(backend, wait_for_nodes=str(count))
            if health_now["number_of_nodes"] == count and health_now["status"] in {
                "green",
                "yellow",
            }:
                return
        except Exception:
            pass
        time.sleep(1)
    pytest.fail(f"the cluster did not get back to {count} nodes")


@pytest.fixture
def cluster(engine):
    nodes = engine.es.cluster.health()["number_of_nodes"]
    if nodes < 3:
        reason = f"the engine has {nodes} node(s): start it with --nodes 3"
        if os.environ.get("REQUIRE_SEARCH_CLUSTER") == "1":
            pytest.fail(f"REQUIRE_SEARCH_CLUSTER=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    return engine


def test_one_node_down_search_still_answers_every_result(client, cluster, news_index):
    for n in range(15):
        ArticlePageFactory(parent=news_index, title=f"Gouvernance partagée, épisode {n}")
    cluster.refresh()
    index_name = cluster.get_index_for_model(Page).name
    assert health(cluster, f"/{index_name}", wait_for_status="green")["status"] == ("green")
    settings = cluster.es.indices.get_settings(index=index_name)
    (concrete,) = settings.values()
    assert concrete["settings"]["index"]["auto_expand_replicas"] == "0-2"

    engine_script("stop-node", "2")
    try:
        wait_for_nodes(cluster, 2)
        response = client.get(reverse("search_api"), {"q": "gouvernance", "lang": "fr"})
        data = response.json()
        assert data["backend"] in {"opensearch", "elasticsearch"}
        assert data["count"] == 15
        assert len(data["results"]) == 10
    finally:
        engine_script("start-node", "2")
        wait_for_nodes(cluster, 3)
