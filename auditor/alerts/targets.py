"""A notify target made usable: its `${VAR}` references resolved, its secrets kept secret.

auditor.yaml and FLEET.yaml are files people commit, so a token or password in a
target's URL must be a reference to an environment variable. Which parts of a URL are
secret differs by service (a DingTalk token is the path, an SMTP password the userinfo,
a Slack webhook three path parts); rather than a list of our own, Apprise's own privacy
view says it: the parts `url(privacy=True)` hides are the secrets. A hidden part that
did not come from a reference was written in clear and is refused, naming the target
by its redacted form, never the value. Whatever Apprise logs is shown only with every
resolved value taken out.
"""

from __future__ import annotations

import difflib
import hashlib
import logging
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType
from typing import Any
from urllib.parse import quote

from auditor.errors import AuditorError
from auditor.model.credentials import ENV_REFERENCE
from auditor.model.notify import NotifyTarget

#: What to install for alerts (the extra of pyproject.toml).
INSTALL = "pip install 'amazon-seller-auditor[alerts]'"
#: How a hidden part is shown.
MASK = "****"
#: Stand-in values for references, to find the literal secrets of a URL as written:
#: plain lowercase letters and digits, which every service's token pattern accepts.
PLACEHOLDER = "auditorref{}x"


def load_apprise() -> ModuleType:
    """The apprise module, or a clear error naming the extra that installs it."""
    try:
        import apprise
    except ImportError:
        raise AuditorError(f"notify: needs Apprise, which is not installed: {INSTALL}") from None
    return apprise


def target_key(target: NotifyTarget) -> str:
    """The target as history knows it: a short sha256 of its URL as written (references
    unresolved), so the history file never holds a secret, nor even the URL."""
    return hashlib.sha256(target.url.encode()).hexdigest()[:16]


def variables(url: str) -> list[str]:
    """The environment variables `url` refers to, in order, once each."""
    return list(dict.fromkeys(m["name"] for m in ENV_REFERENCE.finditer(url)))


@dataclass(frozen=True)
class Resolved:
    """A target with its references resolved: `url` holds secrets and is never shown."""

    target: NotifyTarget
    url: str
    secrets: tuple[str, ...]

    @property
    def shown(self) -> str:
        return shown(self.target)

    def redact(self, text: str) -> str:
        """`text` with every resolved value (as written and URL-encoded) masked."""
        forms = {f for value in self.secrets for f in _forms(value)}
        for form in sorted(forms, key=len, reverse=True):
            text = text.replace(form, MASK)
        return text


def resolve(target: NotifyTarget, environ: Mapping[str, str]) -> Resolved:
    """`target` ready to send to; AuditorError naming a variable to set, a URL Apprise
    cannot use, or a secret written in clear (by the target's redacted form only)."""
    apprise = load_apprise()
    missing = [name for name in variables(target.url) if not environ.get(name)]
    if missing:
        names = ", ".join(missing)
        raise AuditorError(
            f"notify target {shown(target)}: set the environment variable {names} "
            "(the URL refers to it; the secret stays out of the file)"
        )
    values = tuple(environ[name] for name in variables(target.url))
    # URL-encoded: a password with @ or / stays one part of the URL (Apprise decodes it).
    url = ENV_REFERENCE.sub(lambda m: quote(environ[m["name"]], safe=""), target.url)
    resolved = Resolved(target, url, values)
    with captured(apprise) as logs:
        plugin = apprise.Apprise.instantiate(resolved.url)
    if plugin is None:
        why = resolved.redact(logs.text()) or "no service of Apprise takes this URL"
        raise AuditorError(f"notify target {shown(target)}: Apprise cannot use it: {why}")
    clear = [part for part in hidden_parts(plugin) if not _inside(part, values)]
    if clear:
        variable = suggested_variable(target.url, plugin, clear)
        raise AuditorError(
            f"notify target {shown(target)}: a token or password is written in the URL; "
            f"write it as a reference such as ${{{variable}}} and set the variable {variable}"
        )
    return resolved


def suggested_variable(url: str, plugin: Any, clear: list[str]) -> str:
    """A name for the variable a secret written in clear belongs in: the scheme, and
    PASSWORD for the URL's password, else TOKEN (DINGTALK_TOKEN, MAILTOS_PASSWORD)."""
    scheme = re.sub(r"[^A-Z0-9]+", "_", url.split("://", 1)[0].upper())
    password = getattr(plugin, "password", None)
    is_password = bool(password) and any(part in str(password) for part in clear)
    return f"{scheme}_{'PASSWORD' if is_password else 'TOKEN'}"


def shown(target: NotifyTarget) -> str:
    """The target's URL as written, with its references (never resolved); a part Apprise
    counts secret that was written in clear is masked, so it is safe to print."""
    url = target.url
    names = variables(url)
    stand_ins = {name: PLACEHOLDER.format(i) for i, name in enumerate(names)}
    try:
        apprise = load_apprise()
    except AuditorError:  # nothing says which parts are secret: show the scheme only
        return _scheme_only(url)
    with captured(apprise):
        plugin = apprise.Apprise.instantiate(ENV_REFERENCE.sub(lambda m: stand_ins[m["name"]], url))
    if plugin is None:
        return _scheme_only(url)
    for part in hidden_parts(plugin):
        if _inside(part, tuple(stand_ins.values())):
            continue
        written = next((f for f in _forms(part) if f in url), None)
        if written is None:
            return _scheme_only(url)
        url = url.replace(written, MASK)
    return url


def hidden_parts(plugin: Any) -> list[str]:
    """The parts of the plugin's URL its privacy view hides: its secrets, as Apprise
    knows them for this service."""
    clear, private = plugin.url(privacy=False), plugin.url(privacy=True)
    matcher = difflib.SequenceMatcher(None, clear, private, autojunk=False)
    return [
        clear[i1:i2] for op, i1, i2, _, _ in matcher.get_opcodes() if op in ("replace", "delete")
    ]


def _inside(part: str, values: tuple[str, ...]) -> bool:
    return any(part in form for value in values for form in _forms(value))


def _forms(value: str) -> set[str]:
    """A value as it may appear in a URL or a log: as is, and URL-encoded."""
    return {value, quote(value, safe=""), quote(value)} - {""}


def _scheme_only(url: str) -> str:
    return url.split("://", 1)[0] + "://" + MASK


class Logs:
    def __init__(self, capture: Any) -> None:
        self.capture = capture

    def text(self) -> str:
        """Apprise's warnings and errors, as its sentences, on one line."""
        lines = [line.strip() for line in self.capture.getvalue().splitlines()]
        return " ".join(line for line in lines if line)


@contextmanager
def captured(apprise: ModuleType) -> Iterator[Logs]:
    """Apprise's log of the block, kept from every other handler: it names tokens (an
    invalid one, a URL it could not load), so it is shown only redacted, by the caller."""
    logger = logging.getLogger("apprise")
    propagate, logger.propagate = logger.propagate, False
    try:
        with apprise.LogCapture(level=logging.WARNING, fmt="%(message)s") as capture:
            yield Logs(capture)
    finally:
        logger.propagate = propagate
