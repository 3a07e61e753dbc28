"""The runner: the same reports with or without a pool, in input order, errors kept in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from lawlint import cli, runner
from lawlint.config import Resolver
from lawlint.linter import LintResult
from lawlint.runner import Job, lint_files, plan
from tests.test_config import REPORT


def _summary(reports) -> list[tuple[str, str | None, list[tuple[str, int]]]]:
    return [
        (
            report.path,
            report.error,
            [(d.rule, d.start) for d in report.result.diagnostics] if report.result else [],
        )
        for report in reports
    ]


@pytest.fixture
def inputs(tmp_path: Path) -> list[tuple[str, str | None]]:
    found = []
    for index in range(6):
        path = tmp_path / f"r{index}.txt"
        path.write_text(REPORT if index % 2 else REPORT.replace("(一)", "（一）"), "utf-8")
        found.append((str(path), None))
    (tmp_path / "bad.docx").write_bytes(b"not a zip")
    found.insert(2, (str(tmp_path / "bad.docx"), None))
    found.insert(4, (str(tmp_path / "gone.txt"), "no such file or directory"))
    return found


def test_pool_and_single_process_agree(inputs, monkeypatch) -> None:
    jobs, contexts = plan(inputs, Resolver(), lambda *_: None)
    single = list(lint_files(jobs, contexts, workers=1, progress=False))
    monkeypatch.setattr(runner, "POOL_MIN_FILES", 1)
    pooled = list(lint_files(jobs, contexts, workers=2, progress=False))
    assert _summary(pooled) == _summary(single)
    assert [report.path for report in pooled] == [path for path, _ in inputs]
    assert pooled[2].error == "not a .docx file (not a zip archive)"
    assert pooled[4].error == "no such file or directory"
    # The outline stays in the worker and is rebuilt when someone asks for it.
    assert next(s.heading.title for s in pooled[0].result.outline.walk()) == "主要举措和成效"


def test_progress_bar_does_not_change_the_reports(inputs, capsys) -> None:
    jobs, contexts = plan(inputs, Resolver(), lambda *_: None)
    shown = list(lint_files(jobs, contexts, workers=1, progress=True))
    assert _summary(shown) == _summary(list(lint_files(jobs, contexts, workers=1, progress=False)))
    assert capsys.readouterr().out == ""


def test_progress_only_on_a_terminal_outside_ci(monkeypatch) -> None:
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    monkeypatch.delenv("CI", raising=False)
    assert runner._wants_progress(runner.PROGRESS_MIN_FILES)
    assert not runner._wants_progress(runner.PROGRESS_MIN_FILES - 1)
    monkeypatch.setenv("CI", "true")
    assert not runner._wants_progress(runner.PROGRESS_MIN_FILES)


def test_stdin_job_is_read_with_the_reader_of_its_name() -> None:
    job = Job("-", display="draft.md", data="## (一)加强领导。内容，内容。\n".encode())
    context = runner.Context(Resolver().selection_for("draft.md"))
    [report] = list(lint_files([job], [context]))
    assert report.path == "draft.md"
    assert report.result.source.markup == {0: 3}


def test_each_context_gets_a_cache_keyed_by_its_configuration(tmp_path: Path) -> None:
    from lawlint.config import load_config

    (tmp_path / "lawlint.toml").write_text(
        '[per-file-ignores]\n"draft*" = ["H101"]\n', encoding="utf-8"
    )
    for name in ("a.txt", "b.txt", "draft.txt"):
        (tmp_path / name).write_text(REPORT, encoding="utf-8")
    asked = []
    inputs = [(str(tmp_path / name), None) for name in ("a.txt", "draft.txt", "b.txt")]
    jobs, _ = plan(inputs, Resolver(), lambda *key: asked.append(key))
    assert [job.context for job in jobs] == [0, 1, 0]
    fingerprint = load_config(tmp_path / "lawlint.toml").fingerprint()
    assert [config for _, config in asked] == [fingerprint, fingerprint]
    assert "heading-bracket-width" in asked[1][0].ignore
    assert "heading-bracket-width" not in asked[0][0].ignore


def test_each_file_is_shown_before_the_next_is_linted(tmp_path: Path, capsys, monkeypatch) -> None:
    """Reports stream to the output: a run over thousands keeps one file's results at a time."""
    paths = []
    for index in range(3):
        path = tmp_path / f"r{index}.txt"
        path.write_text(REPORT.replace("（一）", "(一)"), encoding="utf-8")
        paths.append(str(path))
    shown_before = []
    real_lint = runner.lint_source

    def lint(source, selection):
        shown_before.append(capsys.readouterr().out)
        return real_lint(source, selection)

    monkeypatch.setattr(runner, "lint_source", lint)
    cli.main(["--format", "concise", "--no-cache", "--jobs", "1", *paths])
    assert "r2.txt" in capsys.readouterr().out
    assert shown_before[0] == ""
    assert "r0.txt" in shown_before[1] and "r1.txt" in shown_before[2], shown_before


def _linted_here(inputs, copies: int, monkeypatch) -> int:
    """Lint ``copies`` of the inputs in batches of 2 through a pool, check the reports
    against one process's, in input order, and say how many files this process linted."""
    many = [item for _ in range(copies) for item in inputs]
    jobs, contexts = plan(many, Resolver(), lambda *_: None)
    single = list(lint_files(jobs, contexts, workers=1, progress=False))
    monkeypatch.setattr(runner, "POOL_MIN_FILES", 1)
    monkeypatch.setattr(runner, "_BATCH", 2)
    here = []
    real_lint_job = runner.lint_job
    monkeypatch.setattr(
        runner, "lint_job", lambda *a, **k: here.append(1) or real_lint_job(*a, **k)
    )
    pooled = list(lint_files(jobs, contexts, workers=2, progress=False))
    assert _summary(pooled) == _summary(single)
    assert [report.path for report in pooled] == [path for path, _ in many]
    return len(here)


def test_batches_linted_here_and_in_workers_come_back_in_order(inputs, monkeypatch) -> None:
    """Batches this process takes over from the pool keep their place in the output."""
    here = _linted_here(inputs, 5, monkeypatch)
    assert 0 < here < 5 * len(inputs), "both this process and the worker should have linted"


def test_a_result_is_rebuilt_with_every_field() -> None:
    """lint_job and baseline._keep make a result anew, passing on each of these fields."""
    assert sorted(LintResult.__slots__) == [
        "_outline",
        "cached",
        "diagnostics",
        "profile",
        "source",
    ]


def test_a_json_run_without_cache_shows_and_counts_the_same_through_a_pool(
    inputs, monkeypatch
) -> None:
    """A worker sends such a run only the JSON text and counts (runner._counted)."""
    import io

    from lawlint.fixer import fixable
    from lawlint.render import RenderOptions, Tally
    from lawlint.render.json_format import render

    def shown(workers: int) -> tuple[str, list, tuple[int, int]]:
        jobs, contexts = plan(inputs * 3, Resolver(), lambda *_: None, json_text=True)
        reports = list(lint_files(jobs, contexts, workers=workers, progress=False))
        stream, tally = io.StringIO(), Tally()
        render(reports, stream, RenderOptions())
        for report in reports:
            tally.add(report)
        counts = [tally.checked, tally.flagged, tally.unreadable, tally.severities]
        return stream.getvalue(), counts, fixable(reports)

    single = shown(1)
    monkeypatch.setattr(runner, "POOL_MIN_FILES", 1)
    monkeypatch.setattr(runner, "_BATCH", 2)
    pooled = shown(2)
    assert pooled == single
    assert single[1][1] > 0 and single[2][0] > 0, "the reports should have findings and fixes"
    assert single[1][2] == 6


def _late_worker_batch(jobs):
    """A worker that takes its time over every batch (see the test below)."""
    import time

    time.sleep(0.2)
    return _REAL_WORKER_BATCH(jobs)


_REAL_WORKER_BATCH = runner._worker_batch


def test_this_process_lints_ahead_while_a_worker_is_late(inputs, monkeypatch) -> None:
    """The shares follow the processes' speed (runner._in_order), and the order holds."""
    monkeypatch.setattr(runner, "_worker_batch", _late_worker_batch)
    here = _linted_here(inputs, 6, monkeypatch)
    # 48 jobs in batches of 2: alternating, each process would lint 24; the worker,
    # 0.2 s a batch, gets one each time this process has linted all it may ahead.
    assert 6 * len(inputs) // 2 + 4 < here < 6 * len(inputs), here
