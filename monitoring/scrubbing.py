"""The privacy promise: nothing sensitive leaves the process for Sentry.

Pure functions over plain data (the SDK hands hooks JSON-like dicts), no Django imports, so the
scrubber is cheap and can be fuzzed. `scrub_event` works in place and returns the event; the
same walk serves errors, transactions, breadcrumbs and log records. It removes, at any depth:
values under sensitive keys, secrets and card numbers in text, the configured secrets by value
(`secrets_add`), the parameters of token URLs (`token_routes_set`), the request's own secrets,
Redis keys beyond their namespace, private forms' bodies and, with user PII off, personal data.
The full list, what stays and why: docs/monitoring.md, "What never reaches Sentry".
"""

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import quote, quote_plus, unquote

from monitoring.keys import (
    FILTERED,
    is_personal_key,
    is_promised_key,
    is_sensitive_key,
    is_sensitive_query_key,
)
from monitoring.redis_keys import is_redis_crumb, is_redis_span, redis_item, redis_key_shape

__all__ = [
    "FILTERED",
    "is_sensitive_key",
    "luhn_valid",
    "redis_key_shape",
    "scrub_event",
    "scrub_text",
    "secrets_add",
    "token_routes_set",
]

# A configured secret shorter than this, or a plain lowercase word, is not removed by value:
# it would blank out ordinary text. Generated secrets are far longer.
MIN_SECRET_LENGTH = 8
MIN_PERSONAL_LENGTH = 4
# Transaction names from these sources are URL patterns or code names, never values.
PATTERN_SOURCES = frozenset({"route", "view", "component", "task", "custom"})

_SEGMENT = r"[^/\s?#<{][^/\s?#]*"  # a path segment that is not a placeholder (<token>, {token})
# Every branch starts with a fixed character set, so the regex engine skips plain words fast;
# the "not preceded by" checks come after the first character for the same reason.
# Between a card number's digit groups: a space, `-`, `_`, or a space as a query string or
# form value encodes it (`+`, `%20`); `%2B` is an encoded `+`.
_CARD_SEP = r"(?:[ +_-]|%20|%2[Bb])"
_MAIN = re.compile(
    r"""
 (?P<card>[2-6](?:(?<![A-Za-z0-9.%-][2-6])|(?<=%20[2-6])|(?<=%2[Bb][2-6])|(?<=[A-Za-z]-[2-6]))
  (?:"""
    + _CARD_SEP
    + r"""?\d){12,18}(?![A-Za-z0-9-]))
|(?P<key>sk-(?<![\w-]sk-)[A-Za-z0-9_-]{16,}
  |[rs]k_(?:live|test)_[A-Za-z0-9]{8,}
  |whsec_[A-Za-z0-9+/=]{8,}
  |eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*)
|(?P<bearer>(?:[Bb]earer|[Bb]asic)\s+)[A-Za-z0-9\-._~+/]{8,}=*
|(?P<userinfo>://[^/\s:@]+:)[^/\s@]+@
|(?P<cvv>(?<![A-Za-z])(?:[Cc](?i:vv2?|vc2?|sc|vn|vd|cv|av2)|[Ss](?i:ecurity(?:[\s_+-]|%20)?code))
  (?:[\s:=#_+-]|%20|%3[Aa]|%3[Dd])*)\d{3,4}(?![0-9])
""",
    re.X,
)
_QUOTED = r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\""
# key=value, in query strings, form bodies, log lines and reprs (`full_name='Olena'`).
_KV = re.compile(
    r"(?:^|(?<=[?&;\s,(]))(?P<key>[A-Za-z0-9_.\-\[\]]{1,64})=(?P<value>" + _QUOTED + r"|[^&#\s;,]*)"
)
# "key": value and 'key': value, in JSON and Python reprs held as text.
_PAIR = re.compile(
    r"(?P<q>[\"'])(?P<key>[A-Za-z0-9_.\- ]{1,64})(?P=q)(?P<sep>\s*:\s*)(?P<value>"
    + _QUOTED
    + r"|-?\d[\d.]*)"
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_NOT_DIGIT = re.compile(r"\D")
_ENCODED_SEP = re.compile(r"%2[0Bb]")


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _card_number(value: int) -> bool:
    # Payment cards start with 2-6 (Mastercard, Amex, Visa, Discover …); timestamps in ms, µs
    # or ns (1…) and other large ids never look like one.
    return 2 * 10**12 <= value < 10**19 and str(value)[0] in "23456" and luhn_valid(str(value))


# --- values known to be secret ----------------------------------------------------------------

_secrets: set[str] = set()
_secrets_version = 0


def worth_scrubbing(value: Any, minimum: int = MIN_SECRET_LENGTH) -> bool:
    if not isinstance(value, str) or len(value) < minimum:
        return False
    return not (value.isalpha() and value.islower() and len(value) < 12)


def secrets_add(values: Iterable[str]) -> None:
    """Remember configured secrets: every occurrence is removed from all text, wherever it is."""
    global _secrets_version
    new = {v for v in values if worth_scrubbing(v)} - _secrets
    if new:
        _secrets.update(new)
        _secrets_version += 1


def _variants(value: str) -> set[str]:
    return {value, quote(value, safe=""), quote_plus(value)}


@lru_cache(maxsize=512)
def _values_pattern(
    secrets: frozenset[str], personal: frozenset[str], version: int
) -> re.Pattern | None:
    exact = {v for s in secrets | _secrets for v in _variants(s)}
    words = {v for p in personal for v in _variants(p)}
    branches = []
    if exact:
        branches.append("|".join(map(re.escape, sorted(exact, key=len, reverse=True))))
    if words:
        alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
        branches.append(rf"(?<!\w)(?i:{alternatives})(?!\w)")
    return re.compile("|".join(branches)) if branches else None


# --- URLs whose parameters are tokens ------------------------------------------------------------

_routes: re.Pattern | None = None


def token_routes_set(routes: Iterable[str]) -> None:
    """URL routes whose parameters are secrets, as `/accounts/reset/<uidb64>/<token>/`: in any
    text, the parameter values go and the route stays."""
    global _routes
    branches = []
    for route in sorted(set(routes)):
        parts = re.split(r"(<[^<>]+>)", route.rstrip("/"))
        branches.append(
            "".join(f"({_SEGMENT})" if p.startswith("<") else re.escape(p) for p in parts if p)
        )
    _routes = re.compile("|".join(branches)) if branches else None


def _route_replace(match: re.Match) -> str:
    text, start, out = match.group(0), match.start(), []
    cursor = 0
    for index in range(1, (match.re.groups or 0) + 1):
        if match.start(index) >= 0:
            out += [text[cursor : match.start(index) - start], FILTERED]
            cursor = match.end(index) - start
    return "".join(out) + text[cursor:]


# --- text -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rules:
    pii: bool
    values: re.Pattern | None
    min_length: int


@lru_cache(maxsize=512)
def _rules(pii: bool, secrets: frozenset[str], personal: frozenset[str], version: int) -> _Rules:
    if pii:  # the promise covers e-mail addresses only: names, phones, addresses still go
        personal = frozenset(p for p in personal if not _EMAIL.fullmatch(p))
    shortest = min((len(p) for p in personal), default=MIN_SECRET_LENGTH)
    return _Rules(pii, _values_pattern(secrets, personal, version), min(shortest, 8))


def _make_rules(pii: bool, secrets: Collection[str], personal: Collection[str]) -> _Rules:
    secrets = frozenset(s for s in secrets if worth_scrubbing(s))
    personal = frozenset(
        p for p in personal if isinstance(p, str) and len(p) >= MIN_PERSONAL_LENGTH
    )
    return _rules(pii, secrets, personal, _secrets_version)


def _main_replace(match: re.Match) -> str:
    kind = match.lastgroup or ""  # every alternative of _MAIN is a named group
    if kind == "card":
        digits = _NOT_DIGIT.sub("", _ENCODED_SEP.sub("", match.group(0)))
        return FILTERED if luhn_valid(digits) else match.group(0)
    if kind == "key":
        return FILTERED
    # bearer, userinfo, cvv: keep the prefix that says what was there.
    return match.group(kind) + FILTERED + ("@" if kind == "userinfo" else "")


def _filtered_value(value: str) -> str:
    quote_char = value[:1] if value[:1] in ("'", '"') else ""
    return f"{quote_char}{FILTERED}{quote_char}"


def _personal(key: str, rules: _Rules) -> bool:
    """A personal key whose value goes: any with PII off; with it on, all but e-mail and IP."""
    return is_personal_key(key) and not (rules.pii and is_promised_key(key))


def _text(text: str, rules: _Rules) -> str:
    if rules.values is not None:
        text = rules.values.sub(FILTERED, text)
        if "%" in text and rules.values.search(decoded := unquote(text)):
            # Percent-encoded beyond what quote() does (`%2D` for "-"): the decoded text goes.
            text = rules.values.sub(FILTERED, decoded)
    text = _MAIN.sub(_main_replace, text)
    if _routes is not None and "/" in text:
        text = _routes.sub(_route_replace, text)
    if "=" in text:

        def kv(match: re.Match) -> str:
            key, start = match.group("key"), match.start()
            # The short names (`key`, `code`, `s`) are credentials only in a query string or a
            # form body; in a repr (`ShippingMethod(code='standard')`) they are just names.
            query = start == 0 or text[start - 1] in "?&;"
            sensitive = is_sensitive_query_key(key) if query else is_sensitive_key(key)
            if sensitive or _personal(key, rules):
                return f"{key}={_filtered_value(match.group('value'))}"
            return match.group(0)

        text = _KV.sub(kv, text)
    if '"' in text or "'" in text:

        def pair(match: re.Match) -> str:
            key = match.group("key")
            if is_sensitive_key(key) or _personal(key, rules):
                value = match.group("value")
                quoted = _filtered_value(value) if value[0] in "'\"" else f'"{FILTERED}"'
                return f"{match.group('q')}{key}{match.group('q')}{match.group('sep')}{quoted}"
            return match.group(0)

        text = _PAIR.sub(pair, text)
    if not rules.pii and "@" in text:
        text = _EMAIL.sub(FILTERED, text)
    return text


def scrub_text(
    text: str, *, pii: bool, secrets: Collection[str] = (), personal: Collection[str] = ()
) -> str:
    """Remove secrets from free text (messages, URLs, log lines, repr()s)."""
    return _text(text, _make_rules(pii, secrets, personal))


# --- events -----------------------------------------------------------------------------------


def _scrub(value: Any, rules: _Rules) -> Any:
    if isinstance(value, str):
        # Most strings are short words; nothing to find in fewer than 8 characters.
        return _text(value, rules) if len(value) >= rules.min_length else value
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and (is_sensitive_key(key) or _personal(key, rules)):
                if item not in (None, "", [], {}):
                    value[key] = FILTERED
            elif isinstance(item, (str, dict, list)):
                value[key] = _scrub(item, rules)
            elif type(item) is int and _card_number(item):
                value[key] = FILTERED
        return value
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, (str, dict, list)):
                value[index] = _scrub(item, rules)
            elif type(item) is int and _card_number(item):
                value[index] = FILTERED
        return value
    return value


def _path(url: Any) -> str | None:
    if not isinstance(url, str):
        return None
    return re.sub(r"^[a-z]+://[^/]+", "", url).split("?", 1)[0]


def scrub_event(
    event: dict,
    *,
    pii: bool,
    secrets: Collection[str] = (),
    personal: Collection[str] = (),
    private_path: Callable[[str], bool] | None = None,
) -> dict:
    """Remove every secret from an event-like dict (in place) and return it. `secrets` and
    `personal` are this event's own values to remove wherever they appear (personal ones only
    with PII off); `private_path(path)` says whether a request body must not be sent at all."""
    rules = _make_rules(pii, secrets, personal)
    request = event.get("request")
    if isinstance(request, dict):
        if request.get("cookies"):
            request["cookies"] = FILTERED
        path = _path(request.get("url"))
        if request.get("data") and private_path is not None and path and private_path(path):
            request["data"] = FILTERED
    user = event.get("user")
    if not pii and isinstance(user, dict):
        event["user"] = {k: v for k, v in user.items() if k == "id"}
    for span in event.get("spans") or ():
        if is_redis_span(span):
            redis_item(span, "description")
    crumbs = event.get("breadcrumbs")
    for crumb in (crumbs.get("values") if isinstance(crumbs, dict) else crumbs) or ():
        if is_redis_crumb(crumb):
            redis_item(crumb, "message")
    name = event.get("transaction")
    info = event.get("transaction_info")
    keep_name = isinstance(info, dict) and info.get("source") in PATTERN_SOURCES
    _scrub(event, rules)
    if keep_name:
        # A URL pattern (`/pay/demo/{reference}/`) holds no values: scrub values, not patterns.
        event["transaction"] = name
    return event
