"""lawlint: a linter for 法治政府建设年度报告 and other Chinese official documents."""

__version__ = "0.1.0"
