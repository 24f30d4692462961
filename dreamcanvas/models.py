"""DreamCanvas's own tables: none any more.

Rate-limit counters moved to Django's cache (``dreamcanvas/ratelimit.py``). Migration
``0002_ratelimit_counters_to_cache`` removes their model but leaves the old table in
the database, so workers of the previous release keep running during a rolling deploy;
a later release can drop it.
"""
