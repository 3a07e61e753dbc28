"""Allow ``python -m lawlint``."""

from lawlint.cli import main

raise SystemExit(main())
