import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from ilp_desktop.app.clock import Clock
from ilp_desktop.app.workspace import Workspace
from ilp_desktop.model.catalog import load_catalog
from ilp_desktop.storage.store import Store

PROGRAM = "ilp-conversation-guide"
TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="session")
def catalog():
    c = load_catalog()
    assert c.problems == []
    return c


@pytest.fixture
def template(catalog):
    return catalog.template(PROGRAM)


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def store(data_dir):
    s = Store.open(data_dir)
    yield s
    s.close()


@pytest.fixture
def ws(store, catalog):
    """The store as the app uses it: with the installed programs and a fixed today."""
    return Workspace(store, catalog, Clock(TODAY))


@pytest.fixture
def sample_dir(data_dir, catalog):
    """A data folder holding the sample plans, closed again: the window under test opens it."""
    from ilp_desktop.samples import load_samples

    store = Store.open(data_dir)
    load_samples(store, catalog, TODAY)
    store.close()
    return data_dir


@pytest.fixture
def plan_id(store):
    teacher = store.add_person("José Núñez", "teacher", "Lincoln Middle School")
    return store.create_plan(PROGRAM, teacher, "2026-2027", dt.date(2026, 9, 1), school="Lincoln Middle School")
