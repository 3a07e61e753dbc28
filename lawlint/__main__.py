"""Allow ``python -m lawlint``."""

from lawlint.cli import run

run()
