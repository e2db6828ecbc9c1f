import os
import threading

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styr.config.settings")
application = get_wsgi_application()


def _start_charts() -> threading.Thread:
    """vl-convert takes seconds to start: start it beside the server, not in the first request with a chart."""
    from styr.documents.charts import warm

    thread = threading.Thread(target=warm, name="styr-start-charts", daemon=True)
    thread.start()
    return thread


charts_started = _start_charts()
