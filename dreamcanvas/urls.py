from __future__ import annotations

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from dreamcanvas import signin, views

# Both sign-in pages count failed attempts (dreamcanvas/signin.py).
admin.site.login_form = signin.ThrottledAdminAuthenticationForm

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/", views.healthz),
    path("favicon.ico", views.favicon),
    path("admin/", admin.site.urls),
    path("accounts/login/", signin.ThrottledLoginView.as_view(), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("dashboard/webhooks/", include("webhooks.dashboard_urls")),
    path("dashboard/", include("orders.urls")),
    path("", include("webhooks.urls")),
    path("ai-image-app/", include("gallery.urls")),
    path("studio/", include("gallery.studio_urls")),
    path("", include("sessions_app.urls")),
]

if settings.PRINTORA_SANDBOX:
    # Imported only in sandbox mode: with real credentials none of it exists.
    urlpatterns.append(path("sandbox/", include("printora_sandbox.urls")))

# Uploaded artworks in development; in production a web server or object storage
# serves MEDIA_URL publicly (Printora must be able to fetch the images).
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
