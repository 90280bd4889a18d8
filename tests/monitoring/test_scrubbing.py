"""The scrubber as a pure function: examples of each rule, and a property over arbitrary events."""

import copy
import json
import random
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitoring.scrubbing import FILTERED, is_sensitive_key, luhn_valid, scrub_event, scrub_text

# Keys that must lose their values, in the spellings seen in the wild.
SENSITIVE_SPELLINGS = [
    "password",
    "Password",
    "PASSWORD",
    "new_password1",
    "passwd",
    "secret",
    "client_secret",
    "token",
    "access_token",
    "refreshToken",
    "api_key",
    "apiKey",
    "API-KEY",
    "apikey",
    "x-api-key",
    "X_API_KEY",
    "OPENAI_API_KEY",
    "authorization",
    "HTTP_AUTHORIZATION",
    "cookie",
    "Set-Cookie",
    "HTTP_COOKIE",
    "session",
    "sessionid",
    "csrftoken",
    "csrfmiddlewaretoken",
    "X-CSRFToken",
    "card",
    "card_number",
    "cardNumber",
    "cc",
    "pan",
    "cvv",
    "cvc",
    "expiry",
    "iban",
    "stripe-signature",
    "Stripe_Signature",
    "X-Api-Key",
    "Authorization",
]


def test_sensitive_keys_in_every_spelling():
    for key in SENSITIVE_SPELLINGS:
        assert is_sensitive_key(key), key
    for key in [
        "order_id",
        "prompt_tokens",
        "gen_ai.usage.output_tokens",
        "company",
        "access",
        "account",
        "discard",
        "keyboard",
        "status",
        "total",
    ]:
        assert not is_sensitive_key(key), key


def test_values_under_sensitive_keys_go_at_any_depth_and_keys_stay():
    event = {
        "extra": {"form": [{"user": {"password": "hunter2", "name": "Olena"}}]},
        "contexts": {"deep": {"a": {"b": {"c": {"Api-Key": "abc123"}}}}},
    }
    scrub_event(event, pii=True)
    assert event["extra"]["form"][0]["user"] == {"password": FILTERED, "name": "Olena"}
    assert event["contexts"]["deep"]["a"]["b"]["c"] == {"Api-Key": FILTERED}


def test_all_cookies_go():
    event = {"request": {"cookies": {"theme": "dark", "sessionid": "abc"}, "headers": {}}}
    scrub_event(event, pii=True)
    assert event["request"]["cookies"] == FILTERED


def test_query_strings_lose_values_keep_keys():
    event = {
        "request": {
            "url": "https://shop.example/cart/?token=abc123&page=2",
            "query_string": "access_token=zzz&q=mug&sig=1a2b",
        }
    }
    scrub_event(event, pii=True)
    assert event["request"]["url"] == "https://shop.example/cart/?token=[Filtered]&page=2"
    assert event["request"]["query_string"] == "access_token=[Filtered]&q=mug&sig=[Filtered]"


def test_tokens_in_url_paths_go_but_route_patterns_stay():
    assert (
        scrub_text("GET /accounts/reset/MTI/cbx-1f2e3d4c5b6a/ 302", pii=True)
        == "GET /accounts/reset/[Filtered]/[Filtered]/ 302"
    )
    assert scrub_text("/orders/link/IlNTLTIwMjYi:1v:abc/", pii=True) == "/orders/link/[Filtered]/"
    assert scrub_text("/pay/demo/Zm9vYmFyYmF6/", pii=True) == "/pay/demo/[Filtered]/"
    pattern = "/accounts/reset/<uidb64>/<token>/"
    assert scrub_text(pattern, pii=True) == pattern


def test_frame_local_variables_with_sensitive_names_go():
    frame = {"function": "pay", "vars": {"card_number": "'4111 1111 1111 1111'", "qty": "2"}}
    event = {"exception": {"values": [{"stacktrace": {"frames": [frame]}}]}}
    scrub_event(event, pii=True)
    assert frame["vars"] == {"card_number": FILTERED, "qty": "2"}


def test_secrets_in_free_text_go():
    text = (
        "charging 4111-1111-1111-1111 with key sk-proj-AbCdEfGhIjKlMnOpQrSt "
        "header Authorization: Bearer eyJhbGciOi.payload.sig and db postgres://app:pw123@db/x"
    )
    cleaned = scrub_text(text, pii=True)
    for secret in ("4111-1111-1111-1111", "sk-proj-AbCdEfGhIjKlMnOpQrSt", "eyJhbGciOi", "pw123"):
        assert secret not in cleaned
    # Numbers that are not card numbers stay: ids, amounts, timestamps.
    assert scrub_text("order 1234567890123 total 64.96", pii=True) == (
        "order 1234567890123 total 64.96"
    )


def test_emails_go_from_text_only_when_pii_is_off():
    assert scrub_text("from jane@example.com", pii=True) == "from jane@example.com"
    assert scrub_text("from jane@example.com", pii=False) == f"from {FILTERED}"
    event = {"user": {"id": "7", "email": "jane@example.com", "ip_address": "1.2.3.4"}}
    assert scrub_event(event, pii=False)["user"] == {"id": "7"}


def test_private_form_bodies_are_never_sent():
    for path in (
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password-reset/",
        "/checkout/",
        "/checkout/review/",
        "/admin/login/",
        "/admin/blog/post/write-with-ai/",
    ):
        event = {"request": {"url": f"https://s.example{path}", "data": {"email": "a", "x": "1"}}}
        assert scrub_event(event, pii=True)["request"]["data"] == FILTERED
    event = {"request": {"url": "https://s.example/cart/add/3/", "data": {"quantity": "2"}}}
    assert scrub_event(event, pii=True)["request"]["data"] == {"quantity": "2"}


def test_json_in_text_and_form_bodies_as_text():
    assert (
        scrub_text('{"password": "hunter2", "qty": 2}', pii=True)
        == '{"password": "[Filtered]", "qty": 2}'
    )
    assert (
        scrub_text("email=a%40b.c&password=hunter2&next=/cart/", pii=True)
        == "email=a%40b.c&password=[Filtered]&next=/cart/"
    )


def test_luhn():
    assert luhn_valid("4111111111111111")
    assert luhn_valid("5555555555554444")
    assert not luhn_valid("4111111111111112")


# --- property: secrets planted anywhere are gone, everything else is untouched -------------

# Text and keys from an alphabet that cannot spell a secret pattern (no digits, '@', '=',
# '/', ':' or quotes, and none of the letters of "bearer", "token", "sk-"...), so any change
# to them would be the scrubber's fault.
SAFE_TEXT = st.text(alphabet="acdfhijlmnquvwxyz .,!()", max_size=30)
SAFE_KEY = st.text(alphabet="acdfhilmnquvwxyz_", min_size=1, max_size=12).filter(
    lambda k: not is_sensitive_key(k)
)
SAFE_LEAF = st.one_of(
    SAFE_TEXT, st.integers(), st.floats(allow_nan=False), st.booleans(), st.none()
)
SENSITIVE_KEYS = st.sampled_from(SENSITIVE_SPELLINGS)


def card_number(seed: int) -> str:
    rng = random.Random(seed)
    body = "4" + "".join(rng.choice(string.digits) for _ in range(14))
    for check in string.digits:
        if luhn_valid(body + check):
            return body + check
    raise AssertionError("unreachable")


@st.composite
def secret(draw) -> str:
    token = draw(st.text(alphabet=string.ascii_letters + string.digits, min_size=12, max_size=24))
    return "S3CR3T" + token


@st.composite
def free_text_secret(draw) -> tuple[str, str]:
    kind = draw(st.sampled_from(["card", "sk", "bearer", "email", "url_token", "reset"]))
    token = draw(st.text(alphabet=string.ascii_letters + string.digits, min_size=20, max_size=30))
    value = {
        "card": card_number(draw(st.integers(0, 10**6))),
        "sk": "sk-" + token,
        "bearer": token,
        "email": f"{token.lower()}@example.com",
        "url_token": token,
        "reset": token,
    }[kind]
    carrier = {
        "card": f"card {value} charged",
        "sk": f"using {value} now",
        "bearer": f"Authorization: Bearer {value}",
        "email": f"mail to {value} failed",
        "url_token": f"GET https://s.example/x/?token={value}&page=2",
        "reset": f"/accounts/reset/MTI/{value}/",
    }[kind]
    return draw(SAFE_TEXT) + " " + carrier + " " + draw(SAFE_TEXT), value


def trees(leaf):
    return st.recursive(
        leaf,
        lambda children: st.one_of(
            st.lists(children, max_size=4), st.dictionaries(SAFE_KEY, children, max_size=4)
        ),
        max_leaves=20,
    )


@st.composite
def event_with_secrets(draw):
    """A random nested event; secrets planted under sensitive keys and inside free text."""
    planted: list[str] = []

    @st.composite
    def planted_leaf(draw):
        if draw(st.booleans()):
            return draw(SAFE_LEAF)
        text, value = draw(free_text_secret())
        planted.append(value)
        return text

    @st.composite
    def planted_dict(draw):
        safe = draw(st.dictionaries(SAFE_KEY, trees(planted_leaf()), max_size=3))
        for key in draw(st.lists(SENSITIVE_KEYS, max_size=2, unique=True)):
            value = draw(secret())
            planted.append(value)
            safe[key] = draw(st.sampled_from([value, {"nested": value}, [value]]))
        return safe

    event = draw(trees(planted_dict()))
    return {"extra": event, "breadcrumbs": {"values": [{"data": draw(planted_dict())}]}}, planted


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(event_with_secrets())
def test_property_every_planted_secret_is_lost(case):
    event, planted = case
    dumped = json.dumps(scrub_event(event, pii=False))
    for value in planted:
        assert value not in dumped


@settings(deadline=None)
@given(trees(SAFE_LEAF), st.booleans())
def test_property_non_sensitive_data_comes_through_unchanged(data, pii):
    event = {"extra": data, "contexts": {"order": {"number": "SS-2026-7KQ4ZP", "total": "64.96"}}}
    original = copy.deepcopy(event)
    assert scrub_event(event, pii=pii) == original


def test_openai_integration_errors_lose_frame_variables():
    from monitoring.sentry import _without_prompts

    frame = {"function": "create", "vars": {"messages": "[{'content': 'Write about Kettles'}]"}}
    event = {
        "exception": {
            "values": [{"mechanism": {"type": "openai"}, "stacktrace": {"frames": [frame]}}]
        }
    }
    _without_prompts(event)
    assert "vars" not in frame


def test_sql_breadcrumbs_are_cleaned_on_their_fast_path():
    from monitoring.sentry import _raw_hook

    crumb = {
        "category": "query",
        "message": (
            "UPDATE t SET note = 'paid with 4111 1111 1111 1111' "
            "WHERE key = 'sk-abcdefghijklmnopqrst'"
        ),
        "data": {"db.executemany": False},
    }
    cleaned = _raw_hook(True, crumb, {})
    assert "4111" not in cleaned["message"] and "sk-abc" not in cleaned["message"]
