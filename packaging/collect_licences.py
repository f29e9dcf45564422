"""Copy the licence files of every bundled distribution into the bundle's licences folder.

PySide6 and shiboken6 wheels carry no licence file: their LGPL-3.0 (and the GPL-3.0 it builds on) is kept in
packaging/licences/ and copied by the build scripts.
"""

import shutil
import sys
from importlib import metadata
from pathlib import Path

RUNTIME = (
    "reportlab",
    "uharfbuzz",
    "markdown-it-py",
    "mdurl",
    "sqlite-utils",
    "sqlite-fts4",
    "platformdirs",
    "pypdfium2",
    "cryptography",
    "cffi",
    "click",
    "click-default-group",
    "tabulate",
    "python-dateutil",
    "pluggy",
    "tree-sitter",
    "tree-sitter-toml",
)


def main(target: Path) -> None:
    for name in RUNTIME:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        for f in dist.files or ():
            if "licen" in str(f).lower() or "copying" in str(f).lower():
                dest = target / name / Path(str(f)).name
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(dist.locate_file(f), dest)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
