"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, for mail tests."""

import email
import email.policy
import socket

from aiosmtpd.controller import Controller


class Inbox:
    """The aiosmtpd handler: every message received, parsed."""

    def __init__(self):
        self.messages = []
        # Addresses the server refuses at RCPT TO with 550, as for a mailbox that bounces.
        self.refused = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list:
        """The messages addressed to `address`."""
        return [m for m in self.messages if address in m["To"]]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start() -> tuple[Controller, Inbox]:
    """Start a server on a free loopback port; returns its controller and its inbox."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller, inbox
