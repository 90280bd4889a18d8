"""A local stand-in for the few Stripe endpoints the shop uses, speaking Stripe's wire format:
form-encoded requests (`line_items[0][price_data][unit_amount]=1999`), JSON replies and
errors, Bearer keys and Idempotency-Key replays. It records every request, serves a hosted
"checkout page" with Pay and Cancel buttons for the browser, and sends signed webhook events
back to the shop the way Stripe does (`Stripe-Signature: t=…,v1=HMAC-SHA256("t.payload")`).

    POST /v1/checkout/sessions       create a session (checks key, fields, expires_at range)
    GET  /v1/checkout/sessions       list sessions, newest first (created[gte], limit,
                                     starting_after; `has_more`), at most `page_size` a page
    GET  /v1/checkout/sessions/{id}  the session
    POST /v1/refunds                 refund a PaymentIntent in full (charge.refunded follows)
    GET  /v1/refunds                 list refunds, like sessions
    GET  /checkout/pay/{id}          the hosted page; POST there: pay, pay_later, cancel

`payment_link_session` makes a session the way a Payment Link does (not the shop's: no
metadata, any amount and currency, the buyer's client_reference_id).
"""

import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx

from tests.support.http_standin import HTTPStandIn, Reply, Request
from tests.support.stripe_wire import (
    API_KEY,
    WEBHOOK_SECRET,
    event_payload,
    form_decode,
    stripe_error,
    stripe_signature,
)

__all__ = ["API_KEY", "WEBHOOK_SECRET", "StripeStandIn", "event_payload", "stripe_signature"]


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    params: dict[str, Any]

    @property
    def idempotency_key(self) -> str | None:
        return self.headers.get("idempotency-key")


@dataclass
class StripeStandIn:
    api_key: str = API_KEY
    webhook_secret: str = WEBHOOK_SECRET
    webhook_url: str = ""  # where events go (the shop's /payments/stripe/webhook/)
    event_delay: float = 0.0  # seconds before an event is sent after the page's "Pay"
    fail_with: int | None = None  # answer API calls with this HTTP status (500, 402 …)
    requests: list[Recorded] = field(default_factory=list)
    sessions: dict[str, dict] = field(default_factory=dict)
    refunds: dict[str, dict] = field(default_factory=dict)
    page_size: int = 100  # Stripe's own maximum; lower it to make lists span pages
    create_delay: float = 0.0  # seconds a session takes to create (to widen races)
    events: list[tuple[str, int]] = field(default_factory=list)  # (type, shop's answer)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._replies: dict[str, tuple[dict, tuple]] = {}
        self._threads: list[threading.Thread] = []
        self.server = HTTPStandIn(self._answer)
        self.url = self.server.url

    def start(self) -> "StripeStandIn":
        self.server.start()
        return self

    def stop(self) -> None:
        for thread in self._threads:
            thread.join(timeout=10)
        self.server.stop()

    def _answer(self, request: Request) -> Reply:
        """The API under /v1/ (form-encoded, as the library sends it), else the hosted page."""
        url = urlsplit(request.path)
        if url.path.startswith("/v1/"):
            query = request.body.decode() if request.method == "POST" else url.query
            status, reply = self.api(request.method, url.path, request.headers, form_decode(query))
            return Reply(status, json.dumps(reply))
        if request.method == "POST":
            action = dict(parse_qsl(request.body.decode())).get("action", "")
            location = self.page_post(request.path.rsplit("/", 1)[-1], action)
            return Reply(303, "", "text/plain", {"Location": location})
        status, html = self.page(request.path.rsplit("/", 1)[-1])
        return Reply(status, html, "text/html; charset=utf-8")

    # --- the API --------------------------------------------------------------------------
    def api(self, method: str, path: str, headers: dict[str, str], params: dict) -> tuple:
        with self._lock:
            self.requests.append(Recorded(method, path, headers, params))
        if headers.get("authorization") != f"Bearer {self.api_key}":
            return stripe_error(401, "Invalid API Key provided.")
        if self.fail_with:
            return stripe_error(self.fail_with, "Something went wrong.", kind="api_error")
        key = headers.get("idempotency-key")
        if method == "POST" and key:
            with self._lock:
                if key in self._replies:
                    sent, reply = self._replies[key]
                    if sent != params:
                        return stripe_error(
                            400,
                            "Keys for idempotent requests can only be "
                            "used with the same parameters.",
                            kind="idempotency_error",
                        )
                    return reply
        reply = self._route(method, path, params)
        if method == "POST" and key and reply[0] < 500:
            with self._lock:
                self._replies[key] = (params, reply)
        return reply

    def _route(self, method: str, path: str, params: dict) -> tuple:
        if (method, path) == ("POST", "/v1/checkout/sessions"):
            return self._session_create(params)
        if (method, path) == ("GET", "/v1/checkout/sessions"):
            return self._list(path, list(self.sessions.values()), params)
        if (method, path) == ("GET", "/v1/refunds"):
            return self._list(path, list(self.refunds.values()), params)
        if method == "GET" and path.startswith("/v1/checkout/sessions/"):
            session = self.sessions.get(path.rsplit("/", 1)[-1])
            return (200, session) if session else stripe_error(404, "No such checkout.session")
        if (method, path) == ("POST", "/v1/refunds"):
            return self._refund(params)
        return stripe_error(404, f"Unrecognized request URL ({method}: {path}).")

    def _list(self, path: str, objects: list[dict], params: dict) -> tuple:
        """Stripe's list: newest first, `created[gte]`, `limit` (1–100), `starting_after`."""
        newest_first = objects[::-1]
        since = (params.get("created") or {}).get("gte")
        if since is not None:
            newest_first = [o for o in newest_first if o["created"] >= int(since)]
        after = params.get("starting_after")
        if after:
            ids = [o["id"] for o in newest_first]
            if after not in ids:
                return stripe_error(400, f"No such object: '{after}'", param="starting_after")
            newest_first = newest_first[ids.index(after) + 1 :]
        limit = min(int(params.get("limit") or 10), 100, self.page_size)
        page = newest_first[:limit]
        reply = {"object": "list", "url": path, "has_more": len(newest_first) > limit, "data": page}
        return 200, reply

    def payment_link_session(self, *, client_reference_id: str, amount: int, currency: str) -> dict:
        """A session a Payment Link made (anyone may add ?client_reference_id= to a link):
        not the shop's, so no metadata of ours; already paid."""
        session_id = f"cs_test_{secrets.token_hex(16)}"
        session = {
            "id": session_id,
            "object": "checkout.session",
            "amount_subtotal": amount,
            "amount_total": amount,
            "client_reference_id": client_reference_id,
            "created": int(time.time()),
            "currency": currency,
            "customer_email": None,
            "customer_details": None,
            "expires_at": int(time.time()) + 24 * 3600,
            "metadata": {},
            "mode": "payment",
            "payment_intent": None,
            "payment_link": f"plink_{secrets.token_hex(12)}",
            "payment_status": "unpaid",
            "status": "open",
            "success_url": None,
            "cancel_url": None,
            "url": f"{self.url}/checkout/pay/{session_id}",
            "livemode": False,
        }
        with self._lock:
            self.sessions[session_id] = session
        return self.pay(session_id)

    def expire(self, session_id: str) -> dict:
        """The session's time is up (or the shop expired it)."""
        self.sessions[session_id].update(status="expired", url=None)
        return dict(self.sessions[session_id])

    def _session_create(self, params: dict) -> tuple:
        time.sleep(self.create_delay)
        now = int(time.time())
        expires_at = int(params.get("expires_at") or now + 24 * 3600)
        if not now + 30 * 60 <= expires_at <= now + 24 * 3600:
            return stripe_error(
                400,
                "The `expires_at` timestamp must be between 30 minutes "
                "and 24 hours from Checkout Session creation.",
                param="expires_at",
            )
        items = params.get("line_items") or []
        if params.get("mode") != "payment" or not items:
            return stripe_error(400, "Missing required param: line_items.", param="line_items")
        currency = items[0]["price_data"]["currency"]
        total = sum(int(i["price_data"]["unit_amount"]) * int(i["quantity"]) for i in items)
        session_id = f"cs_test_{secrets.token_hex(16)}"
        session = {
            "id": session_id,
            "object": "checkout.session",
            "amount_subtotal": total,
            "amount_total": total,
            "client_reference_id": params.get("client_reference_id"),
            "created": now,
            "currency": currency,
            "customer_email": params.get("customer_email"),
            "customer_details": None,
            "expires_at": expires_at,
            "metadata": params.get("metadata") or {},
            "mode": "payment",
            "payment_intent": None,
            "payment_status": "unpaid",
            "status": "open",
            "success_url": params.get("success_url"),
            "cancel_url": params.get("cancel_url"),
            "url": f"{self.url}/checkout/pay/{session_id}",
            "livemode": False,
        }
        with self._lock:
            self.sessions[session_id] = session
        return 200, session

    def _refund(self, params: dict) -> tuple:
        intent = params.get("payment_intent")
        session = next((s for s in self.sessions.values() if s["payment_intent"] == intent), None)
        if session is None:
            return stripe_error(400, f"No such payment_intent: '{intent}'", param="payment_intent")
        if session.get("refunded"):
            return stripe_error(
                400, "Charge has already been refunded.", code="charge_already_refunded"
            )
        session["refunded"] = True
        refund = {
            "id": f"re_{secrets.token_hex(12)}",
            "object": "refund",
            "amount": session["amount_total"],
            "currency": session["currency"],
            "payment_intent": intent,
            "status": "succeeded",
            "created": int(time.time()),
            "metadata": params.get("metadata") or {},
        }
        with self._lock:
            self.refunds[refund["id"]] = refund
        self.send_later("charge.refunded", self.charge(session["id"]), delay=0.2)
        return 200, refund

    def dashboard_refund(self, payment_intent: str) -> dict:
        """Someone refunds in Stripe's dashboard (charge.refunded follows, if webhooks go)."""
        status, refund = self._refund({"payment_intent": payment_intent})
        assert status == 200, refund
        return refund

    def age(self, seconds: int) -> None:
        """Everything at Stripe was created `seconds` earlier (for reconciliation's grace)."""
        for obj in [*self.sessions.values(), *self.refunds.values()]:
            obj["created"] -= seconds

    # --- what Stripe does on its own --------------------------------------------------------
    def pay(self, session_id: str, *, payment_status: str = "paid") -> dict:
        """The shopper pays on the hosted page: the session completes (`unpaid` for a delayed
        method such as a bank debit)."""
        session = self.sessions[session_id]
        session.update(
            status="complete",
            payment_status=payment_status,
            payment_intent=session["payment_intent"] or f"pi_{secrets.token_hex(12)}",
            customer_details={
                "email": "card@bank.example",
                "name": "Olena Cardholder",
                "phone": "+380 67 765 4321",
                "address": {"line1": "9 Stripe Lane", "city": "Lviv", "postal_code": "79000"},
            },
        )
        return dict(session)

    def charge(self, session_id: str) -> dict:
        session = self.sessions[session_id]
        return {
            "id": f"ch_{session_id[-12:]}",
            "object": "charge",
            "amount": session["amount_total"],
            "amount_refunded": session["amount_total"],
            "currency": session["currency"],
            "payment_intent": session["payment_intent"],
            "refunded": True,
            "metadata": session["metadata"],
            "billing_details": session["customer_details"],
            "payment_method_details": {"card": {"brand": "visa", "last4": "4242"}},
        }

    def send(self, kind: str, obj: dict, *, event_id: str | None = None, **sign) -> httpx.Response:
        """Deliver one signed event to the shop now; returns the shop's answer."""
        payload = event_payload(kind, obj, event_id=event_id)
        return self.deliver(payload, stripe_signature(payload, self.webhook_secret, **sign))

    def deliver(self, payload: bytes, signature: str | None) -> httpx.Response:
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        }
        if signature is not None:
            headers["Stripe-Signature"] = signature
        response = httpx.post(self.webhook_url, content=payload, headers=headers, timeout=20)
        with self._lock:
            self.events.append((json.loads(payload).get("type", "?"), response.status_code))
        return response

    def send_later(self, kind: str, obj: dict, *, delay: float) -> None:
        if not self.webhook_url:
            return

        def later() -> None:
            time.sleep(delay)
            self.send(kind, obj)

        thread = threading.Thread(target=later, daemon=True)
        self._threads.append(thread)
        thread.start()

    # --- the hosted page ------------------------------------------------------------------
    def page(self, session_id: str) -> tuple[int, str]:
        session = self.sessions.get(session_id)
        if session is None or session["status"] != "open":
            return 404, "<!doctype html><title>Expired</title><p>This session is over.</p>"
        amount = session["amount_total"] / 100
        return (
            200,
            f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Stripe stand-in checkout</title></head><body>
<h1>Pay {amount:.2f} {session["currency"].upper()}</h1>
<form method="post"><button name="action" value="pay">Pay</button>
<button name="action" value="pay_later">Pay by bank debit</button>
<button name="action" value="cancel">Cancel</button></form></body></html>""",
        )

    def page_post(self, session_id: str, action: str) -> str:
        """The hosted page's buttons; returns where the browser goes next."""
        session = self.sessions[session_id]
        if action == "cancel":
            return session["cancel_url"]
        paid = self.pay(session_id, payment_status="paid" if action == "pay" else "unpaid")
        if self.event_delay:
            self.send_later("checkout.session.completed", paid, delay=self.event_delay)
        else:
            self.send("checkout.session.completed", paid)
        return session["success_url"]
