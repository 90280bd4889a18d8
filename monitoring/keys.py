"""Which names hold secrets, and which hold personal data.

A name is split into words (`api_key`, `X-Api-Key`, `apiKey` and `API_KEY` all give "api",
"key"), and the words decide. Pure functions, no Django, cached: the scrubber asks for every
key of every event.
"""

import re
from functools import lru_cache
from itertools import pairwise

# What a scrubbed value becomes (the SDK's own word for it): the key stays, the value goes.
FILTERED = "[Filtered]"

SENSITIVE_WORDS = frozenset(
    {
        "password",
        "passwd",
        "pwd",
        "pw",
        "pass",
        "passphrase",
        "passcode",
        "pin",
        "secret",
        "token",
        "auth",
        "authorization",
        "cookie",
        "cookies",
        "sessionid",
        "csrftoken",
        "csrf",
        "xsrf",
        # Card data: the number, its expiry and the verification code under all its names
        # (CVV, CVV2, CVC, CVC2, CSC, CVN, CVD, CAV2, CCV, security code).
        "card",
        "cardnumber",
        "cc",
        "pan",
        "cvv",
        "cvc",
        "csc",
        "cvn",
        "cvd",
        "cav",
        "ccv",
        "securitycode",
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
# Two-word names: api_key, x-api-key, private_key, security_code, session_id …
SENSITIVE_PAIRS = frozenset(
    {
        ("api", "key"),
        ("private", "key"),
        ("access", "key"),
        ("openai", "key"),
        ("secret", "key"),
        ("signing", "key"),
        ("encryption", "key"),
        ("security", "code"),
        ("verification", "code"),
        ("verification", "value"),
        ("session", "id"),
        ("session", "key"),
        ("session", "data"),
    }
)
# Sensitive only as the last word: `session` and `user_session` hold one, while
# `session_count` and `profile_session_sample_rate` are settings worth seeing.
SENSITIVE_LAST_WORDS = frozenset({"session"})
# In a query string a few more short names carry credentials (`state` is not one of them:
# an order filter, an OAuth nonce, nothing to hide and useful to see).
SENSITIVE_QUERY_KEYS = frozenset({"key", "code", "signed", "s"})

# Personal data, removed when SENTRY_SEND_USER_PII is off ("the user id only").
PERSONAL_WORDS = frozenset(
    {
        "email",
        "emails",
        "phone",
        "phones",
        "telephone",
        "mobile",
        "address",
        "addresses",
        "addr",
        "street",
        "postcode",
        "zip",
        "zipcode",
        "city",
        "surname",
        "username",
        "fullname",
        "firstname",
        "lastname",
        "birthday",
        "dob",
        # Checkout's order comment: free text for the courier ("call Olena after 6 pm").
        "comment",
    }
)
PERSONAL_PAIRS = frozenset(
    {
        ("full", "name"),
        ("first", "name"),
        ("last", "name"),
        ("given", "name"),
        ("family", "name"),
        ("middle", "name"),
        ("display", "name"),
        ("postal", "code"),
        ("e", "mail"),
    }
)
# What SENTRY_SEND_USER_PII=true promises to send: the user's e-mail address and IP address.
# Every other personal key (name, phone, address …) goes whatever that setting says.
PROMISED_WORDS = frozenset({"email", "emails", "ip"})
PROMISED_PAIRS = frozenset({("e", "mail")})
# `server.address`, `net.host.name`: where a database or service runs, not who a person is.
TECHNICAL_FIRST_WORDS = frozenset({"server", "host", "net", "network", "db"})

_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


@lru_cache(maxsize=8192)
def _words(key: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WORDS.findall(key))


@lru_cache(maxsize=8192)
def is_sensitive_key(key: str) -> bool:
    words = _words(key)
    if not words:
        return False
    for word in words:
        if word in SENSITIVE_WORDS or word.startswith(SENSITIVE_PREFIXES):
            return True
    if words[-1] in SENSITIVE_LAST_WORDS:
        return True
    return any(pair in SENSITIVE_PAIRS for pair in pairwise(words))


def is_sensitive_query_key(key: str) -> bool:
    return key.lower() in SENSITIVE_QUERY_KEYS or is_sensitive_key(key)


@lru_cache(maxsize=8192)
def is_personal_key(key: str) -> bool:
    words = _words(key)
    if not words or words[0] in TECHNICAL_FIRST_WORDS:
        return False
    if any(word in PERSONAL_WORDS for word in words):
        return True
    return any(pair in PERSONAL_PAIRS for pair in pairwise(words))


@lru_cache(maxsize=8192)
def is_promised_key(key: str) -> bool:
    """A personal key that user PII on lets through: an e-mail or IP address (`email`,
    `contact_email`, `ip_address`); never a name, phone or postal address."""
    words = _words(key)
    if any(word in PROMISED_WORDS for word in words):
        return True
    return any(pair in PROMISED_PAIRS for pair in pairwise(words))
