"""Time in the loop: China Standard Time (UTC+8, no daylight saving), ISO-8601 to the second.

Every stored time has the same offset and form, so ISO strings compare in time order on both engines.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

CST = timezone(timedelta(hours=8))

Clock = Callable[[], datetime]


def now() -> datetime:
    return datetime.now(CST)


def iso(moment: datetime) -> str:
    """``2026-06-30T12:00:00+08:00`` — a naive ``moment`` is taken as China Standard Time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=CST)
    return moment.astimezone(CST).replace(microsecond=0).isoformat()


def parse(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=CST)
