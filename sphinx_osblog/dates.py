"""Time zones and the build's "now"."""

from __future__ import annotations

import datetime as dt
import functools
import os
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class BadDate(ValueError):
    """A date, date-time or zone that cannot be used; the message says why."""


def zone(name: str) -> ZoneInfo:
    """The IANA zone *name*, or :class:`BadDate`."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise BadDate(
            f"unknown time zone {name!r} (use an IANA name such as 'Europe/Berlin')"
        ) from exc


def build_now(today: object, tz: ZoneInfo) -> dt.datetime:
    """The build's "now": ``osblog_today``, else ``SOURCE_DATE_EPOCH``, else the clock.

    *today* has already been type-checked: ``None``, a date, a date-time or an ISO string.
    """
    if isinstance(today, dt.datetime):
        return today if today.tzinfo else today.replace(tzinfo=tz)
    if isinstance(today, dt.date):
        return dt.datetime.combine(today, dt.time(0, 0), tzinfo=tz)
    if isinstance(today, str):
        return parse_datetime(today, tz)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isascii() and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).astimezone(tz)
    return dt.datetime.now(tz=tz)


def parse_datetime(value: str, tz: ZoneInfo) -> dt.datetime:
    """Parse ``YYYY-MM-DD`` or an ISO 8601 date-time; naive values take *tz*."""
    text = value.strip()
    try:
        if len(text) == 10:
            day = dt.date.fromisoformat(text)
            return dt.datetime.combine(day, dt.time(0, 0), tzinfo=tz)
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise BadDate(f"{value!r} is not a date (YYYY-MM-DD) or ISO 8601 date-time") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)


def _locale(language: str | None) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(language or "en")
    except (UnknownLocaleError, ValueError, TypeError):
        return "en"
    return language or "en"


@functools.lru_cache(maxsize=8192)
def display_date(value: dt.datetime, with_time: bool, language: str | None) -> str:
    """A date as readers of *language* expect it: ``April 2, 2019`` / ``2. April 2019``.

    With *with_time*, the time of day follows in the value's own zone.
    """
    from babel.dates import format_date, format_time

    locale = _locale(language)
    text = format_date(value.date(), "long", locale=locale)
    if with_time:
        text += ", " + format_time(value.timetz(), "short", locale=locale)
    return text


def month_name(year: int, month: int, language: str | None) -> str:
    """``April 2019`` in *language*."""
    from babel.dates import format_date

    return format_date(dt.date(year, month, 1), "LLLL y", locale=_locale(language))


def _hour_skeleton(locale: str) -> str:
    """``hm`` where the locale writes 12-hour times, else ``Hm``."""
    from babel import Locale

    pattern = Locale.parse(locale).time_formats["short"].pattern
    return "hm" if "h" in pattern else "Hm"


@functools.lru_cache(maxsize=8192)
def display_range(
    start: dt.datetime, end: dt.datetime | None, all_day: bool, language: str | None
) -> str:
    """An event's dates in the reader's terms (``May 20 - 23, 2019``), with times and zone.

    Days use the locale's medium form and times its own hour cycle, the same for a
    single day as for a range.
    """
    from babel.dates import format_interval, format_skeleton, format_time

    locale = _locale(language)

    def day(value: dt.datetime) -> str:
        return format_skeleton("yMMMd", value.date(), locale=locale)

    if all_day:
        if end is None or end.date() == start.date():
            return day(start)
        return format_interval(start.date(), end.date(), "yMMMd", locale=locale)
    zone_name = start.tzname() or ""
    end = end.astimezone(start.tzinfo) if end is not None else None
    if end is None:
        text = f"{day(start)}, {format_time(start.timetz(), 'short', locale=locale)}"
    elif end.date() == start.date():
        skeleton = _hour_skeleton(locale)
        times = format_interval(start, end, skeleton, tzinfo=start.tzinfo, locale=locale)
        text = f"{day(start)}, {times}"
    else:
        text = (
            f"{day(start)}, {format_time(start.timetz(), 'short', locale=locale)} \N{EN DASH} "
            f"{day(end)}, {format_time(end.timetz(), 'short', locale=locale)}"
        )
    return f"{text} {zone_name}".strip()
