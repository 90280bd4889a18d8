"""A real SMTP server on 127.0.0.1 that keeps every message it is sent (aiosmtpd), for tests and
scripts that count e-mails across processes: point EMAIL_URL at `sink.url`."""

import email
import email.policy
import threading
from email.message import Message

from aiosmtpd.controller import Controller

from tests.support.process import free_port


class SmtpSink:
    def __init__(self) -> None:
        self.messages: list[Message] = []
        self._lock = threading.Lock()
        self.controller = Controller(self, hostname="127.0.0.1", port=free_port())
        self.controller.start()
        self.url = f"smtp://127.0.0.1:{self.controller.port}"

    async def handle_DATA(self, server, session, envelope) -> str:  # aiosmtpd's hook name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def subjects(self) -> list[str]:
        with self._lock:
            return [str(m["Subject"]) for m in self.messages]

    def stop(self) -> None:
        self.controller.stop()
