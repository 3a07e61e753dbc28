"""Lint one source: outline it, pick the profile, run the selected rules.

This is the middle of the pipeline (source -> outline -> rules -> diagnostics);
it neither reads files nor prints.
"""

from __future__ import annotations

from collections.abc import Sequence

from lawlint import regex_memo
from lawlint.diagnostics import Diagnostic
from lawlint.outline import Outline, build_outline
from lawlint.registry import Check, Rule
from lawlint.source import Source

GENERIC = "generic"
FAZHI = "fazhi"
# A 法治政府建设年度报告 names itself, and itself a report, in its title or opening
# paragraph; a notice or plan about such reports (…报告的通知, …工作要点) is not one.
_FAZHI_TITLE = regex_memo.compile(
    r"(?:法治政府建设|法治政府工作).*?(?:报告|汇报)|(?:法治建设|依法行政).{0,6}报告"
)
_OTHER_GENRE = regex_memo.compile(r"(?:通知|方案|要点|意见|办法|规定|计划|细则|纲要|规划|函)$")


class Selection:
    """Which rules run: a fixed profile or automatic choice, minus ignored names.

    Not changed once made (the memos aside): build a new one for other rules.
    """

    __slots__ = ("_by_profile", "_checks", "ignore", "profile", "rules", "select")

    def __init__(
        self,
        rules: Sequence[Rule],
        profile: str | None = None,
        select: frozenset[str] = frozenset(),
        ignore: frozenset[str] = frozenset(),
    ) -> None:
        self.rules = rules
        self.profile = profile
        self.select = select
        self.ignore = ignore
        # rules_for's answer per profile: asked once for every file linted.
        self._by_profile: dict[str, list[Rule]] = {}
        # checks_for's answer per profile; kept here, not in Rule, whose fields key the cache.
        self._checks: dict[str, list[tuple[Rule, Check]]] = {}

    def rules_for(self, profile: str) -> list[Rule]:
        """The rules that run under ``profile`` (the same list each time: do not change it)."""
        rules = self._by_profile.get(profile)
        if rules is None:
            rules = self._by_profile[profile] = [
                rule
                for rule in self.rules
                if (
                    rule.name in self.select
                    or rule.code in self.select
                    or (profile in rule.profiles and rule.enabled)
                )
                and rule.name not in self.ignore
                and rule.code not in self.ignore
            ]
        return rules

    def checks_for(self, profile: str) -> list[tuple[Rule, Check]]:
        """Each rule of ``profile`` with its check, looked up once, not for every file."""
        checks = self._checks.get(profile)
        if checks is None:
            checks = self._checks[profile] = [
                (rule, rule.check()) for rule in self.rules_for(profile)
            ]
        return checks


def detect_profile(outline: Outline) -> str:
    """``fazhi`` when the title or opening names a 法治政府建设 report, else ``generic``."""
    opening = [outline.title.text] if outline.title else []
    if opening and _OTHER_GENRE.search(opening[0]):
        return GENERIC
    opening += [paragraph.text[:200] for paragraph in outline.preamble[:2]]
    return FAZHI if any(_FAZHI_TITLE.search(text) for text in opening) else GENERIC


class LintResult:
    """The diagnostics for one source, with the outline and profile they came from.

    A result taken from the cache (``cached``) has no outline until one is asked
    for: building it would cost most of what the cache saves. Not changed once
    made: build a new one for other diagnostics.
    """

    __slots__ = ("_outline", "cached", "diagnostics", "profile", "source")

    def __init__(
        self,
        source: Source,
        _outline: Outline | None,
        profile: str,
        diagnostics: list[Diagnostic],
        cached: bool = False,
    ) -> None:
        self.source = source
        self._outline = _outline
        self.profile = profile
        self.diagnostics = diagnostics
        self.cached = cached

    @property
    def outline(self) -> Outline:
        if self._outline is None:
            self._outline = build_outline(self.source)
        return self._outline


def lint_source(source: Source, selection: Selection) -> LintResult:
    """Run the selected rules over ``source``; diagnostics are in document order."""
    outline = build_outline(source)
    profile = selection.profile or detect_profile(outline)
    # Rule.run's work without a generator or list per rule: most rules find nothing.
    diagnostics: list[Diagnostic] = []
    for rule, check in selection.checks_for(profile):
        for finding in check(outline, rule.options):
            diagnostics.append(rule.diagnostic(finding))
    diagnostics.sort(key=lambda d: (d.start, d.end, d.code))
    return LintResult(source, outline, profile, diagnostics)
