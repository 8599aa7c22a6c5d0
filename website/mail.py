"""Sending mail one recipient at a time: an address the mail server refuses is reported to
the caller and never stops the mail of anyone else; a server that is down still raises, so
that nothing is marked as sent that was not."""

import smtplib
from dataclasses import dataclass, field

from django.core.mail import EmailMessage
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass
class MailRun:
    """What one run of a mailing did: how many were sent, and the addresses refused."""

    sent: int = 0
    refused: list[str] = field(default_factory=list)


def deliver(message: EmailMessage) -> bool:
    """Send `message` (one recipient); False when the server refused that recipient."""
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused:
        return False
    return True


def finish_command(command, run: MailRun, sent_message: str) -> None:
    """End a mailing command: `sent_message` (with %(count)s) on stdout, each refused address
    on stderr, and a non-zero exit when anything was left unsent."""
    command.stdout.write(sent_message % {"count": run.sent})
    for address in run.refused:
        command.stderr.write(
            _("De mailserver weigerde %(address)s; die mail is niet verstuurd.")
            % {"address": address}
        )
    if run.refused:
        raise CommandError(
            ngettext(
                "%(count)s mail is niet verstuurd.",
                "%(count)s mails zijn niet verstuurd.",
                len(run.refused),
            )
            % {"count": len(run.refused)}
        )
