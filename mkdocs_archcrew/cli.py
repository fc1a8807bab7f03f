"""Command line: ``archcrew check`` (placeholder resolution without building the site)."""

import sys


def main() -> int:
    print("archcrew: not implemented yet", file=sys.stderr)
    return 2
