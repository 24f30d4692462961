"""The orders dashboard, one module per job: ``book`` (the table and its live
updates), ``detail`` (one order), ``export`` (CSV) and ``sync`` (the Sync button).

Views parse and validate the query string (``orders.filters``), call
``orders.selectors`` (read-only) or ``orders.sync`` (the one action), and render
with ``orders.pages``. Webhook deliveries have their pages in ``webhooks.dashboard``.
"""
