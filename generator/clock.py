"""Build time: `SOURCE_DATE_EPOCH` when set (reproducible builds), else the clock."""
from __future__ import annotations

import datetime as dt
import os
import zoneinfo


class BadEpoch(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a whole number of seconds."""


def build_time(tz: dt.tzinfo | None = None) -> dt.datetime:
    """The moment this build stands for, in the site's time zone."""
    tz = tz or zoneinfo.ZoneInfo("Asia/Shanghai")
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise BadEpoch(epoch)
        return dt.datetime.fromtimestamp(int(epoch), tz)
    return dt.datetime.now(tz).replace(microsecond=0)
