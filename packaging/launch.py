"""Entry point of the frozen app: the same command line as the `ilp-desktop` script."""

import sys

from ilp_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
