"""The monobank merchant token is one of the secrets monitoring removes by value: checked on the
wire, in a fresh interpreter started as Render starts the app, with the real SDK sending to the
local envelope receiver."""

from tests.support.process import free_port, settings_code

TOKEN = "uPlantedMONOBANKtoken-0123456789abcdefXYZ"


def test_the_monobank_token_never_reaches_sentry(receiver):
    env = {
        "SECRET_KEY": "plantedSECRETkey-0123456789abcdefghijklmnopqrstuvwxyz",
        "PAYMENT_METHODS": "monobank,cod",
        "MONOBANK_TOKEN": TOKEN,
        # Nothing listens there: the client fails with the token in its frame's variables.
        "MONOBANK_API_BASE": f"http://127.0.0.1:{free_port()}",
        "SENTRY_DSN": f"http://public@127.0.0.1:{receiver.port}/42",
        "SENTRY_SEND_USER_PII": "true",
    }
    code = """
import logging, sentry_sdk
from monitoring import api
from shop.payments.monobank import api as monobank
logging.getLogger("shop").error("monobank said no to %s", settings.MONOBANK_TOKEN)
try:
    monobank.invoice_status("2412083Jr5xCLk9f")
except Exception:
    sentry_sdk.capture_exception()
sentry_sdk.capture_message("X-Token: " + settings.MONOBANK_TOKEN)
api.flush(5)
print("sent", settings.MONOBANK_TOKEN in settings.MONITORING_SECRETS)
"""
    result = settings_code(code, **env)
    assert "sent True" in result.stdout, result.stderr
    raw = receiver.wait_for(lambda: len(receiver.events()) >= 3 and receiver.raw())
    assert len(receiver.events()) >= 3  # the error log, the exception, the message
    assert b"X-Token" in raw and b"[Filtered]" in raw
    assert TOKEN.encode() not in raw
