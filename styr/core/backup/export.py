"""Write the archive of one group (``manage.py export_group``)."""

from __future__ import annotations

import base64
import datetime
import json
import uuid
import zipfile
from decimal import Decimal
from pathlib import PurePosixPath
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from styr.core.backup import archive
from styr.core.backup.graph import NATURAL_KEYS, Table, group_rows, is_user, tables
from styr.core.backup.snapshots import SNAPSHOT_MODELS
from styr.organisation.models import MunicipalGroup

PEOPLE_FIELDS = ("username", "first_name", "last_name", "email", "is_active")


def encode(field: models.Field[Any, Any], value: Any) -> Any:
    """A field's value as JSON (read back by ``restore.decode``)."""
    if value is None:
        return None
    if isinstance(field, models.JSONField):
        return value
    if isinstance(field, models.BinaryField):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, (Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    return value


def reference(model: type[models.Model], pk: Any) -> Any:
    """A shared row by its natural key."""
    if model is ContentType:
        ct = ContentType.objects.get_for_id(pk)
        return [ct.app_label, ct.model]
    key = NATURAL_KEYS[model._meta.label]
    return model._default_manager.values_list(key, flat=True).get(pk=pk)


def _row(table: Table, obj: models.Model, users: set[int], files: dict[str, tuple[str, Any]]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for f in obj._meta.concrete_fields:
        if f.primary_key:
            continue
        value = getattr(obj, f.attname)
        if isinstance(f, models.ForeignKey) and value is not None:
            target = f.related_model
            if is_user(target):
                users.add(value)
            elif target is ContentType or (isinstance(target, type) and target._meta.label in NATURAL_KEYS):
                value = reference(target, value)
        elif isinstance(f, models.FileField):
            value = value.name if value else ""
            if value:
                member = f"files/{table.label}/{obj.pk}/{f.name}/{PurePosixPath(value).name}"
                files[member] = (value, getattr(obj, f.name))
                values[f"{f.attname}@member"] = member
        values[f.attname] = encode(f, value)
    many: dict[str, list[Any]] = {}
    for m in table.many:
        target = m.related_model
        pks = sorted(getattr(obj, m.name).values_list("pk", flat=True))
        many[m.name] = [reference(target, pk) for pk in pks] if isinstance(target, type) and target._meta.label in NATURAL_KEYS else pks
    return {"pk": obj.pk, "f": values, "m": many}


def group_export(*, group: MunicipalGroup, out: IO[bytes], with_passwords: bool = False) -> dict[str, Any]:
    """Write the group's archive to ``out`` and answer its manifest. Read in one transaction, so the
    archive is one consistent moment of the group."""
    members: dict[str, dict[str, Any]] = {}
    counts: dict[str, int] = {}
    users: set[int] = set()
    files: dict[str, tuple[str, Any]] = {}
    snapshots: list[dict[str, Any]] = []
    snapshot_labels = {m._meta.label for m in SNAPSHOT_MODELS}
    with transaction.atomic(), zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:

        def put(name: str, data: bytes, rows: int | None = None) -> None:
            zf.writestr(name, data)
            members[name] = {"sha256": archive.sha256(data), "bytes": len(data), **({"rows": rows} if rows is not None else {})}

        for table in tables():
            queryset = group_rows(table.model, group)
            if table.many:
                queryset = queryset.prefetch_related(*(m.name for m in table.many))
            rows = [_row(table, obj, users, files) for obj in queryset.iterator(chunk_size=2000)]
            put(table.member, archive.jsonl(rows), len(rows))
            counts[table.label] = len(rows)
            if table.label in snapshot_labels:
                snapshots += [
                    {"model": table.label, "id": row["pk"], "sha256": row["f"]["snapshot_sha256"]}
                    for row in rows
                    if row["f"].get("snapshot") is not None and row["f"].get("snapshot_sha256")
                ]
        people = []
        for user in get_user_model()._default_manager.filter(pk__in=users).order_by("pk"):
            person = {name: getattr(user, name) for name in PEOPLE_FIELDS}
            person["pk"] = user.pk
            if with_passwords:
                person["password"] = user.password
            people.append(person)
        put(archive.PEOPLE, archive.jsonl(people), len(people))
        for member, (_name, handle) in sorted(files.items()):
            with handle.open("rb") as fh:
                put(member, fh.read())
        manifest = {
            "format": archive.FORMAT,
            "format_version": archive.FORMAT_VERSION,
            "styr_version": archive.styr_version(),
            "exported_at": timezone.now().isoformat(),
            "group": {"slug": group.slug, "name": group.name},
            "migrations": archive.migration_state({t.model._meta.app_label for t in tables()}),
            "counts": {**counts, "people": len(people), "files": len(files)},
            "with_passwords": with_passwords,
            "snapshots": snapshots,
            "members": members,
        }
        zf.writestr(archive.MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True))
    return manifest
