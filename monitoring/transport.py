from sentry_sdk.transport import HttpTransport


class RecordingHttpTransport(HttpTransport):
    """The SDK's own HTTP transport, remembering the ingest server's last HTTP status so
    `manage.py sentry_test` can say whether the event was accepted."""

    last_status: int | None = None

    def _handle_response(self, response, envelope) -> None:
        self.last_status = response.status
        super()._handle_response(response, envelope)
