"""The ``lawlint`` command line: parse arguments, run the pipeline, choose the exit status.

``lawlint FILE…`` is short for ``lawlint check FILE…``. Exit status: 0 when no
diagnostic reaches the failing severity, 1 when one does, 2 for usage errors
and unreadable input (the other files are still linted).
"""

from __future__ import annotations

import argparse
import atexit
import codecs
import contextlib
import errno
import io
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import NoReturn

from lawlint import __version__
from lawlint.render import FORMATS, FileReport, shown_path

_DEFAULT_CACHE = ".lawlint_cache"
EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
# What writing the output fails with when the place it goes cannot keep it
# (a full disk or quota, a file-size limit, a failing device). Other OSErrors
# (a process that cannot be started, say) are not the output's.
_OUTPUT_LOST = frozenset(
    {errno.ENOSPC, errno.EFBIG, errno.EIO, getattr(errno, "EDQUOT", errno.ENOSPC)}
)
# Formats people read at a terminal; the others are read by programs and are UTF-8.
_TERMINAL_FORMATS = ("full", "concise")

_DESCRIPTION = """\
lawlint checks 法治政府建设年度报告 (annual rule-of-law government reports) and
other Chinese official documents: heading numbering (GB/T 9704), required parts,
numbers, fixed phrases. `lawlint FILE…` is short for `lawlint check FILE…`.
"""


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; given ``only``, with that subcommand alone (the others cost ~2 ms to add)."""
    width = _help_width()
    parser = argparse.ArgumentParser(
        prog="lawlint",
        description=_DESCRIPTION,
        formatter_class=partial(argparse.RawDescriptionHelpFormatter, width=width),
        epilog="Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or input error.",
    )
    parser.add_argument("--version", action="version", version=f"lawlint {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    formatter = partial(argparse.HelpFormatter, width=width)
    for name, (help_text, add_arguments) in _SUBCOMMANDS.items():
        if only is None or name == only:
            add_arguments(subparsers.add_parser(name, help=help_text, formatter_class=formatter))
    return parser


def _check_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="report files (.txt .md .docx .pdf) or folders to search for them; - reads stdin",
    )
    check.add_argument(
        "--format",
        choices=FORMATS,
        default="full",
        help="output format (default: full)",
    )
    _add_output_options(check)
    _add_fix_options(check)
    _add_rule_options(check)
    check.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        help="lowest severity that makes the exit status 1 (default: error, or the config's)",
    )
    _add_input_options(check)
    _add_common(check)


def _check_rules_arguments(check_rules: argparse.ArgumentParser) -> None:
    check_rules.add_argument("rule_files", nargs="+", metavar="FILE", help="YAML rule files")


def _outline_arguments(outline: argparse.ArgumentParser) -> None:
    outline.add_argument("path", metavar="FILE")
    outline.add_argument(
        "--format", choices=("tree", "json"), default="tree", help="tree (default) or json"
    )
    outline.add_argument("--profile", help="profile to report (default: detected)")
    _add_common(outline)


def _rules_arguments(rules: argparse.ArgumentParser) -> None:
    rules.add_argument("--profile", help="only the rules that run under this profile")


def _explain_arguments(explain: argparse.ArgumentParser) -> None:
    explain.add_argument("rule", metavar="NAME", help="rule name or code, e.g. heading-sequence")


def _help_width() -> int:
    """The width argparse's help formatter would take: shutil.get_terminal_size's, less 2.

    Told to argparse once, as asking imports shutil (with bz2, lzma and fnmatch,
    ~2.4 ms that a run without the cache needs for nothing else) and asks the
    terminal again for every argument added. The same steps as shutil's.
    """
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns or 80) - 2


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--output-file",
        metavar="FILE",
        help="write the report to FILE instead of standard output",
    )
    parser.add_argument(
        "--statistics",
        action="store_true",
        help="count findings per rule instead of listing them (formats full, concise, json)",
    )
    parser.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when findings reach --fail-on (unreadable input still exits 2)",
    )
    baseline = parser.add_mutually_exclusive_group()
    baseline.add_argument(
        "--baseline",
        metavar="FILE",
        help="report only findings that are not recorded in this baseline file",
    )
    baseline.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="record today's findings in FILE (later runs use it with --baseline)",
    )


def _add_fix_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    parser.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff, also apply unsafe fixes (renumbering headings)",
    )
    parser.add_argument(
        "--diff",
        action="store_true",
        help="print a diff of what --fix would change, write nothing; exit 1 if any",
    )


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="name of the file read from stdin (-): shown in output, picks the reader "
        "and the configuration",
    )
    parser.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help="files to search for in folders, replacing the default "
        "*.txt *.md *.docx (and *.pdf with lawlint[pdf]); repeatable",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="files or folders to skip when searching folders; repeatable",
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=_positive,
        metavar="N",
        help="lint in N processes (default: one per CPU core)",
    )


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}")
    return int(text)


def _add_rule_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--profile",
        help="rule profile (default: detected per file: "
        "fazhi for 法治政府建设 reports, generic otherwise)",
    )
    parser.add_argument(
        "--select",
        default="",
        metavar="RULES",
        help="comma-separated rule names or codes to enable in addition",
    )
    parser.add_argument(
        "--ignore",
        default="",
        metavar="RULES",
        help="comma-separated rule names or codes to disable",
    )


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour output (default: auto, only on a terminal)",
    )
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    _add_cache_dir(parser)


def _add_cache_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--cache-dir",
        default=_DEFAULT_CACHE,
        metavar="DIR",
        help=f"cache folder (default: {_DEFAULT_CACHE})",
    )


# Each subcommand: its help line and what adds its arguments, in the order --help lists them.
_SUBCOMMANDS = {
    "check": ("lint files and folders (the default command)", _check_arguments),
    "check-rules": (
        "validate rule files and run the examples of every rule in them",
        _check_rules_arguments,
    ),
    "outline": ("show the section tree lawlint understood", _outline_arguments),
    "rules": ("list the rules", _rules_arguments),
    "explain": ("print one rule's documentation", _explain_arguments),
    "clean": ("remove the cache folder", _add_cache_dir),
}


def run() -> NoReturn:
    """The ``lawlint`` command: ``main()``, then an exit that skips the interpreter's teardown.

    Freeing every module and object at exit takes ~13 ms, as long as linting a
    report does, and a process that ends gives its memory back anyway (mypy ends
    the same way). The atexit handlers still run and the output is flushed;
    files lawlint writes are closed before ``main`` returns. Under a profiler or
    a debugger, which report when the run returns, the exit is the normal one.
    """
    status = main()
    if sys.getprofile() is not None or sys.gettrace() is not None:
        raise SystemExit(status)
    atexit._run_exitfuncs()  # what a normal exit runs before the teardown
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # started with the stream closed: nothing was written to it
            continue
        try:
            stream.flush()
        except BrokenPipeError:  # the reader has gone, as main() treats it
            pass
        except (OSError, ValueError):  # lost, and said so by main() (a full disk)
            status = EXIT_ERROR
    os._exit(status)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] not in _SUBCOMMANDS and args[0] not in ("-h", "--help", "--version"):
        args.insert(0, "check")
    parser = _parser(args[0] if args and args[0] in _SUBCOMMANDS else None)
    options = parser.parse_args(args)
    if options.command is None:
        parser.print_help()
        return EXIT_ERROR
    from lawlint.registry import RuleFileError

    _escaping_stdout()
    try:
        return _flushed(_COMMAND_FUNCTIONS[options.command](options))
    except RuleFileError as error:
        _error(str(error))
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_CLEAN
    except OSError as error:
        if error.errno not in _OUTPUT_LOST:
            raise
        _error(f"cannot write the output: {error.strerror or error}")
        return EXIT_ERROR


def _escaping_stdout() -> None:
    """Let standard output write what it cannot encode as a backslash escape, not fail.

    Outside the C and POSIX locales (LANG=en_US.UTF-8, a GBK console) Python's
    standard output is strict: a file name that is not UTF-8 in a diff header,
    or a character the console's code page lacks, would end in a traceback.
    """
    stream = sys.stdout
    if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
        stream.reconfigure(errors="backslashreplace")


def _flushed(status: int) -> int:
    """``status`` once the output is written: a full disk must not pass for success."""
    if sys.stdout is not None:
        # A reader that has gone leaves the status as it is, as in run().
        with contextlib.suppress(BrokenPipeError):
            sys.stdout.flush()
    return status


def _error(message: str) -> None:
    print(f"lawlint: error: {message}", file=sys.stderr)


def _use_cache(options: argparse.Namespace) -> None:
    if not options.no_cache:
        from lawlint import registry
        from lawlint.markers import MARKERS

        MARKERS.use_cache_dir(Path(options.cache_dir))
        registry.use_cache_dir(Path(options.cache_dir))


def _save_cache(options: argparse.Namespace) -> None:
    if not options.no_cache:
        from lawlint.markers import MARKERS

        MARKERS.save()


def _result_cache(options: argparse.Namespace, selection, config: str = ""):
    """The result cache for this selection and configuration, or None with --no-cache."""
    if options.no_cache:
        return None
    from lawlint.cache import ResultCache, fingerprint

    folder = Path(options.cache_dir)
    return ResultCache(folder, fingerprint(selection, config, folder))


# Formats that show a finding by its line and column alone, never the file's text.
_PLACE_FORMATS = ("concise", "github", "junit", "json", "json-lines")


def _places_only(options: argparse.Namespace) -> bool:
    """Whether no file's text is read to show the findings (no frame, fingerprint or fix)."""
    return options.format in _PLACE_FORMATS and not _baseline_or_fix(options)


def _json_only(options: argparse.Namespace) -> bool:
    """Whether findings are only written as JSON and counted (no baseline, fix or statistics)."""
    return options.format in ("json", "json-lines") and not (
        options.statistics or _baseline_or_fix(options)
    )


def _baseline_or_fix(options: argparse.Namespace) -> bool:
    """Whether the run compares findings with a baseline, writes one, fixes or diffs."""
    return bool(options.baseline or options.write_baseline or options.fix or options.diff)


def _names(text: str) -> frozenset[str]:
    return frozenset(item.strip() for item in text.split(",") if item.strip())


def _configure(options: argparse.Namespace):
    """The configuration resolver and the run's own settings (fail-on, rules to render).

    The run's settings come from the configuration found from the current
    folder, or else from the first path's; each file still gets its own.
    """
    from lawlint.config import ConfigError, Overrides, Resolver, find_config

    overrides = Overrides(options.profile, _names(options.select), _names(options.ignore))
    resolver = Resolver(overrides)
    anchor = None
    if find_config(Path.cwd()) is None and options.paths != ["-"]:
        anchor = options.paths[0]
    try:
        settings = resolver.settings_for(options.stdin_filename or anchor)
    except ConfigError as error:
        raise _UsageError(str(error)) from None
    options.fail_on = options.fail_on or settings.config.fail_on or "error"
    return resolver, settings.selection


class _UsageError(Exception):
    """A wrong argument the parser could not catch (an unknown rule name)."""


def _run_check(options: argparse.Namespace) -> int:
    from lawlint.config import ConfigError
    from lawlint.discovery import collect
    from lawlint.runner import lint_files, plan, remembered, save_caches

    skip = frozenset([Path(options.cache_dir).name])
    _use_cache(options)
    try:
        resolver, selection = _configure(options)
        inputs = collect(options.paths, skip, options.include, options.exclude)
        jobs, contexts = plan(
            inputs,
            resolver,
            partial(_result_cache, options),
            options.stdin_filename,
            _json_only(options),
            not _places_only(options),
        )
    except (_UsageError, ConfigError) as error:
        _error(str(error))
        return EXIT_ERROR
    # Reports stream from the linter to the renderer one file at a time.
    status = _RunStatus(options.fail_on)
    reports = status.announce(remembered(jobs, lint_files(jobs, contexts, options.jobs), contexts))
    fixing = None
    if options.fix or options.diff:
        reports = list(reports)
        fixing = _fix(reports, options, resolver.selection_for)
        if options.diff:
            return _show_diff(fixing, reports)
        reports = fixing.reports
    try:
        _output(reports, options, selection, status)
    except _UsageError as error:
        _error(str(error))
        return EXIT_ERROR
    save_caches(contexts)
    _save_cache(options)
    if not options.write_baseline:
        _fix_summary(fixing, status.fixable, options)
    if status.errors or (fixing and fixing.errors):
        return EXIT_ERROR
    if options.exit_zero or options.write_baseline:
        return EXIT_CLEAN
    return EXIT_FINDINGS if status.failing else EXIT_CLEAN


class _RunStatus:
    """What the exit status and the closing lines need, counted as reports stream past."""

    def __init__(self, fail_on: str) -> None:
        from lawlint.diagnostics import Severity
        from lawlint.render import Tally

        self.threshold = Severity.parse(fail_on)
        self.errors = False
        self.shown = Tally()
        self.fixable = (0, 0)

    @property
    def failing(self) -> bool:
        """Whether a shown diagnostic reaches --fail-on."""
        return any(n for severity, n in self.shown.severities.items() if severity >= self.threshold)

    def announce(self, reports: Iterable[FileReport]) -> Iterator[FileReport]:
        """Say on stderr, as it comes, why a file could not be linted."""
        for report in reports:
            if report.error:
                self.errors = True
                _error(f"{shown_path(report.path)}: {report.error}")
            yield report

    def watch(self, reports: Iterable[FileReport]) -> Iterator[FileReport]:
        """Count the diagnostics that are shown (after the baseline)."""
        from lawlint.fixer import fixable

        for report in reports:
            self.shown.add(report)
            if report.result:
                safe, unsafe_only = fixable([report])
                self.fixable = (self.fixable[0] + safe, self.fixable[1] + unsafe_only)
            yield report


def _fix(reports, options: argparse.Namespace, selection_for):
    """Apply fixes (or compute the diff); say on stderr which files were left alone."""
    from lawlint.fixer import fix_reports
    from lawlint.linter import lint_source

    def lint(source):
        return lint_source(source, selection_for(source.path))

    stdin = (options.stdin_filename or "-") if "-" in options.paths else None
    outcome = fix_reports(
        reports, lint, unsafe=options.unsafe_fixes, write=not options.diff, stdin=stdin
    )
    for path, notice in outcome.notices:
        print(f"lawlint: warning: {shown_path(path)}: {notice}", file=sys.stderr)
    for path, problem in outcome.errors:
        _error(f"{shown_path(path)}: {problem}")
    return outcome


def _show_diff(outcome, reports) -> int:
    """--diff: the diffs on stdout, the count on stderr; exit 1 when something would change."""
    sys.stdout.write("".join(outcome.diffs))
    fixed = sum(outcome.fixed.values())
    print(f"Would fix {fixed} problem{'' if fixed == 1 else 's'}.", file=sys.stderr)
    if outcome.errors or any(report.error for report in reports):
        return EXIT_ERROR
    return EXIT_FINDINGS if outcome.diffs else EXIT_CLEAN


def _fix_summary(outcome, fixable: tuple[int, int], options: argparse.Namespace) -> None:
    """What was fixed and what is fixable: after the report for people, else on stderr."""
    from lawlint.fixer import summary

    lines = summary(outcome, fixable, options.unsafe_fixes)
    human = options.format in ("full", "concise") and not options.output_file
    for line in lines:
        print(line, file=sys.stdout if human else sys.stderr)


def _output(reports, options: argparse.Namespace, selection, status: _RunStatus) -> None:
    """Apply or write the baseline, then render; ``status`` counts what is shown."""
    from lawlint.render import RenderOptions, renderer, write_atomically

    if options.statistics:
        from lawlint.render import statistics

        if options.format not in statistics.STATISTICS_FORMATS:
            raise _UsageError(f"--statistics cannot be written as {options.format}")
    if options.baseline or options.write_baseline:
        reports = _baseline(reports, options)
        if reports is None:
            return
    reports = status.watch(reports)
    stream = io.StringIO() if options.output_file else _stdout_for(options.format)
    if options.statistics:
        statistics.render(reports, stream, options.format)
    else:
        color = "never" if options.output_file else options.color
        render_options = RenderOptions(color, selection.rules, status.threshold)
        renderer(options.format)(reports, stream, render_options)
    if options.output_file:
        try:
            write_atomically(options.output_file, stream.getvalue())
        except OSError as error:
            reason = error.strerror or error
            raise _UsageError(f"{options.output_file}: cannot write the output: {reason}") from None


def _stdout_for(output_format: str):
    """Standard output, in UTF-8 for formats programs read whatever the locale's encoding.

    JSON must be UTF-8 between systems (RFC 8259), and the XML and HTML say they
    are; a Windows console's output redirected to a file would otherwise be GBK.
    """
    stream = sys.stdout
    if (
        output_format not in _TERMINAL_FORMATS
        and isinstance(stream, io.TextIOWrapper)
        and codecs.lookup(stream.encoding).name != "utf-8"
    ):
        stream.reconfigure(encoding="utf-8")
    return stream


def _baseline(reports: Iterable[FileReport], options: argparse.Namespace):
    """Write the baseline (None: nothing left to show) or filter the reports through it."""
    from lawlint import baseline

    try:
        if options.write_baseline:
            count = baseline.write(options.write_baseline, reports)
            print(f"lawlint: 已将 {count} 个问题记入基线 {options.write_baseline}", file=sys.stderr)
            return None
        return baseline.load(options.baseline).filter(reports)
    except (baseline.BaselineError, OSError) as error:
        raise _UsageError(str(error)) from None


def _run_outline(options: argparse.Namespace) -> int:
    from lawlint.linter import detect_profile
    from lawlint.outline import build_outline
    from lawlint.render.outline_view import render_json, render_tree
    from lawlint.source import SourceError, read_source

    _use_cache(options)
    try:
        source = read_source(options.path)
    except SourceError as error:
        _error(f"{options.path}: {error}")
        return EXIT_ERROR
    outline = build_outline(source)
    _save_cache(options)
    profile = options.profile or detect_profile(outline)
    if options.format == "json":
        render_json(outline, profile, sys.stdout)
    else:
        render_tree(outline, profile, sys.stdout, options.color)
    return EXIT_CLEAN


def _run_rules(options: argparse.Namespace) -> int:
    from lawlint.config import suggest
    from lawlint.registry import profiles

    rules = _rules_here()
    if rules is None:
        return EXIT_ERROR
    if options.profile and options.profile not in profiles(rules):
        _error(f"unknown profile {options.profile!r}{suggest(options.profile, profiles(rules))}")
        return EXIT_ERROR
    for rule in sorted(rules, key=lambda rule: rule.code):
        if options.profile and options.profile not in rule.profiles:
            continue
        state = "" if rule.enabled else "  (off by default)"
        print(f"{rule.code}  {rule.name:<32} {rule.severity!s:<8} {','.join(rule.profiles)}{state}")
    return EXIT_CLEAN


def _run_explain(options: argparse.Namespace) -> int:
    from lawlint.config import suggest

    rules = _rules_here()
    if rules is None:
        return EXIT_ERROR
    by_key = {rule.name: rule for rule in rules} | {rule.code: rule for rule in rules}
    rule = by_key.get(options.rule) or by_key.get(options.rule.upper())
    if rule is None:
        _error(f"unknown rule {options.rule!r}{suggest(options.rule, by_key)}")
        return EXIT_ERROR
    print(explain_text(rule))
    return EXIT_CLEAN


def _rules_here() -> list | None:
    """The built-in rules and those of the rule files named by the configuration found from
    the current folder, as a check run there would load them; None (said) if it is broken."""
    from lawlint.config import ConfigError, find_config, load_config
    from lawlint.registry import builtin_rule_files, load_rules

    found = find_config(Path.cwd())
    try:
        extra = load_config(found).rule_files if found else ()
    except ConfigError as error:
        _error(str(error))
        return None
    return load_rules([*builtin_rule_files(), *extra])


def explain_text(rule) -> str:
    """A rule's full documentation, in the fixed order ruff uses for its rule pages."""
    default = "on" if rule.enabled else "off (enable with --select)"
    lines = [
        f"{rule.name} ({rule.code})",
        "",
        f"Severity: {rule.severity}    Profiles: {', '.join(rule.profiles)}    Default: {default}",
        f"Message:  {rule.message}",
        f"Help:     {rule.help}",
        "",
        "Why",
        f"  {rule.rationale.strip()}",
        "",
        "Source",
        f"  {rule.source}",
        "",
        "Flagged (bad)",
        *_indent_examples(rule.examples.flag),
        "Not flagged (good)",
        *_indent_examples(rule.examples.ok),
    ]
    return "\n".join(lines).rstrip()


def _indent_examples(examples: Sequence[str]) -> list[str]:
    lines = []
    for example in examples:
        lines += [f"  | {line}" for line in example.rstrip("\n").split("\n")]
        lines.append("")
    return lines


def _run_clean(options: argparse.Namespace) -> int:
    from lawlint.cache_dir import clean

    try:
        left = clean(Path(options.cache_dir))
    except OSError as error:
        _error(str(error))
        return EXIT_ERROR
    if left is None:
        print(f"没有缓存目录 {options.cache_dir}")
    elif left:
        print(f"已删除 {options.cache_dir} 中的 lawlint 缓存文件；保留其中另外 {len(left)} 项")
    else:
        print(f"已删除缓存目录 {options.cache_dir}")
    return EXIT_CLEAN


def _run_check_rules(options: argparse.Namespace) -> int:
    """Load each rule file beside the built-in packs and run every rule's examples."""
    from lawlint.config import example_failures
    from lawlint.registry import RuleFileError, builtin_rule_files, load_rule_file, load_rules

    status = EXIT_CLEAN
    for name in options.rule_files:
        path = Path(name)
        others = [item for item in builtin_rule_files() if item.resolve() != path.resolve()]
        try:
            rules = load_rule_file(path)
            load_rules([*others, path])  # names and codes must not clash with the packs
        except RuleFileError as error:
            _error(str(error))
            status = EXIT_ERROR
            continue
        failures = [(rule, problem) for rule in rules for problem in example_failures(rule)]
        for rule, problem in failures:
            _error(f"{rule.origin}: rule {rule.name!r}: {problem}")
        if failures:
            status = max(status, EXIT_FINDINGS)
        else:
            examples = sum(len(r.examples.flag) + len(r.examples.ok) for r in rules)
            print(f"{name}: {len(rules)} rules, {examples} examples pass")
    return status


_COMMAND_FUNCTIONS = {
    "check-rules": _run_check_rules,
    "check": _run_check,
    "outline": _run_outline,
    "rules": _run_rules,
    "explain": _run_explain,
    "clean": _run_clean,
}
