"""Signs schemathesis in as a demo citizen, the way the portal does: password, then the
one-time code from the demo server's SMS outbox (which needs the operator credential).

The run itself calls `signOut`, `endSession` and `reportSession`, which end the session it
is using; after a 401 schemathesis asks for a fresh session and tries the case again.
Without that, every case after the first sign-out would only ever test the 401 answer.
"""

import os
import re

import requests
import schemathesis

BASE_URL = os.environ["PORTAL_URL"].rstrip("/")
OPERATOR_TOKEN = os.environ["PORTAL_OPERATOR_TOKEN"]
IDENTIFIER = os.environ.get("PORTAL_CITIZEN_ID", "001085012345")
PHONE = os.environ.get("PORTAL_CITIZEN_PHONE", "0912345678")
PASSWORD = os.environ.get("PORTAL_CITIZEN_PASSWORD", "Demo@2026")
SESSION_COOKIE = "portal_session"
# What the server's CSRF check asks of every state-changing request.
CSRF = {"X-Requested-With": "portal"}


def post(path: str, body: dict) -> requests.Response:
    """A JSON POST from "the portal", which must succeed."""
    answer = requests.post(f"{BASE_URL}{path}", json=body, headers=CSRF, timeout=30)
    answer.raise_for_status()
    return answer


def sign_in() -> str:
    """A fresh session token for the demo citizen."""
    challenge = post("/api/v1/sign-in", {"identifier": IDENTIFIER, "password": PASSWORD})
    outbox = requests.get(
        f"{BASE_URL}/api/v1/dev/sms-outbox",
        params={"to": PHONE},
        headers={"Authorization": f"Bearer {OPERATOR_TOKEN}"},
        timeout=30,
    )
    outbox.raise_for_status()
    text = outbox.json()[0]["text"]  # newest first
    code = re.search(r"\b(\d{6})\b", text).group(1)
    verified = post(
        "/api/v1/sign-in/code",
        {"challenge_id": challenge.json()["challenge_id"], "code": code},
    )
    return verified.cookies[SESSION_COOKIE]


@schemathesis.auth()
class PortalSession:
    """The `portal_session` cookie. schemathesis keeps it between cases and asks for a new one
    after a 401 (its `retry_on`), which is how the run gets past its own sign-outs."""

    def get(self, case, ctx):
        return sign_in()

    def set(self, case, data, ctx):
        case.cookies = {**(case.cookies or {}), SESSION_COOKIE: data}
        # The development endpoints take the operator credential (their `operator` scheme).
        if case.path.startswith(("/api/v1/operator/", "/api/v1/dev/")):
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {OPERATOR_TOKEN}"}
