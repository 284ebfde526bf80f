"""The optional read replica: marked pages read from it, everything else — and every write — from the primary."""

from types import SimpleNamespace

import pytest
from django.db import router

from shuangyong.accounts.models import User
from shuangyong.replica import ReplicaRouter, reading_replica, replica_reads

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_replica(settings, monkeypatch):
    """A replica named in the settings the router reads, and the router installed (Django caches its routers)."""
    configured = SimpleNamespace(DATABASES={**settings.DATABASES, "replica": settings.DATABASES["default"]})
    monkeypatch.setattr("shuangyong.replica.settings", configured)
    router.routers = [ReplicaRouter()]
    yield
    del router.routers


def test_reads_go_to_the_replica_only_inside_a_marked_block(with_replica):
    assert router.db_for_read(User) == "default"
    with reading_replica():
        assert router.db_for_read(User) == "replica"
        assert router.db_for_write(User) == "default"
    assert router.db_for_read(User) == "default"
    assert router.allow_migrate("replica", "registry") is False and router.allow_migrate("default", "registry")


def test_a_marked_page_reads_the_replica_on_get_only(with_replica, rf):
    seen = []

    @replica_reads
    def view(request):
        seen.append(router.db_for_read(User))

    view(rf.get("/"))
    view(rf.post("/"))
    assert seen == ["replica", "default"]


def test_without_a_replica_everything_reads_the_primary():
    with reading_replica():
        assert ReplicaRouter().db_for_read(User) is None


def test_the_setting_names_a_replica_mirrored_in_tests(monkeypatch):
    import importlib

    import shuangyong.settings as project_settings

    monkeypatch.setenv("DATABASE_REPLICA_URL", "postgres://reader@replica-host:5432/shuangyong")
    monkeypatch.setenv("DEBUG", "true")
    try:
        reloaded = importlib.reload(project_settings)
        assert reloaded.DATABASES["replica"]["HOST"] == "replica-host"
        assert reloaded.DATABASES["replica"]["TEST"] == {"MIRROR": "default"}
        assert reloaded.DATABASE_ROUTERS == ["shuangyong.replica.ReplicaRouter"]
    finally:
        monkeypatch.delenv("DATABASE_REPLICA_URL")
        importlib.reload(project_settings)
