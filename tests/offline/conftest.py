"""The offline edition's session fixture: one build for every test of tests/offline/."""

from __future__ import annotations

import pytest

from tests.offline.support import Offline, build_offline


@pytest.fixture(scope="session")
def offline(tmp_path_factory) -> Offline:
    return build_offline(tmp_path_factory.mktemp("offline"))
