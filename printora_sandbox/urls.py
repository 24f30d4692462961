from __future__ import annotations

from django.urls import path

from printora_sandbox import api, creator_api, editor, merch_editor, panel

app_name = "printora_sandbox"

urlpatterns = [
    # The Partner API subset, as printora_client calls it.
    path("api/v1/partner-session", api.create_session, name="api-create-session"),
    path("api/v1/partner-session/<str:session_id>", api.get_session, name="api-session"),
    path(
        "api/v1/partner-session/by-token/<str:token>",
        api.get_session_by_token,
        name="api-session-by-token",
    ),
    path("api/v1/partners/orders", api.list_orders, name="api-orders"),
    path("api/v1/partners/webhook-logs", api.list_webhook_logs, name="api-webhook-logs"),
    path(
        "api/v1/partners/webhook-logs/<int:log_id>/retry",
        api.retry_webhook_log,
        name="api-webhook-log-retry",
    ),
    path("api/v1/partners/webhooks/resend", api.resend_webhook, name="api-webhooks-resend"),
    # The creator platform (flows B and C).
    path("api/v1/catalog/products", creator_api.products, name="api-catalog"),
    path("api/v1/creators", creator_api.creators, name="api-creators"),
    path("api/v1/creators/<str:creator_id>", creator_api.creator, name="api-creator"),
    path(
        "api/v1/creators/<str:creator_id>/status",
        creator_api.creator_status,
        name="api-creator-status",
    ),
    path(
        "api/v1/creators/<str:creator_id>/stats",
        creator_api.creator_stats,
        name="api-creator-stats",
    ),
    path(
        "api/v1/creators/<str:creator_id>/orders",
        creator_api.creator_orders,
        name="api-creator-orders",
    ),
    path("api/v1/creators/<str:creator_id>/merch", creator_api.merch_list, name="api-merch"),
    path(
        "api/v1/creators/<str:creator_id>/merch/<str:merch_id>",
        creator_api.merch_item,
        name="api-merch-item",
    ),
    path(
        "api/v1/creators/<str:creator_id>/merch/<str:merch_id>/edit-session",
        creator_api.merch_edit_session,
        name="api-merch-edit-session",
    ),
    path(
        "api/v1/merch-editor/by-token/<str:token>",
        creator_api.editor_session,
        name="api-merch-editor",
    ),
    path(
        "api/v1/merch-editor/by-token/<str:token>/save",
        creator_api.editor_save,
        name="api-merch-editor-save",
    ),
    # The shopper's editor, at the redirectUrl the API hands out.
    path("en/print/<str:token>", editor.editor, name="editor"),
    path("en/print/<str:token>/checkout", editor.checkout, name="editor-checkout"),
    path("en/print/<str:token>/cancel", editor.cancel, name="editor-cancel"),
    # The creator's design editor, at the editorUrl of a merch edit session.
    path("en/merch/<str:product_id>/<str:token>", merch_editor.page, name="merch-editor"),
    # The operator panel: play Printora's side of an order by hand (POST-only actions).
    path("", panel.index, name="panel"),
    path("panel/orders/<uuid:order_id>/ship", panel.ship, name="panel-ship"),
    path("panel/orders/<uuid:order_id>/deliver", panel.deliver, name="panel-deliver"),
    path("panel/orders/<uuid:order_id>/cancel", panel.cancel, name="panel-cancel"),
    path("panel/orders/<uuid:order_id>/resend", panel.resend_event, name="panel-resend"),
    path(
        "panel/orders/<uuid:order_id>/out-of-order",
        panel.send_out_of_order,
        name="panel-out-of-order",
    ),
    path(
        "panel/webhook-logs/<int:log_id>/duplicate",
        panel.send_duplicate,
        name="panel-duplicate",
    ),
    path("panel/webhook-logs/<int:log_id>/retry", panel.retry_log, name="panel-retry"),
]
