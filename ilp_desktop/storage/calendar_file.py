"""The school breaks of the data folder's calendar file written from the app.

The file is the district's (model/district_calendar.py reads it): tomlkit edits only the breaks of one school year
and keeps everything else in it – moved dates, comments, order – as it was written.
"""

from __future__ import annotations

from pathlib import Path

import tomlkit
from tomlkit.exceptions import TOMLKitError

from ilp_desktop.model.district_calendar import BREAKS, FILE_NAME, SchoolBreak
from ilp_desktop.model.errors import UserError
from ilp_desktop.storage.files import write_atomically


def write_school_breaks(folder: Path, year: str, breaks: tuple[SchoolBreak, ...]) -> None:
    """Replace the breaks of `year` (none: the year's table goes); a file that cannot be read is left alone."""
    path = folder / FILE_NAME
    try:
        document = tomlkit.parse(path.read_text(encoding="utf-8-sig")) if path.is_file() else tomlkit.document()
    except (OSError, UnicodeDecodeError, TOMLKitError) as exc:
        raise UserError(
            f"{path.name} cannot be read, so the breaks were not saved (fix or remove it first): {exc}"
        ) from None
    years = document.get(BREAKS)
    if years is None or not isinstance(years, dict):
        years = tomlkit.table(is_super_table=True)
        document[BREAKS] = years
    if breaks:
        table = tomlkit.table()
        for b in breaks:
            table[b.name] = [b.first, b.last]
        years[year] = table
    elif year in years:
        del years[year]
    text = tomlkit.dumps(document)

    def write(temp: Path) -> None:
        temp.write_text(text, encoding="utf-8")

    write_atomically(path, write)
