from __future__ import annotations

from django.urls import path

from printora_sandbox import api, editor, panel

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
    # The shopper's editor, at the redirectUrl the API hands out.
    path("en/print/<str:token>", editor.editor, name="editor"),
    path("en/print/<str:token>/checkout", editor.checkout, name="editor-checkout"),
    path("en/print/<str:token>/cancel", editor.cancel, name="editor-cancel"),
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
