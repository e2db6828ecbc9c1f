"""Background tasks of the economy (``django.tasks``; run by ``manage.py db_worker``)."""

from __future__ import annotations

from django.tasks import task

from styr.economy.services.upload import upload_run


@task
def sie_upload_run(upload_id: int) -> str:
    """Read an uploaded SIE file into its unit's ledger; answers the upload's state."""
    upload = upload_run(upload_id=upload_id)
    return upload.state if upload is not None else "missing"
