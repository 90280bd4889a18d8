"""Object storage's secret key (AWS_SECRET_ACCESS_KEY) is one of the configured secrets: it never
reaches Sentry or a log line, however it turns up. A fresh interpreter configured as on Render,
its uploads going to moto's S3 server, its events to a local Sentry receiver."""

from monitoring.secrets import configured_secrets
from tests.monitoring.test_leaks import leaked
from tests.support.process import settings_code
from tests.support.s3_server import s3_server  # noqa: F401 (fixture)


def test_the_storage_secret_is_among_the_configured_secrets(s3_server):  # noqa: F811
    from core.storage import object_storage

    config = object_storage(s3_server.env())
    assert config is not None
    found = configured_secrets({"STORAGES": {"default": config.storage()}}, {})
    assert s3_server.secret_access_key in found
    assert s3_server.secret_access_key in configured_secrets({}, s3_server.env())
    assert s3_server.secret_access_key not in repr(config)


def test_the_storage_secret_never_reaches_sentry_or_the_log(receiver, s3_server):  # noqa: F811
    secret = s3_server.secret_access_key
    env = s3_server.env() | {
        "SENTRY_DSN": f"http://public@127.0.0.1:{receiver.port}/42",
        # Deliberately missing: the upload below fails with the storage's own error.
        "AWS_STORAGE_BUCKET_NAME": "no-such-bucket",
    }
    code = """
import logging, os, sentry_sdk
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from monitoring import api
options = settings.STORAGES["default"]["OPTIONS"]
logging.getLogger("shop").error("storage options: %s", options)
def upload(secret_key):
    try:
        default_storage.save("products/x.png", ContentFile(b"png"))
    except Exception as error:
        raise RuntimeError(f"upload failed with key {secret_key}: {error}") from error
try:
    upload(os.environ["AWS_SECRET_ACCESS_KEY"])
except RuntimeError as error:
    logging.getLogger("shop").warning("%s", error)
    sentry_sdk.capture_exception()
api.flush(5)
print("sent")
"""
    result = settings_code(code, **env)
    assert "sent" in result.stdout, result.stderr
    raw = receiver.wait_for(lambda: len(receiver.events()) >= 2 and receiver.raw())
    [exception] = [e for e in receiver.events() if e.get("exception")]
    # The failure itself arrives: the bucket that is missing, the error's type.
    assert "NoSuchBucket" in raw.decode(errors="replace")
    assert exception["exception"]["values"][-1]["type"] == "RuntimeError"
    assert receiver.items("log")  # the warning, as a Sentry log
    assert leaked(raw, [secret]) == []
    assert b"[Filtered]" in raw
    logs = result.stdout + result.stderr
    assert "storage options" in logs and "upload failed with key" in logs
    assert secret not in logs
