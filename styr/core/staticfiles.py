"""Static files in production: WhiteNoise's compressed storage with content-hashed names (served with a
year's cache by ``whitenoise.middleware.WhiteNoiseMiddleware``), written by ``manage.py collectstatic``."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage  # type: ignore[import-untyped]


class ManifestStorage(CompressedManifestStaticFilesStorage):  # type: ignore[misc]
    """A file missing from the manifest keeps its plain name instead of failing the page: the test suite and a
    checkout that has not run ``collectstatic`` yet render their pages all the same. A deployment that has run
    it (``make serve`` does) finds every file in the manifest and links the hashed names."""

    manifest_strict = False

    def stored_name(self, name: str) -> str:
        try:
            return str(super().stored_name(name))
        except ValueError:
            return name
