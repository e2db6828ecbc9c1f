"""Backup and restore of one municipal group (issue 14 §6).

``archive`` is the file format and its safe reading; ``graph`` says which tables a group owns and in
which order they load; ``export`` writes an archive, ``restore`` reads one back in one transaction;
``snapshots`` recomputes the adopted snapshots' hashes and finds a decision by its hash.
"""
