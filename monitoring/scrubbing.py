"""The privacy promise: nothing sensitive leaves the process for Sentry.

Pure functions over plain data (the SDK hands hooks JSON-like dicts), no Django imports, so the
scrubber is cheap and can be fuzzed. `scrub_event` works in place and returns the event; the
same walk serves errors, transactions, breadcrumbs and log records.

What goes, at any depth:
- values under sensitive keys (password, token, cookie, card, api key, … in any case, with
  `-`/`_`/camelCase variants), including frame local variables and all cookies;
- sensitive query-string values, in `query_string` and inside any URL (the key stays);
- tokens in URL paths: password-reset links, signed order links, payment-page references;
- secrets in free text: Luhn-valid card numbers, `sk-…` keys, bearer/basic credentials,
  passwords in URLs, and e-mail addresses when user PII is off;
- request bodies of the log-in, sign-up, password and checkout forms, whatever their keys.
"""

import re
from functools import lru_cache
from itertools import pairwise
from typing import Any

FILTERED = "[Filtered]"

SENSITIVE_WORDS = frozenset(
    {
        "password",
        "passwd",
        "pwd",
        "secret",
        "token",
        "auth",
        "authorization",
        "cookie",
        "cookies",
        "session",
        "sessionid",
        "csrftoken",
        "csrf",
        "xsrf",
        "card",
        "cardnumber",
        "cc",
        "pan",
        "cvv",
        "cvv2",
        "cvc",
        "expiry",
        "exp",
        "iban",
        "apikey",
        "dsn",
        "signature",
        "sig",
        "otp",
    }
)
SENSITIVE_PREFIXES = ("passw", "csrf", "xsrf", "secret", "cardnum", "sessionid", "cookie")
# Two-word names: api_key, x-api-key, private_key, access_key, openai_key, stripe-signature …
SENSITIVE_PAIRS = frozenset(
    {("api", "key"), ("private", "key"), ("access", "key"), ("openai", "key"), ("secret", "key")}
)
# In a query string a few more short names carry credentials.
SENSITIVE_QUERY_KEYS = frozenset({"key", "code", "state", "signed", "s"})

# Paths whose request bodies are never sent, whatever their field names.
PRIVATE_FORM_PATHS = (
    "/accounts/login",
    "/accounts/signup",
    "/accounts/password",
    "/accounts/reset",
    "/admin/login",
    "/admin/password_change",
    "/checkout",
    "/pay/",
    # Topic and keywords of an AI draft become part of the prompt.
    "/admin/blog/post/write-with-ai",
)

_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


@lru_cache(maxsize=4096)
def is_sensitive_key(key: str) -> bool:
    words = [w.lower() for w in _WORDS.findall(key)]
    if not words:
        return False
    for word in words:
        if word in SENSITIVE_WORDS or word.startswith(SENSITIVE_PREFIXES):
            return True
    return any(pair in SENSITIVE_PAIRS for pair in pairwise(words))


def _is_sensitive_query_key(key: str) -> bool:
    return key.lower() in SENSITIVE_QUERY_KEYS or is_sensitive_key(key)


_SEGMENT = r"[^/\s?#<][^/\s?#]*"  # a path segment that is not a route placeholder (<token>)
# Every branch starts with a fixed character set, so the regex engine skips plain words fast;
# the "not preceded by" checks come after the first character for the same reason.
_MAIN = re.compile(
    r"""
 (?P<card>\d(?<![\w.+-]\d)(?:[ +-]?\d){12,18}(?![\w+-]))
|(?P<sk>sk-(?<![\w-]sk-)[A-Za-z0-9_-]{16,})
|(?P<bearer>(?:[Bb]earer|[Bb]asic)\s+)[A-Za-z0-9\-._~+/]{8,}=*
|(?P<userinfo>://[^/\s:@]+:)[^/\s@]+@
|(?P<reset>/reset/)SEG/SEG
|(?P<link>/orders/link/|/pay/demo/)SEG
""".replace("SEG", _SEGMENT),
    re.X,
)
# key=value, in query strings, form bodies and log lines.
_KV = re.compile(r"(?:^|(?<=[?&;\s,]))(?P<key>[A-Za-z0-9_.\-\[\]]{1,64})=(?P<value>[^&#\s;,]*)")
# "key": "value", in JSON held as text.
_JSON = re.compile(r'"(?P<key>[A-Za-z0-9_.\- ]{1,64})"(?P<sep>\s*:\s*)"(?P<value>(?:[^"\\]|\\.)*)"')
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_NOT_DIGIT = re.compile(r"\D")


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


def _main_replace(match: re.Match) -> str:
    kind = match.lastgroup
    if kind == "card":
        return FILTERED if luhn_valid(_NOT_DIGIT.sub("", match.group(0))) else match.group(0)
    if kind == "sk":
        return FILTERED
    if kind == "reset":
        return f"/reset/{FILTERED}/{FILTERED}"
    # bearer, userinfo, link: keep the prefix that says what was there.
    prefix = match.group(kind)
    return prefix + FILTERED + ("@" if kind == "userinfo" else "")


def scrub_text(text: str, *, pii: bool) -> str:
    """Remove secrets from free text (messages, URLs, log lines, repr()s)."""
    text = _MAIN.sub(_main_replace, text)
    if "=" in text:

        def kv(match: re.Match) -> str:
            if _is_sensitive_query_key(match.group("key")):
                return f"{match.group('key')}={FILTERED}"
            return match.group(0)

        text = _KV.sub(kv, text)
    if '"' in text:

        def json_pair(match: re.Match) -> str:
            key, sep = match.group("key"), match.group("sep")
            value = FILTERED if is_sensitive_key(key) else match.group("value")
            return f'"{key}"{sep}"{value}"'

        text = _JSON.sub(json_pair, text)
    if not pii and "@" in text:
        text = _EMAIL.sub(FILTERED, text)
    return text


def _scrub(value: Any, pii: bool) -> Any:
    if isinstance(value, str):
        # Most strings are short words; nothing to find in fewer than 8 characters.
        return scrub_text(value, pii=pii) if len(value) >= 8 else value
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and is_sensitive_key(key):
                if item not in (None, "", [], {}):
                    value[key] = FILTERED
            elif isinstance(item, (str, dict, list)):
                value[key] = _scrub(item, pii)
        return value
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, (str, dict, list)):
                value[index] = _scrub(item, pii)
        return value
    return value


def _private_form(url: Any) -> bool:
    if not isinstance(url, str):
        return False
    path = re.sub(r"^[a-z]+://[^/]+", "", url)
    return path.startswith(PRIVATE_FORM_PATHS)


def scrub_event(event: dict, *, pii: bool) -> dict:
    """Remove every secret from an event-like dict (in place) and return it."""
    request = event.get("request")
    if isinstance(request, dict):
        if request.get("cookies"):
            request["cookies"] = FILTERED
        if request.get("data") and _private_form(request.get("url")):
            request["data"] = FILTERED
    user = event.get("user")
    if not pii and isinstance(user, dict):
        event["user"] = {k: v for k, v in user.items() if k == "id"}
    return _scrub(event, pii)
