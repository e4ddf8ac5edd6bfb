"""Where alerts go: a `notify:` list of auditor.yaml (and of a store in FLEET.yaml).

Each entry is an Apprise URL (https://github.com/caronc/apprise/wiki: mailto://,
json://, slack://, dingtalk://, feishu://, wecombot://, ...), or a mapping with the URL
and when to use it. A URL often carries a token or a password, and auditor.yaml is a
file people commit: every secret part is a `${ENV_VAR}` reference, resolved only when a
message is sent (auditor/alerts/targets.py refuses a URL whose secret parts Apprise
knows are written in clear). Wherever a URL is shown it is shown as written, with its
references, never resolved.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, ConfigDict, Field, field_validator

from auditor.model.common import Severity, Strict

#: `scheme://rest`: the shape of every Apprise URL.
URL_SHAPE = re.compile(r"^[a-z][a-z0-9+.-]*://\S+$", re.IGNORECASE)
#: Quiet hours: HH:MM-HH:MM, optionally followed by an IANA time zone.
QUIET_SHAPE = re.compile(
    r"^(?P<start>[0-2]\d:[0-5]\d)-(?P<end>[0-2]\d:[0-5]\d)(?:\s+(?P<zone>[A-Za-z_+\-/0-9]+))?$"
)


class NotifyTarget(Strict):
    """One place alerts go, and which of them."""

    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)

    url: str = Field(
        description="An Apprise URL (mailto://, json://, slack://, dingtalk://, feishu://, "
        "wecombot://, ...); every token or password in it as a ${ENV_VAR} reference.",
        pattern=URL_SHAPE.pattern,
    )
    min_severity: Severity = Field(
        Severity.low,
        description="Only failing findings of this severity or worse are announced here.",
    )
    quiet: str | None = Field(
        None,
        description="Quiet hours, HH:MM-HH:MM with an optional time zone "
        "(`22:00-08:00 Asia/Shanghai`; default: the machine's): a run inside them sends "
        "nothing here and keeps the news for the first run after them.",
        pattern=QUIET_SHAPE.pattern,
    )

    @field_validator("quiet")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is not None:
            quiet_hours(value)  # a bad hour or an unknown zone is an error at load
        return value


def _target(value: Any) -> Any:
    """A bare URL is a target with the defaults."""
    return {"url": value} if isinstance(value, str) else value


#: An entry of a `notify:` list.
NotifyEntry = Annotated[NotifyTarget, BeforeValidator(_target)]


def quiet_hours(text: str) -> tuple[dt.time, dt.time, str | None]:
    """(start, end, zone) of a `quiet:` value; ValueError naming what is wrong."""
    match = QUIET_SHAPE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"quiet hours {text!r}: write HH:MM-HH:MM, e.g. 22:00-08:00")
    try:
        start, end = (dt.time.fromisoformat(match[k]) for k in ("start", "end"))
    except ValueError:
        raise ValueError(f"quiet hours {text!r}: an hour is not a time of day") from None
    zone = match["zone"]
    if zone is not None:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"quiet hours {text!r}: unknown time zone {zone!r}") from None
    return start, end, zone


def in_quiet_hours(text: str, now: dt.datetime) -> bool:
    """Whether `now` (aware) falls inside the quiet hours `text` (which may wrap midnight)."""
    start, end, zone = quiet_hours(text)
    if zone is not None:
        from zoneinfo import ZoneInfo

        local = now.astimezone(ZoneInfo(zone))
    else:
        local = now.astimezone()
    moment = local.time().replace(tzinfo=None)
    if start <= end:
        return start <= moment < end
    return moment >= start or moment < end
