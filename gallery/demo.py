"""The demo shopper. DreamCanvas has no sign-in; every visitor acts as this person.

The session service imports these to fill Printora's customer fields, so the
gallery's "signed-in" chip and the session's customer always agree.
"""

from __future__ import annotations

DEMO_USER_NAME = "Maya Chen"
DEMO_USER_EMAIL = "maya@dreamcanvas.example"
