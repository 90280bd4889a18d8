"""The list of an account's signed-in sessions, and ending them.

A SignedInSession row is written when the account signs in (user_logged_in) and deleted when
that session logs out (user_logged_out). Ending a session goes through the session store
(SESSION_ENGINE, whatever it is), so the session itself is gone, not only its row. "Log out
everywhere" also moves the account's session generation on (User._get_session_auth_hash): a
session the list never knew of stops working too.
"""

import ipaddress
import logging
import re
from datetime import timedelta
from importlib import import_module
from types import ModuleType
from typing import cast

from django.conf import settings
from django.contrib.auth import logout
from django.db import transaction
from django.db.models import F, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import SignedInSession, User
from core.http import client_ip

logger = logging.getLogger("accounts.sessions")

# "Last seen" is written at most this often per session.
SEEN_EVERY = timedelta(minutes=5)
SEEN_KEY = "accounts_seen_at"

BROWSERS = [("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome")]
BROWSERS += [("Safari/", "Safari")]
SYSTEMS = [("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad")]
SYSTEMS += [("Windows", "Windows"), ("Mac OS X", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux")]


def device_summary(user_agent: str) -> str:
    """ "Firefox on Windows": enough to recognise a device, not the whole header."""
    browser = next((name for key, name in BROWSERS if key in user_agent), "")
    system = next((name for key, name in SYSTEMS if key in user_agent), "")
    if browser and system:
        return f"{browser} · {system}"
    return browser or system or re.sub(r"[^\w ./-]", "", user_agent)[:30]


def ip_mask(value: str) -> str:
    """203.0.113.7 → 203.0.113.x; IPv6 keeps its first three groups (a /48)."""
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return ""
    if address.version == 4:
        return ".".join(str(address).split(".")[:3]) + ".x"
    network = ipaddress.ip_network(f"{address}/48", strict=False)
    return f"{network.network_address}/48"


def signed_in_session_record(*, request: HttpRequest, user: User) -> None:
    session = request.session
    if session.session_key is None:
        session.save()
    SignedInSession.objects.update_or_create(
        session_key=session.session_key,
        defaults={
            "user": user,
            "device": device_summary(request.headers.get("user-agent", ""))[:80],
            "ip_masked": ip_mask(client_ip(request)),
        },
    )
    session[SEEN_KEY] = timezone.now().timestamp()


def signed_in_session_seen(request: HttpRequest) -> None:
    """Move "last seen" on, at most every SEEN_EVERY per session."""
    now = timezone.now()
    seen = request.session.get(SEEN_KEY)
    if seen is not None and now.timestamp() - float(seen) < SEEN_EVERY.total_seconds():
        return
    request.session[SEEN_KEY] = now.timestamp()
    key = request.session.session_key
    if key:
        SignedInSession.objects.filter(session_key=key).update(last_seen_at=now)


def signed_in_session_forget(*, session_key: str | None) -> None:
    if session_key:
        SignedInSession.objects.filter(session_key=session_key).delete()


def signed_in_sessions_prune(*, user: User) -> int:
    """Forget the rows of sessions that ended without a log-out (expired, cleared by
    `clearsessions`): the session store no longer has them."""
    store = session_store().SessionStore
    gone = [
        row.pk
        for row in SignedInSession.objects.filter(user=user).only("pk", "session_key")
        if not store().exists(row.session_key)
    ]
    SignedInSession.objects.filter(pk__in=gone).delete()
    return len(gone)


def signed_in_session_list(*, user: User) -> QuerySet[SignedInSession]:
    return SignedInSession.objects.filter(user=user).order_by("-last_seen_at")


def signed_in_session_end(*, user: User, pk: int) -> bool:
    """End one of the account's sessions (not necessarily this one). False if not theirs."""
    row = SignedInSession.objects.filter(user=user, pk=pk).first()
    if row is None:
        return False
    session_store().SessionStore(session_key=row.session_key).delete()
    row.delete()
    return True


def sessions_end_everywhere(*, request: HttpRequest) -> int:
    """Log the account out of every session, this one included. Returns how many ended."""
    user = cast(User, request.user)
    store = session_store()
    with transaction.atomic():
        rows = list(SignedInSession.objects.filter(user=user))
        for row in rows:
            store.SessionStore(session_key=row.session_key).delete()
        SignedInSession.objects.filter(user=user).delete()
        User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    logger.info("User %s logged out everywhere (%d sessions)", user.pk, len(rows))
    logout(request)
    return len(rows)


def session_store() -> ModuleType:
    return import_module(settings.SESSION_ENGINE)
