"""One world for the whole matrix: the Alvesta demo (every area filled through the services) and
Exempelby beside it, built once per module inside a transaction that is rolled back at the end,
so the thousands of requests share it and nothing leaks into other tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from tests.permissions.world import MatrixWorld, build_matrix_world


@pytest.fixture(scope="module")
def matrix_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[MatrixWorld]:
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_matrix_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def unblocked(django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        yield
