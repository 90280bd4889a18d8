from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.support.text import match_in


def test_sentry_test_arrives_and_reports_the_ingest_status(sentry):
    out = StringIO()
    call_command("sentry_test", stdout=out)
    output = out.getvalue()
    event_id = match_in(r"Event id: ([0-9a-f]{32})", output).group(1)
    assert "Accepted by Sentry (HTTP 2xx)." in output
    [event] = sentry.wait_for(lambda: [e for e in sentry.events() if e["event_id"] == event_id])
    assert event["tags"]["sentry_test"] == "true"
    assert event["exception"]["values"][-1]["type"] == "SentryTestError"
    assert event["release"] == "smartshop-ai@test1234"


@pytest.mark.parametrize(("mode", "status"), [("error", "500"), ("rate_limited", "429")])
def test_sentry_test_fails_when_the_ingest_server_refuses(receiver, sentry_start, mode, status):
    receiver.mode = mode
    sentry_start(receiver.dsn)
    with pytest.raises(CommandError, match=f"HTTP {status}"):
        call_command("sentry_test", stdout=StringIO())


def test_sentry_test_fails_when_nothing_answers(sentry_start):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sentry_start(f"http://publickey@127.0.0.1:{port}/42")
    with pytest.raises(CommandError, match="No answer from the Sentry ingest server"):
        call_command("sentry_test", stdout=StringIO())
