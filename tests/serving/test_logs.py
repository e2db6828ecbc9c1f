"""Structured logs (issue 14 §5): one JSON object a line, with the request id the answer's X-Request-Id shows."""

from __future__ import annotations

import json
import logging
import os

import pytest
from django.test import Client

from styr.core.logging import JsonFormatter
from tests.conftest import World


def lines(caplog: pytest.LogCaptureFixture, logger: str) -> list[dict[str, object]]:
    formatter = JsonFormatter()
    return [json.loads(formatter.format(record)) for record in caplog.records if record.name == logger]


def test_every_request_logs_one_json_line_with_the_request_id_it_answers(world: World, caplog: pytest.LogCaptureFixture) -> None:
    client = Client()
    client.force_login(world.users["ks_controller"])
    with caplog.at_level(logging.INFO, logger="styr.request"):
        answer = client.get("/konto/", headers={"X-Request-Id": "proxy-42"})

    [line] = lines(caplog, "styr.request")
    assert line["request_id"] == answer["X-Request-Id"]
    assert line["client_request_id"] == "proxy-42"
    assert line["level"] == "INFO"
    assert line["method"] == "GET"
    assert line["path"] == "/konto/"
    assert line["status"] == 200
    assert line["user_id"] == world.users["ks_controller"].pk
    assert isinstance(line["duration_ms"], float)
    assert str(line["ts"]).endswith("+00:00")


def test_an_anonymous_request_logs_no_user_and_a_refusal_logs_a_warning(db: None, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="styr.request"):
        Client().get("/helse/")
        Client().post("/helse/")

    ok, refused = lines(caplog, "styr.request")
    assert ok["user_id"] is None
    assert (refused["status"], refused["level"]) == (405, "WARNING")


def test_a_line_logged_while_serving_carries_the_request_id_and_a_traceback_stays_one_line(caplog: pytest.LogCaptureFixture) -> None:
    from styr.core.middleware import current_request_id

    token = current_request_id.set("abc123")
    try:
        try:
            raise ValueError("broken")
        except ValueError:
            logging.getLogger("styr.test").exception("it broke: %s", "here", extra={"unit": 7})
        [record] = [r for r in caplog.records if r.name == "styr.test"]
        text = JsonFormatter().format(record)  # as the handler does, while the request is served
    finally:
        current_request_id.reset(token)

    assert "\n" not in text
    line = json.loads(text)
    assert (line["request_id"], line["message"], line["unit"], line["level"]) == ("abc123", "it broke: here", 7, "ERROR")
    assert "ValueError: broken" in line["exc_info"]


def test_with_debug_off_the_log_is_json_lines_unless_told_otherwise() -> None:
    from django.conf import settings

    assert settings.LOGGING["handlers"]["console"]["formatter"] == settings.LOG_FORMAT
    if not os.environ.get("STYR_DEBUG") and not os.environ.get("STYR_LOG_FORMAT"):
        assert settings.LOG_FORMAT == "json"
