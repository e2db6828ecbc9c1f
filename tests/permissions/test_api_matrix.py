"""PERM-001, PERM-002, AUTH-001: every operation of the OpenAPI document × every persona, on an object
in scope A and in scope B, answers what docs/permission-matrix.md says, and that file is what the
policy gives today (tests/permissions/build_matrix.py)."""

from __future__ import annotations

import json
import os
import time
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from tests.permissions.build_matrix import ROOT, TABLE, cell_matches, expected, forget, render
from tests.permissions.operations import FILE, Operation, Resolver, Target, operations
from tests.permissions.world import PERSONAS, SCOPES, MatrixWorld

pytestmark = pytest.mark.django_db

#: Cells whose answer differs from the policy's cell today, each to be triaged (a hole to fix in the
#: service or selector, or an object the matrix attributes to the wrong unit). The test fails on a
#: new one and on one that went away, so the list stays true.
DIVERGENCES = ROOT / "tests" / "permissions" / "divergences.txt"


def send(client: Client, world: MatrixWorld, persona: str, op: Operation, target: Target) -> tuple[int, str | None]:
    """One request, its writes rolled back so every cell meets the same world."""
    with transaction.atomic():
        kwargs: dict[str, Any] = world.headers(persona)
        if target.multipart:
            # an upload as a client sends it: the form's fields and a small file that is no valid import
            form = {key: SimpleUploadedFile("fil.txt", b"x\n") if value == FILE else value for key, value in target.body.items()}
            assert op.method == "POST", op.key
            response = client.post(target.path, data=form, **kwargs)
        else:
            if target.body is not None:
                kwargs |= {"data": json.dumps(target.body), "content_type": "application/json"}
            response = client.generic(op.method, target.path, **kwargs)
        transaction.set_rollback(True)
    code = None
    if response.get("Content-Type", "").startswith("application/json"):
        try:
            payload = response.json()
            code = payload.get("code") if isinstance(payload, dict) else None
        except ValueError:
            code = None
    return response.status_code, code


def test_every_operation_answers_every_persona_as_the_matrix_says(matrix_world: MatrixWorld) -> None:
    forget()
    client = Client()
    document = client.get("/api/v1/openapi.json").json()
    ops = operations(document)
    assert len(ops) >= 250
    resolver = Resolver(matrix_world, document)
    rows: list[tuple[Operation, dict[str, str]]] = []
    failures: list[str] = []
    sent = 0
    started = time.perf_counter()
    for op in ops:
        cells: dict[str, str] = {}
        for scope in SCOPES:
            target = resolver.fill(op, scope)
            for persona in PERSONAS:
                user = matrix_world.users.get(persona)
                symbol = expected(op, persona, user, target)
                cells[f"{persona}:{scope}"] = symbol
                if target is None:
                    continue
                status, code = send(client, matrix_world, persona, op, target)
                sent += 1
                if not cell_matches(symbol, status, code):
                    failures.append(f"{op.key} {persona}/{scope}: expected {symbol}, got {status} {code or ''}".rstrip())  # no ids: they differ by database
        rows.append((op, cells))
    elapsed = time.perf_counter() - started
    print(f"\npermission matrix: {len(ops)} operations, {sent} requests in {elapsed:.0f} s")
    table = render(rows)
    if os.environ.get("STYR_WRITE_MATRIX"):
        TABLE.write_text(table, encoding="utf-8")
        # the cells that differ from the policy, for a person to read in the diff before committing
        DIVERGENCES.write_text("".join(f"{line}\n" for line in sorted(failures)), encoding="utf-8")
    known = set(DIVERGENCES.read_text(encoding="utf-8").splitlines())
    new, gone = sorted(set(failures) - known), sorted(known - set(failures))
    assert not new, f"{len(new)} cells differ from the matrix:\n" + "\n".join(new)
    assert not gone, f"{len(gone)} known divergences are gone: take them out of divergences.txt:\n" + "\n".join(gone)
    assert TABLE.read_text(encoding="utf-8") == table, "docs/permission-matrix.md is not what the policy gives: run tests/permissions/build_matrix.py"
