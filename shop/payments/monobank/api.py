"""The monobank acquiring API calls the shop makes, each in its own span, with the merchant
token (MONOBANK_TOKEN) in X-Token, at MONOBANK_API_BASE (https://api.monobank.ua, or a stand-in
in tests). JSON in, JSON out; amounts are integers in the currency's minor unit (kopiykas) and
currencies ISO 4217 numeric codes (980 for UAH).

Calls give up quickly, as a shopper is waiting: 3 s to connect, 10 s to read. There is no
retry: creating an invoice has no idempotency key, so a retried create could make two.
"""

from decimal import Decimal
from typing import Any

import httpx
from django.conf import settings

from monitoring.api import span
from shop.payments.base import PaymentError

TIMEOUT = httpx.Timeout(10.0, connect=3.0)
PROVIDER = "monobank"

# The currencies monobank acquiring takes, by ISO 4217 numeric code.
CURRENCIES = {980: "UAH", 840: "USD", 978: "EUR"}
CURRENCY_CODES = {code: number for number, code in CURRENCIES.items()}


def minor_units(amount: Decimal, currency: str) -> int:
    """`amount` in kopiykas (cents), exactly: 1249.50 UAH → 124950. PaymentError for an amount
    with a fraction of a kopiyka, or a currency monobank does not take: never rounded."""
    if currency.upper() not in CURRENCY_CODES:
        raise PaymentError(f"monobank does not take {currency}", provider=PROVIDER)
    scaled = amount.scaleb(2)
    if scaled != scaled.to_integral_value():
        raise PaymentError(f"{amount} {currency} cannot be charged exactly", provider=PROVIDER)
    return int(scaled)


def from_minor_units(value: int) -> Decimal:
    return Decimal(value).scaleb(-2)


def currency_code(ccy: Any) -> str:
    """ "UAH" for 980; "" for a code we do not know (never taken for ours)."""
    return CURRENCIES.get(ccy, "") if isinstance(ccy, int) and not isinstance(ccy, bool) else ""


def _call(method: str, path: str, *, body: dict | None = None, params: dict | None = None) -> Any:
    """One request; its JSON answer. PaymentError naming only the HTTP status and monobank's
    errCode (its errText can quote what was sent) when refused or out of reach."""
    url = f"{settings.MONOBANK_API_BASE}{path}"
    headers = {"X-Token": settings.MONOBANK_TOKEN}
    try:
        with span(op="http.client.monobank", name=f"{method} {path}"):
            response = httpx.request(
                method, url, json=body, params=params, headers=headers, timeout=TIMEOUT
            )
    except httpx.HTTPError as error:
        raise PaymentError(
            f"monobank could not be reached ({type(error).__name__})", provider=PROVIDER
        ) from None
    try:
        data = response.json()
    except ValueError:
        data = None
    if response.status_code != 200:
        code = data.get("errCode") if isinstance(data, dict) else None
        detail = f"HTTP {response.status_code}" + (f", {code}" if isinstance(code, str) else "")
        raise PaymentError(f"monobank refused {method} {path} ({detail})", provider=PROVIDER)
    if data is None:
        raise PaymentError(f"monobank answered {method} {path} without JSON", provider=PROVIDER)
    return data


def invoice_create(body: dict[str, Any]) -> dict[str, Any]:
    """POST /api/merchant/invoice/create: {"invoiceId", "pageUrl"}."""
    data = _call("POST", "/api/merchant/invoice/create", body=body)
    if not isinstance(data, dict):
        raise PaymentError("monobank answered the invoice without an object", provider=PROVIDER)
    return data


def invoice_status(invoice_id: str) -> dict[str, Any]:
    """GET /api/merchant/invoice/status: the invoice's state, amount, ccy and cancelList."""
    data = _call("GET", "/api/merchant/invoice/status", params={"invoiceId": invoice_id})
    if not isinstance(data, dict):
        raise PaymentError("monobank answered the status without an object", provider=PROVIDER)
    return data


def invoice_cancel(*, invoice_id: str, ext_ref: str, amount: int) -> dict[str, Any]:
    """POST /api/merchant/invoice/cancel: give `amount` of a paid invoice back. `ext_ref` is
    our id for the refund, which the status's cancelList repeats."""
    body = {"invoiceId": invoice_id, "extRef": ext_ref, "amount": amount}
    data = _call("POST", "/api/merchant/invoice/cancel", body=body)
    if not isinstance(data, dict):
        raise PaymentError("monobank answered the refund without an object", provider=PROVIDER)
    return data


def statement(*, since: int) -> list[dict[str, Any]]:
    """GET /api/merchant/statement?from=: the invoices paid since `since` (a Unix time, at
    most 31 days back), with the refunds of each in its cancelList."""
    data = _call("GET", "/api/merchant/statement", params={"from": since})
    rows = data.get("list") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise PaymentError("monobank answered the statement without a list", provider=PROVIDER)
    return [row for row in rows if isinstance(row, dict)]


def pubkey() -> str:
    """GET /api/merchant/pubkey: the key that signs callbacks, base64 of a PEM public key."""
    data = _call("GET", "/api/merchant/pubkey")
    key = data.get("key") if isinstance(data, dict) else None
    if not isinstance(key, str) or not key:
        raise PaymentError("monobank answered the public key without one", provider=PROVIDER)
    return key
