"""The alert tests' pieces: a small store audited into a history, a local JSON webhook
(pytest-httpserver) and a local SMTP server (aiosmtpd), both on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import email
import json
import socket
from collections.abc import Iterator
from email.header import decode_header, make_header
from email.message import Message
from pathlib import Path

import pytest

from auditor.api import Options, audit
from auditor.model.notify import NotifyTarget
from auditor.model.report import Report

STORE = "acme-us"
#: The rules the small store is audited with: a title too long (LST-001, high; LST-002,
#: info) and a certificate that expires soon (CMP-019), in a fraction of a second.
SELECT = ["LST-001", "LST-002", "CMP-019"]
LONG_TITLE = (
    "Voxa Wireless Earbuds Bluetooth 5.3 Headphones with Charging Case, 40H Playtime, IPX7 "
    "Waterproof Sports Earphones, Deep Bass Stereo Sound, Touch Control, Built-in Mic for "
    "Calls, Best Gift for Men Women Kids Teens Running Gym Workout Travel Office Black"
)
SHORT_TITLE = "Voxa Wireless Earbuds, Bluetooth 5.3, 40H Playtime, IPX7, Black"
LISTINGS = """sku,asin,marketplace,title,brand,product_type,status,price,currency,quantity,fulfillment_channel,product_id,product_id_type
VX-EAR-02,B0CXV4EAR2,US,"{title}",Voxa,HEADPHONES,Active,29.99,USD,120,AFN,036000291452,UPC
VX-CBL-01,B0CXV4CBL1,US,"Voxa USB-C Cable, 6 ft, Braided",Voxa,ELECTRONIC_CABLE,Active,9.99,USD,300,AFN,012345678905,UPC
"""
DOCUMENTS = """document_type,identifier,sku,asin,brand,marketplace,issued_on,expires_on,issuer,file,notes
ul_certification,E512345,VX-EAR-02,,Voxa,US,2024-12-10,{expires},UL Solutions,compliance/ul-vx-ear-02.pdf,
"""
#: Outside any quiet hours of the tests (quiet 22:00-08:00 UTC).
NOON = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)


def write_store(folder: Path, title: str = LONG_TITLE, expires: str = "2026-12-05") -> Path:
    """The store's listings and documents register, as its seller exports them."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "listings.csv").write_text(LISTINGS.format(title=title), encoding="utf-8")
    (folder / "documents.csv").write_text(DOCUMENTS.format(expires=expires), encoding="utf-8")
    return folder


def audit_store(
    history: Path, folder: Path, as_of: str, language: str = "en", store: str = STORE
) -> Report:
    """`auditor audit FOLDER --history H --store acme-us` through the library."""
    options = Options.resolve(
        None,
        history=history,
        store=store,
        as_of=dt.date.fromisoformat(as_of),
        language=language,
        select=SELECT,
    )
    return audit([folder], options).report


class Webhook:
    """A json:// target's receiver: every message it took, as Apprise posted it."""

    def __init__(self, server) -> None:
        self.server = server

    def url(self, path: str = "/hooks/acme") -> str:
        return f"json://127.0.0.1:{self.server.port}{path}"

    def target(self, path: str = "/hooks/acme", **more) -> NotifyTarget:
        return NotifyTarget(url=self.url(path), **more)

    def messages(self, path: str | None = None) -> list[dict]:
        return [
            json.loads(request.get_data())
            for request, _ in self.server.log
            if path is None or request.path == path
        ]


@pytest.fixture
def webhook(httpserver) -> Iterator[Webhook]:
    yield from serve_hooks(httpserver)


def serve_hooks(httpserver) -> Iterator[Webhook]:
    """The webhooks of a test: two that take messages, one that is down (503)."""
    httpserver.expect_request("/hooks/acme", method="POST").respond_with_data("ok")
    httpserver.expect_request("/hooks/team", method="POST").respond_with_data("ok")
    httpserver.expect_request("/hooks/down", method="POST").respond_with_data("busy", status=503)
    yield Webhook(httpserver)
    httpserver.clear()


class Mailbox:
    """What a local SMTP server received."""

    def __init__(self) -> None:
        self.received: list[Message] = []
        self.port = 0

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's hook, by its name
        self.received.append(email.message_from_bytes(envelope.content))
        return "250 OK"

    def url(self) -> str:
        """Plain SMTP on a port, no TLS, from and to given: what Apprise needs for it."""
        return (
            f"mailto://127.0.0.1:{self.port}?smtp=127.0.0.1&mode=insecure"
            "&from=auditor@acme.example&to=ops@acme.example"
        )

    def subjects(self) -> list[str]:
        return [str(make_header(decode_header(mail["Subject"]))) for mail in self.received]

    def texts(self) -> list[str]:
        found = []
        for mail in self.received:
            parts = mail.walk() if mail.is_multipart() else [mail]
            found.append(
                "\n".join(
                    p.get_payload(decode=True).decode(p.get_content_charset() or "utf-8")
                    for p in parts
                    if p.get_content_maintype() == "text"
                )
            )
        return found


@pytest.fixture(scope="module")
def smtp() -> Iterator[Mailbox]:
    yield from serve_mail()


def serve_mail() -> Iterator[Mailbox]:
    """An SMTP server on 127.0.0.1 (aiosmtpd), and what it received."""
    from aiosmtpd.controller import Controller

    mailbox = Mailbox()
    with socket.socket() as probe:  # a free port (the controller checks it is up by port)
        probe.bind(("127.0.0.1", 0))
        mailbox.port = probe.getsockname()[1]
    controller = Controller(mailbox, hostname="127.0.0.1", port=mailbox.port)
    controller.start()
    yield mailbox
    controller.stop()
