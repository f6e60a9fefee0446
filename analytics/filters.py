"""The shared dashboard filters, turned into bound query parameters in exactly one place."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the listings to; empty means no restriction."""

    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    role_families: tuple[str, ...] = ()
    seniorities: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    remote: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    title_keyword: str = ""

    def params(self) -> dict[str, object]:
        """Values for the `$name` parameters of analytics/sql/filtered.sql."""
        values = asdict(self)
        for key, value in values.items():
            if isinstance(value, tuple):
                values[key] = list(value)
        values["title_keyword"] = self.title_keyword.strip().lower()
        return values
