"""Read a group's archive back (``manage.py import_group``): into an empty database, where every
row keeps its id, or beside other groups, where ids are given anew and every key is remapped.

All or nothing: one transaction, and the files it stored are removed again when it fails. One
``group.imported`` event records the archive's SHA-256.
"""

from __future__ import annotations

import base64
import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.core.files.base import ContentFile
from django.core.management.color import no_style
from django.db import connection, models, transaction

from styr.core import audit
from styr.core.actors import Actor
from styr.core.backup import archive
from styr.core.backup.graph import NATURAL_KEYS, Table, is_user, tables
from styr.core.models import AuditEvent
from styr.domain.errors import RuleViolation
from styr.organisation.models import MunicipalGroup

BATCH = 500


@dataclass
class Restored:
    group: MunicipalGroup
    #: the archive's SHA-256
    sha256: str
    #: True when every row kept its id (an empty database); else ids were given anew
    kept_ids: bool
    #: per table: the archive's id → the id here
    ids: dict[str, dict[int, int]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    people_created: list[str] = field(default_factory=list)


def _violation(code: str, template: str, detail: dict[str, Any]) -> RuleViolation:
    return RuleViolation(code, template, detail, field="archive")


def check_migrations(manifest: dict[str, Any]) -> None:
    """BACKUP-003: the archive's tables must be those of this installation, migration for migration."""
    theirs: dict[str, list[str]] = manifest.get("migrations") or {}
    ours = archive.migration_state({t.model._meta.app_label for t in tables()} | set(theirs))
    for app in sorted(set(ours) | set(theirs)):
        if sorted(theirs.get(app, [])) != ours.get(app, []):
            newer = sorted(set(theirs.get(app, [])) - set(ours.get(app, [])))
            missing = sorted(set(ours.get(app, [])) - set(theirs.get(app, [])))
            raise _violation(
                "BACKUP-003",
                "The archive was made with other migrations of %(app)s (Styr %(version)s): the archive has %(newer)s that this "
                "installation lacks and lacks %(missing)s. Restore it into a Styr at the same version.",
                {"app": app, "version": manifest.get("styr_version", "?"), "newer": ", ".join(newer) or "–", "missing": ", ".join(missing) or "–"},
            )


@contextlib.contextmanager
def _explicit_times() -> Iterator[None]:
    """Keep the archive's times: ``auto_now``/``auto_now_add`` would stamp the import's moment."""
    changed = []
    for table in tables():
        for f in table.model._meta.concrete_fields:
            if isinstance(f, models.DateField) and (f.auto_now or f.auto_now_add):
                changed.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, now_add in changed:
            f.auto_now, f.auto_now_add = now, now_add


class _Loader:
    def __init__(self, reader: archive.ArchiveReader, slug: str, kept_ids: bool) -> None:
        self.reader, self.slug, self.kept_ids = reader, slug, kept_ids
        self.ids: dict[type[models.Model], dict[int, int]] = {}
        self.users: dict[int, int] = {}
        self.references: dict[tuple[str, str], int] = {}
        self.stored_files: list[tuple[Any, str]] = []

    def reference(self, model: type[models.Model], key: Any) -> int:
        cache_key = (model._meta.label, repr(key))
        if cache_key not in self.references:
            try:
                if model is ContentType:
                    pk = ContentType.objects.get_by_natural_key(*key).pk
                else:
                    pk = model._default_manager.values_list("pk", flat=True).get(**{NATURAL_KEYS[model._meta.label]: key})
            except (ObjectDoesNotExist, TypeError, ValueError):
                raise _violation(
                    "BACKUP-008", "The archive refers to %(what)s %(key)s, which this installation does not have.", {"what": model._meta.label, "key": key}
                ) from None
            self.references[cache_key] = int(pk)
        return self.references[cache_key]

    def target(self, f: models.ForeignKey[Any, Any], value: Any, table: Table) -> Any:
        model = f.related_model
        assert isinstance(model, type)
        if is_user(model):
            return self.users.get(int(value))
        if model is ContentType or model._meta.label in NATURAL_KEYS:
            return self.reference(model, value)
        mapped = self.ids.get(model, {}).get(int(value))
        if mapped is None:
            raise _violation(
                "BACKUP-005",
                "A row of %(table)s in the archive refers to %(target)s %(id)s, which the archive does not hold.",
                {"table": table.label, "target": model._meta.label, "id": value},
            )
        return mapped

    def decode(self, f: models.Field[Any, Any], value: Any) -> Any:
        if value is None or isinstance(f, models.JSONField):
            return value
        if isinstance(f, models.BinaryField):
            return base64.b64decode(value)
        if isinstance(f, models.FileField):
            return value
        return f.to_python(value)

    def store_file(self, f: models.FileField, member: Any, table: Table) -> str:
        if not isinstance(member, str) or not member.startswith("files/"):  # a row must name its file among the archive's files
            raise _violation(
                "BACKUP-005", "A row of %(table)s in the archive names no file of the archive for %(field)s.", {"table": table.label, "field": f.attname}
            )
        data = self.reader.member(member)
        name = f.generate_filename(None, PurePosixPath(member).name)  # type: ignore[arg-type]  # a str upload_to needs no row
        stored = f.storage.save(name, ContentFile(data))
        self.stored_files.append((f.storage, stored))
        return stored

    def build(self, table: Table, row: dict[str, Any], later: list[tuple[Table, int, dict[str, Any]]]) -> models.Model:
        values: dict[str, Any] = {}
        given = row.get("f") or {}
        for f in table.model._meta.concrete_fields:
            if f.primary_key:
                continue
            if f.attname not in given:
                raise _violation("BACKUP-005", "A row of %(table)s in the archive lacks %(field)s.", {"table": table.label, "field": f.attname})
            value = given[f.attname]
            if isinstance(f, models.ForeignKey) and value is not None:
                if f in table.deferred:
                    later.append((table, row["pk"], {f.attname: value}))
                    value = None
                else:
                    value = self.target(f, value, table)
            elif isinstance(f, models.FileField) and value:
                value = self.store_file(f, given.get(f"{f.attname}@member"), table)
            else:
                value = self.decode(f, value)
            values[f.attname] = value
        if table.model is MunicipalGroup:
            values["slug"] = self.slug
        if table.model is AuditEvent and values.get("content_type_id") is not None:
            model = ContentType.objects.get_for_id(values["content_type_id"]).model_class()
            if model in self.ids and str(values["object_id"]).isdigit():
                values["object_id"] = str(self.ids[model].get(int(values["object_id"]), values["object_id"]))
        obj = table.model(**values)
        if self.kept_ids:
            obj.pk = row["pk"]
        return obj

    def load(self, table: Table, rows: list[dict[str, Any]], later: list[tuple[Table, int, dict[str, Any]]]) -> None:
        self.ids[table.model] = {}
        made = []
        for layer in _layers(table, rows):
            objs = table.model._default_manager.bulk_create([self.build(table, row, later) for row in layer], batch_size=BATCH)
            self.ids[table.model].update({int(row["pk"]): int(obj.pk) for row, obj in zip(layer, objs, strict=True)})
            made += objs
        rows = [row for layer in _layers(table, rows) for row in layer]
        for m in table.many:
            target = m.related_model
            assert isinstance(target, type)
            through: Any = m.remote_field.through
            source_name, target_name = f"{m.m2m_field_name()}_id", f"{m.m2m_reverse_field_name()}_id"
            links = []
            for row, obj in zip(rows, made, strict=True):
                for value in (row.get("m") or {}).get(m.name, []):
                    other: int | None
                    if target._meta.label in NATURAL_KEYS:
                        other = self.reference(target, value)
                    else:
                        other = self.ids.get(target, {}).get(int(value))
                        if other is None:  # a link to a row of the same table loaded later
                            later.append((table, row["pk"], {f"{m.name}@add": value}))
                            continue
                    links.append(through(**{source_name: obj.pk, target_name: other}))
            through._default_manager.bulk_create(links, batch_size=BATCH)

    def finish(self, later: list[tuple[Table, int, dict[str, Any]]]) -> None:
        for table, old, values in later:
            row = table.model._default_manager.get(pk=self.ids[table.model][old])
            for name, value in values.items():
                if name.endswith("@add"):
                    target = table.model._meta.get_field(name[:-4]).related_model
                    getattr(row, name[:-4]).add(self.ids[target][int(value)])  # type: ignore[index]
                    continue
                f = next(f for f in table.deferred if f.attname == name)
                table.model._default_manager.filter(pk=row.pk).update(**{name: self.target(f, value, table)})


def _layers(table: Table, rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """A table with a key to itself (a unit's parent) loads in layers: roots first, then their children."""
    own = [f.attname for f in table.links if f.related_model is table.model]
    if not own:
        return [rows]
    layers, done, pending = [], set(), list(rows)
    while pending:
        layer = [r for r in pending if all(r["f"].get(name) is None or r["f"][name] in done for name in own)]
        if not layer:
            raise _violation("BACKUP-005", "The rows of %(table)s in the archive refer to each other in a circle.", {"table": table.label})
        layers.append(layer)
        done |= {r["pk"] for r in layer}
        pending = [r for r in pending if r["pk"] not in done]
    return layers


def _people(rows: list[dict[str, Any]], loader: _Loader) -> list[str]:
    """People by user name: one who exists here is the same person; another is created, with the
    archive's password hash when it was exported with passwords, else with none usable."""
    user_model = get_user_model()
    created = []
    for person in rows:
        username = str(person["username"])
        user = user_model._default_manager.filter(username=username).first()
        if user is None:
            user = user_model(**{name: person.get(name, "") for name in ("username", "first_name", "last_name", "email")})
            user.is_active = bool(person.get("is_active", True))
            if person.get("password"):
                user.password = str(person["password"])
            else:
                user.set_unusable_password()
            user.save()
            created.append(username)
        loader.users[int(person["pk"])] = int(user.pk)
    return created


def _ids_free(data: dict[Table, list[dict[str, Any]]]) -> bool:
    return not any(t.model._default_manager.filter(pk__in=[r["pk"] for r in rows]).exists() for t, rows in data.items() if rows)


def group_import(*, actor: Actor, source: IO[bytes], size: int, slug: str | None = None) -> Restored:
    """Restore a group from its archive (BACKUP-001…008); nothing is written when anything is wrong."""
    reader = archive.open_archive(source, size)
    manifest = reader.manifest
    check_migrations(manifest)
    new_slug = slug or str((manifest.get("group") or {}).get("slug") or "")
    if not new_slug or MunicipalGroup.objects.filter(slug=new_slug).exists():
        raise _violation(
            "BACKUP-004", "A group with the short name %(slug)s exists already; import beside it with --slug and another name.", {"slug": new_slug}
        )
    people = reader.rows(archive.PEOPLE)
    data = {table: reader.rows(table.member) for table in tables()}
    loader = _Loader(reader, new_slug, kept_ids=False)
    try:
        with transaction.atomic():
            with _explicit_times():
                loader.kept_ids = _ids_free(data)
                created = _people(people, loader)
                later: list[tuple[Table, int, dict[str, Any]]] = []
                for table, rows in data.items():
                    loader.load(table, rows, later)
                loader.finish(later)
            if loader.kept_ids:
                _reset_sequences([t.model for t in data] + [m.remote_field.through for t in data for m in t.many])  # type: ignore[misc]
            group = MunicipalGroup.objects.get(slug=new_slug)
            counts = {t.label: len(rows) for t, rows in data.items()}
            audit.record(
                actor=actor,
                action="group.imported",
                obj=group,
                group=group,
                after={
                    "archive_sha256": reader.digest,
                    "from_slug": manifest["group"]["slug"],
                    "kept_ids": loader.kept_ids,
                    "rows": sum(counts.values()),
                    "people_created": created,
                },
            )
    except BaseException:
        for storage, name in loader.stored_files:
            storage.delete(name)
        raise
    ids = {model._meta.label: mapping for model, mapping in loader.ids.items()}
    return Restored(group, reader.digest, loader.kept_ids, ids, counts, created)


def _reset_sequences(model_list: list[type[models.Model]]) -> None:
    """On PostgreSQL a row given its id does not move the id sequence: move it past them."""
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
