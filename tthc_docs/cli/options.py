"""Option types the commands share, so one option reads alike everywhere."""

from __future__ import annotations

from datetime import date

import click


class DateType(click.ParamType):
    """A date as staff write it: ``dd/mm/yyyy`` (or with "." or "-") or
    ``yyyy-mm-dd``, by the one date rule of :func:`tthc_docs.readers.sheets.parse_date`;
    anything else is a usage error naming the value."""

    name = "DATE"

    def convert(self, value, param, ctx) -> date:
        if isinstance(value, date):
            return value
        from ..errors import DataError
        from ..readers.sheets import parse_date

        try:
            return parse_date(value, what="date")
        except DataError as exc:
            self.fail(f"{exc}; write dd/mm/yyyy or yyyy-mm-dd", param, ctx)


DATE = DateType()
