"""A local stand-in for monobank acquiring (plata by mono), speaking its wire format: JSON bodies
with the merchant token in X-Token, amounts in kopiykas, ccy as ISO 4217 numeric codes, errors
as {"errCode", "errText"}. It holds its own ECDSA P-256 key pair (made once per test session),
publishes the public half as monobank does (base64 of a PEM) and signs every callback with the
private half: X-Sign is base64 of the DER signature over the raw body.

    POST /api/merchant/invoice/create    an invoice: {"invoiceId", "pageUrl"}
    GET  /api/merchant/invoice/status    ?invoiceId= → the invoice's state
    POST /api/merchant/invoice/cancel    refund a paid invoice (in full: "reversed")
    GET  /api/merchant/statement         ?from= → paid invoices since then, with cancelList
    GET  /api/merchant/pubkey            {"key": base64 PEM}
    GET  /pay/{invoiceId}                the hosted page; POST there: approve or decline, which
                                         posts the signed callback to the invoice's webHookUrl
                                         and sends the browser to its redirectUrl
"""

import base64
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from tests.support.http_standin import HTTPStandIn, Reply, Request

TOKEN = "uMonoStandInMerchantToken0123456789abcdef"
CURRENCIES = {980: "UAH", 840: "USD", 978: "EUR"}


@cache
def session_key() -> ec.EllipticCurvePrivateKey:
    """monobank's signing key, for this test session."""
    return ec.generate_private_key(ec.SECP256R1())


def public_key_b64(key: ec.EllipticCurvePrivateKey) -> str:
    pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(pem).decode()


def x_sign(body: bytes, key: ec.EllipticCurvePrivateKey | None = None) -> str:
    """The X-Sign header monobank sends with `body` (signed with `key`, by default its own)."""
    signature = (key or session_key()).sign(body, ec.ECDSA(hashes.SHA256()))
    return base64.b64encode(signature).decode()


def _iso(moment: float) -> str:
    return datetime.fromtimestamp(moment, tz=UTC).isoformat(timespec="milliseconds")[:-6] + "Z"


# What the status API and callbacks show of an invoice (not its URLs).
PUBLIC_FIELDS = (
    "invoiceId", "status", "failureReason", "errCode", "amount", "ccy", "finalAmount",
    "createdDate", "modifiedDate", "reference", "destination", "cancelList", "paymentInfo",
)  # fmt: skip


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: Any


@dataclass
class MonobankStandIn:
    token: str = TOKEN
    fail_with: int | None = None  # answer API calls with this HTTP status
    invoices: dict[str, dict] = field(default_factory=dict)
    requests: list[Recorded] = field(default_factory=list)
    callbacks: list[tuple[str, int]] = field(default_factory=list)  # (status, shop's answer)

    def __post_init__(self) -> None:
        self.key = session_key()
        self._lock = threading.Lock()
        self._clock = 0.0
        self.server = HTTPStandIn(self._answer)
        self.url = self.server.url

    def start(self) -> "MonobankStandIn":
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.stop()

    def _answer(self, request: Request) -> Reply:
        """The API under /api/ (JSON), else the hosted payment page."""
        url = urlsplit(request.path)
        if url.path.startswith("/api/"):
            raw = request.body if request.method == "POST" else b""
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                body = None
            query = dict(parse_qsl(url.query))
            status, reply = self.api(request.method, url.path, request.headers, body, query)
            return Reply(status, json.dumps(reply))
        if request.method == "POST":
            action = dict(parse_qsl(request.body.decode())).get("action", "")
            location = self.page_post(request.path.rsplit("/", 1)[-1], action)
            return Reply(303, "", "text/plain", {"Location": location})
        status, html = self.page(url.path.rsplit("/", 1)[-1])
        return Reply(status, html, "text/html; charset=utf-8")

    def now(self) -> str:
        """monobank's clock as modifiedDate: strictly later at every change."""
        with self._lock:
            self._clock = max(time.time(), self._clock + 0.001)
            return _iso(self._clock)

    def created(self, path: str) -> list[Recorded]:
        return [r for r in self.requests if r.path == path]

    # --- the API ---------------------------------------------------------------------------
    def api(self, method: str, path: str, headers: dict[str, str], body: Any, query: dict):
        with self._lock:
            self.requests.append(
                Recorded(method, path, headers, body if method == "POST" else query)
            )
        if path == "/api/merchant/pubkey" and method == "GET":
            if headers.get("x-token") != self.token:
                return _error(403, "forbidden", "Unknown 'X-Token'")
            return 200, {"key": public_key_b64(self.key)}
        if headers.get("x-token") != self.token:
            return _error(403, "forbidden", "Unknown 'X-Token'")
        if self.fail_with:
            return _error(self.fail_with, "internal", "Something went wrong")
        if (method, path) == ("POST", "/api/merchant/invoice/create"):
            return self._create(body)
        if (method, path) == ("GET", "/api/merchant/invoice/status"):
            invoice = self.invoices.get(query.get("invoiceId", ""))
            if invoice is None:
                return _error(404, "not_found", "invoice not found")
            return 200, self.public(invoice["invoiceId"])
        if (method, path) == ("POST", "/api/merchant/invoice/cancel"):
            return self._cancel(body)
        if (method, path) == ("GET", "/api/merchant/statement"):
            return self._statement(query)
        return _error(404, "not_found", f"{method} {path}")

    def _create(self, body: Any) -> tuple[int, Any]:
        if not isinstance(body, dict):
            return _error(400, "BAD_REQUEST", "body is not an object")
        amount, ccy = body.get("amount"), body.get("ccy", 980)
        if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
            return _error(400, "BAD_REQUEST", "amount must be a positive integer (kopiykas)")
        if ccy not in CURRENCIES:
            return _error(400, "BAD_REQUEST", "ccy is not supported")
        info = body.get("merchantPaymInfo") or {}
        basket = info.get("basketOrder") or []
        if basket and sum(item["sum"] * item["qty"] for item in basket) != amount:
            return _error(400, "BAD_REQUEST", "basketOrder does not add up to amount")
        invoice_id = f"{time.strftime('%y%m%d')}{secrets.token_hex(8)}"
        stamp = self.now()
        invoice = {
            "invoiceId": invoice_id,
            "status": "created",
            "amount": amount,
            "ccy": ccy,
            "createdDate": stamp,
            "modifiedDate": stamp,
            "reference": info.get("reference", ""),
            "destination": info.get("destination", ""),
            "cancelList": [],
            "redirectUrl": body.get("redirectUrl") or "",
            "webHookUrl": body.get("webHookUrl") or "",
            "validity": body.get("validity", 24 * 3600),
        }
        with self._lock:
            self.invoices[invoice_id] = invoice
        return 200, {"invoiceId": invoice_id, "pageUrl": f"{self.url}/pay/{invoice_id}"}

    def _cancel(self, body: Any) -> tuple[int, Any]:
        invoice = self.invoices.get((body or {}).get("invoiceId", ""))
        if invoice is None:
            return _error(404, "not_found", "invoice not found")
        if invoice["status"] != "success":
            return _error(400, "BAD_REQUEST", f"invoice is {invoice['status']}, not success")
        amount = body.get("amount", invoice["finalAmount"])
        if amount != invoice["finalAmount"]:
            return _error(400, "BAD_REQUEST", "the stand-in refunds whole invoices only")
        stamp = self.now()
        invoice["cancelList"].append(
            {
                "status": "success",
                "amount": amount,
                "ccy": invoice["ccy"],
                "createdDate": stamp,
                "modifiedDate": stamp,
                "extRef": body.get("extRef", ""),
                "date": stamp,
            }
        )
        invoice.update(status="reversed", modifiedDate=stamp)
        return 200, {"status": "success", "createdDate": stamp, "modifiedDate": stamp}

    def _statement(self, query: dict) -> tuple[int, Any]:
        since = int(query.get("from") or 0)
        rows = [
            {
                "invoiceId": i["invoiceId"],
                "status": "success" if i["status"] == "success" else i["status"],
                "maskedPan": "444403******1902",
                "date": i["modifiedDate"],
                "paymentScheme": "full",
                "amount": i["finalAmount"],
                "profitAmount": i["finalAmount"],
                "ccy": i["ccy"],
                "reference": i["reference"],
                "cancelList": [
                    {k: c[k] for k in ("amount", "ccy", "date")} for c in i["cancelList"]
                ],
            }
            for i in self.invoices.values()
            if "finalAmount" in i and _epoch(i["createdDate"]) >= since
        ]
        return 200, {"list": rows}

    # --- what monobank does on its own ----------------------------------------------------
    def public(self, invoice_id: str) -> dict:
        invoice = self.invoices[invoice_id]
        return {k: invoice[k] for k in PUBLIC_FIELDS if k in invoice}

    def pay(self, invoice_id: str, *, amount: int | None = None, ccy: int | None = None) -> dict:
        """The shopper pays on the hosted page (by card, Apple Pay or Google Pay)."""
        invoice = self.invoices[invoice_id]
        invoice.update(
            status="success",
            finalAmount=invoice["amount"] if amount is None else amount,
            ccy=invoice["ccy"] if ccy is None else ccy,
            modifiedDate=self.now(),
            paymentInfo={
                "maskedPan": "444403******1902",
                "approvalCode": "662476",
                "rrn": "060189181768",
                "tranId": "13194036",
                "terminal": "MI001088",
                "paymentSystem": "visa",
                "paymentMethod": "apple",
                "fee": 1,
                "country": "804",
            },
        )
        return self.public(invoice_id)

    def set_status(self, invoice_id: str, status: str, **extra: Any) -> dict:
        invoice = self.invoices[invoice_id]
        invoice.update(status=status, modifiedDate=self.now(), **extra)
        return self.public(invoice_id)

    def foreign_invoice(self, *, reference: str, amount: int, ccy: int = 980) -> str:
        """An invoice someone made in the merchant's account by hand (not by the shop)."""
        status, answer = self._create(
            {"amount": amount, "ccy": ccy, "merchantPaymInfo": {"reference": reference}}
        )
        assert status == 200, answer
        return answer["invoiceId"]

    def send(self, url: str, state: dict, *, key=None, sign: bool = True) -> httpx.Response:
        """Post `state` to the shop as monobank does: the raw JSON body, signed."""
        body = json.dumps(state, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json"}
        if sign:
            headers["X-Sign"] = x_sign(body, key or self.key)
        response = httpx.post(url, content=body, headers=headers, timeout=20)
        with self._lock:
            self.callbacks.append((state.get("status", "?"), response.status_code))
        return response

    # --- the hosted page ------------------------------------------------------------------
    def page(self, invoice_id: str) -> tuple[int, str]:
        invoice = self.invoices.get(invoice_id)
        if invoice is None or invoice["status"] != "created":
            return 404, "<!doctype html><title>Рахунок</title><p>Рахунок недійсний.</p>"
        amount = invoice["amount"] / 100
        currency = CURRENCIES[invoice["ccy"]]
        return (
            200,
            f"""<!doctype html><html lang="uk"><head><meta charset="utf-8">
<title>plata by mono (stand-in)</title></head><body>
<h1>Сплатити {amount:.2f} {currency}</h1>
<form method="post"><button name="action" value="approve">Approve</button>
<button name="action" value="decline">Decline</button></form></body></html>""",
        )

    def page_post(self, invoice_id: str, action: str) -> str:
        """The page's buttons: the invoice changes, its callback goes to the shop, and the
        browser goes to the invoice's redirectUrl."""
        invoice = self.invoices[invoice_id]
        if action == "approve":
            state = self.pay(invoice_id)
        else:
            state = self.set_status(invoice_id, "failure", failureReason="Картку відхилено")
        if invoice["webHookUrl"]:
            self.send(invoice["webHookUrl"], state)
        return invoice["redirectUrl"] or "/"


def _epoch(iso: str) -> float:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()


def _error(status: int, code: str, text: str) -> tuple[int, dict]:
    return status, {"errCode": code, "errText": text}
