"""gunicorn's settings for Styr: ``gunicorn -c styr/config/gunicorn.py styr.config.wsgi`` (``make serve`` and the
systemd unit in docs/operations.md run it so). Everything comes from the environment:

- ``STYR_BIND`` (``127.0.0.1:8000``): where it listens; the reverse proxy in front of it terminates TLS.
- ``STYR_WORKERS`` (2 × cores + 1), ``STYR_THREADS`` (1), ``STYR_TIMEOUT`` (120 s: a worker that says nothing for
  that long is replaced; the longest page, a PDF of a whole group's report, takes seconds, but a worker's start
  counts too, and that is slow on a crowded machine), ``STYR_MAX_REQUESTS`` (2,000, with jitter: a worker is replaced
  after that many requests, so no slow leak lives long).
- ``STYR_ACCESS_LOG``: off by default, since Styr writes its own line per request with the request id and the
  user (``styr.core.logging.RequestLogMiddleware``); ``-`` writes gunicorn's to standard output as well.
- gunicorn's own messages are JSON lines like Styr's when ``STYR_LOG_FORMAT=json`` (the default with debug off).

Each worker loads the application itself (no ``preload_app``): the chart engine (vl-convert) starts its own
threads when ``styr.config.wsgi`` is imported, and threads do not survive a fork, so a preloaded master would
hand its workers a chart engine that hangs. ``STYR_PRELOAD=1`` turns preloading on for whoever wants to try.
"""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get("STYR_BIND", "127.0.0.1:8000").split(",")
workers = int(os.environ.get("STYR_WORKERS") or 2 * multiprocessing.cpu_count() + 1)
threads = int(os.environ.get("STYR_THREADS") or 1)
timeout = int(os.environ.get("STYR_TIMEOUT") or 120)
graceful_timeout = 30
keepalive = 5
max_requests = int(os.environ.get("STYR_MAX_REQUESTS") or 2000)
max_requests_jitter = max_requests // 10
preload_app = os.environ.get("STYR_PRELOAD", "").strip() in {"1", "true", "yes", "on"}
# the proxy in front sets X-Forwarded-For/-Proto; gunicorn trusts them only from these addresses
forwarded_allow_ips = os.environ.get("STYR_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "styr"
wsgi_app = "styr.config.wsgi:application"

accesslog = os.environ.get("STYR_ACCESS_LOG") or None
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms request_id=%({x-request-id}o)s'
errorlog = "-"
loglevel = os.environ.get("STYR_LOG_LEVEL", "info").lower()

_debug = os.environ.get("STYR_DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}
if os.environ.get("STYR_LOG_FORMAT", "text" if _debug else "json").strip().lower() == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "styr.core.logging.JsonFormatter"}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"}},
        "loggers": {
            "gunicorn.error": {"handlers": ["console"], "level": loglevel.upper(), "propagate": False},
            # a logging config turns gunicorn's access log on: it stays off unless STYR_ACCESS_LOG asks for it
            "gunicorn.access": {"handlers": ["console"] if accesslog else [], "level": "INFO", "propagate": False},
        },
    }


def post_worker_init(worker: object) -> None:
    """Build the URL patterns (the API's schemas take seconds) while the worker starts, not in its first request."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018
