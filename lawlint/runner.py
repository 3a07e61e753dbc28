"""Lint many files: read each, lint it, and yield a FileReport per input, in input order.

Files are linted across the CPU cores, by this process and a forked worker for
each further core, once there are enough of them to pay for starting a pool:
``benchmarks/parallel_crossover.py``
measures where a pool starts to win (see ``POOL_MIN_FILES``). Each job names
its *context* (selection and result cache), since files under different
configurations or per-file-ignores run different rules; contexts are sent to
each worker once, jobs only carry an index.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from lawlint.linter import LintResult, Selection, lint_source
from lawlint.record import Record
from lawlint.registry import build
from lawlint.render import FileReport
from lawlint.render.json_format import DiagnosticText
from lawlint.source import SourceError, read_source, source_from_bytes

if TYPE_CHECKING:
    from lawlint.cache import ResultCache
    from lawlint.config import Resolver

# Below this many files a process pool costs more than it saves: on 2 cores a
# report costs ~0.9 ms of CPU and a pool (one forked worker, this process
# linting too) ~10 ms; measured on an idle machine, one process took 47 ms for
# 48 files against the pool's 50 ms, and 79 ms for 64 files against 69 ms
# (benchmarks/parallel_crossover.py prints these figures).
POOL_MIN_FILES = 56
# A progress bar only for runs long enough to want one, and only on a terminal.
PROGRESS_MIN_FILES = 30


class Context:
    """What lints a group of files: the selected rules and their result cache.

    ``json_text``: the run writes the findings as JSON and only counts them
    otherwise, so each file's JSON text is made where it is linted (a worker,
    for most of a folder) and a recalled file brings its stored text instead
    of its diagnostics (see ``ResultCache.recall``). ``reads_text``: the run
    may read a recalled file with findings (code frames, fingerprints, a
    baseline, fixes), so it is read and checked at its recall (see `_recall`).
    Not changed once made.
    """

    __slots__ = ("cache", "json_text", "reads_text", "selection")

    def __init__(
        self,
        selection: Selection,
        cache: ResultCache | None = None,
        json_text: bool = False,
        reads_text: bool = True,
    ) -> None:
        self.selection = selection
        self.cache = cache
        self.json_text = json_text
        self.reads_text = reads_text


class Job(Record):
    """One input: the file to read (or the bytes of stdin), its display name, its context.

    A record (a tuple): one is made per file of a folder of thousands, at a
    quarter of a frozen dataclass's cost (~0.5 µs against ~1.9 µs, measured).
    """

    __slots__ = ()
    path: str
    context: int
    display: str | None
    data: bytes | None
    error: str | None

    def __new__(
        cls,
        path: str,
        context: int = 0,
        display: str | None = None,
        data: bytes | None = None,
        error: str | None = None,
    ) -> Job:
        return tuple.__new__(cls, (path, context, display, data, error))

    @property
    def name(self) -> str:
        return self.display or self.path


def lint_job(job: Job, context: Context, outline: bool = True) -> FileReport:
    """Lint one input (or take its cached result); an unreadable one gets its one-line error.

    ``outline=False`` leaves the outline out of the result (see `_worker_batch`).
    """
    if job.error:
        return FileReport(job.name, error=job.error)
    try:
        if job.data is not None:
            source = source_from_bytes(job.data, job.name)
        else:
            source = read_source(job.path, job.display)
    except SourceError as error:
        return FileReport(job.name, error=str(error))
    cached = context.cache.lookup(source, context.json_text) if context.cache else None
    result = cached or lint_source(source, context.selection)
    if context.json_text or not outline:
        diagnostics = result.diagnostics
        if context.json_text:
            diagnostics = _JSON_TEXT.texted(result.source, diagnostics)
        # Made anew, every field passed on: results are not changed once made.
        kept = result._outline if outline else None
        if not outline and result._outline is not None:
            result._outline.release()  # dropped here: freed now, not by the collector
        result = LintResult(result.source, kept, result.profile, diagnostics, result.cached)
    return FileReport(job.name, result)


# Escapes each distinct string once per process (see json_format.DiagnosticText).
_JSON_TEXT = DiagnosticText()


def lint_files(
    jobs: Sequence[Job],
    contexts: Sequence[Context],
    workers: int | None = None,
    progress: bool | None = None,
) -> Iterator[FileReport]:
    """Lint every job and yield the reports in job order, each as soon as it is ready.

    Files the cache vouches for unread (``ResultCache.known``) are set aside
    first; only the rest are linted, in worker processes when there are enough.
    A file set aside is recalled when its turn comes, so that one changed in
    the meantime (a long run ago perhaps: see ``cache._RECENT_NS``) is linted
    as it is now, and so that recalled results do not pile up in memory.
    ``workers`` defaults to the CPU count; ``progress`` to whether stderr is a
    terminal outside CI and the run is long.
    """
    # What is made until the freeze below (the rules, the results files the
    # up-front pass loads) lives for the whole run and holds no cycles. Out of
    # the collector's reach, it is not scanned again and again (~0.02 s of CPU
    # of a warm run on 10,000 files, which allocates a great deal; the loading
    # itself, ~10 ms more, is why the collector waits until then), and forked
    # workers keep sharing its pages with this process: the collector would
    # write to every object it scans.
    collecting = gc.isenabled()
    gc.disable()
    try:
        known = [_known(job, contexts[job.context]) for job in jobs]
        pending = [job for job, hit in zip(jobs, known, strict=True) if not hit]
        workers = max(1, workers or _cores())
        if _pooled(len(pending), workers):
            for context in contexts:  # here, not in each worker
                build(context.selection.rules)
        linted = _lint(pending, contexts, workers, progress)
        gc.freeze()
    finally:
        if collecting:
            gc.enable()
    try:
        for job, hit in zip(jobs, known, strict=True):
            if not hit:
                yield next(linted)
            else:
                context = contexts[job.context]
                yield _recall(job, context) or lint_job(job, context)
    finally:
        gc.unfreeze()


def _known(job: Job, context: Context) -> bool:
    cache = context.cache
    return cache is not None and not job.error and job.data is None and cache.known(job.path)


def _recall(job: Job, context: Context) -> FileReport | None:
    """The cached report of ``job``, or None to lint it.

    A run that reads a file with findings (``Context.reads_text``) reads it now,
    and lints it again if it no longer holds the text its findings were made
    for (edited since its stat), so that no renderer or fix meets stale places
    in new text. Other runs show the stored places and never read it.
    """
    result = context.cache.recall(job.path, context.json_text)
    if result is None:
        return None
    if result.diagnostics and context.reads_text:
        try:
            result.source.read  # noqa: B018 - read and checked here, kept for later readers
        except SourceError:
            return None
    return FileReport(job.name, result)


def _pooled(count: int, workers: int) -> bool:
    """Whether ``count`` files are linted by a pool of processes (see `POOL_MIN_FILES`)."""
    return workers > 1 and count >= POOL_MIN_FILES


def _lint(
    jobs: Sequence[Job], contexts: Sequence[Context], workers: int, progress: bool | None
) -> Iterator[FileReport]:
    if progress is None:
        progress = _wants_progress(len(jobs))
    if not _pooled(len(jobs), workers):
        reports = (lint_job(job, contexts[job.context]) for job in jobs)
        yield from _with_progress(reports, len(jobs), progress)
        return
    import multiprocessing  # here: a run of one file should not pay for importing them
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    # This process lints too (see _in_order), so N processes need N - 1 workers.
    with ProcessPoolExecutor(
        max_workers=workers - 1,
        mp_context=context,
        initializer=_init_worker,
        initargs=(tuple(contexts),),
    ) as pool:
        reports = _in_order(pool, jobs, contexts, workers - 1)
        yield from _with_progress(reports, len(jobs), progress)


# Most jobs in a batch, and batches in flight per linting process: enough to
# keep the processes busy, few enough that a slow reader of the output (a
# terminal) does not make finished reports pile up in memory.
_BATCH = 32
_BATCHES_PER_PROCESS = 3
# Batches a worker may have unfinished: the one it lints and the next, queued,
# so that it does not wait for this process to send more.
_QUEUED_PER_WORKER = 2


class _Here:
    """A batch this process lints, when its turn comes or earlier while a worker is late."""

    __slots__ = ("jobs", "reports")

    def __init__(self, jobs: Sequence[Job]) -> None:
        self.jobs = jobs
        self.reports: list[FileReport] | None = None

    def lint(self, contexts: Sequence[Context]) -> list[FileReport]:
        if self.reports is None:
            self.reports = [
                lint_job(job, contexts[job.context], outline=False) for job in self.jobs
            ]
        return self.reports


def _in_order(
    pool, jobs: Sequence[Job], contexts: Sequence[Context], workers: int
) -> Iterator[FileReport]:
    """The reports of ``jobs`` in order, with a bounded number of batches in flight.

    A batch goes to the workers while they have fewer than
    `_QUEUED_PER_WORKER` each unfinished, else it is linted here; and while the
    oldest batch's worker is not done, this process lints its own batches
    ahead instead of waiting. So the share of each follows its speed (this
    process also starts the run, unpickles and writes the output; the cores
    may be shared with other programs) rather than being fixed. (``Executor.map``
    would submit every job at once and keep every finished result until consumed.)
    A rule that crashes in a batch linted ahead ends the run before the reports
    of the batches still awaited are yielded.
    """
    from collections import deque
    from concurrent.futures import Future

    share = workers + 1
    # Small runs are cut finer, so that every process gets some of them.
    size = max(1, min(_BATCH, len(jobs) // (share * _BATCHES_PER_PROCESS)))
    batches = (jobs[start : start + size] for start in range(0, len(jobs), size))
    in_flight: deque[Future | _Here] = deque()
    queued = workers * _QUEUED_PER_WORKER

    def fill() -> None:
        while len(in_flight) < share * _BATCHES_PER_PROCESS:
            batch = next(batches, None)
            if batch is None:
                return
            busy = sum(isinstance(item, Future) and not item.done() for item in in_flight)
            in_flight.append(pool.submit(_worker_batch, batch) if busy < queued else _Here(batch))

    fill()
    while in_flight:
        oldest = in_flight[0]
        if isinstance(oldest, Future):
            while not oldest.done() and (ahead := _next_here(in_flight)):
                ahead.lint(contexts)
        in_flight.popleft()
        fill()  # before linting the oldest here: the workers get their next batches first
        if isinstance(oldest, Future):
            yield from _received(oldest.result())
        else:
            yield from oldest.lint(contexts)


def _next_here(in_flight: Iterable[object]) -> _Here | None:
    """The first batch in flight that this process has yet to lint."""
    return next(
        (item for item in in_flight if isinstance(item, _Here) and item.reports is None), None
    )


def _cores() -> int:
    """CPU cores this process may use (fewer than the machine's in a container or under taskset)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


_WORKER_CONTEXTS: tuple[Context, ...] = ()


def _init_worker(contexts: tuple[Context, ...]) -> None:
    global _WORKER_CONTEXTS
    _WORKER_CONTEXTS = contexts


def _worker_batch(jobs: Sequence[Job]) -> list[FileReport | tuple]:
    """Lint in a worker; outlines stay behind (half the bytes sent back, rebuilt on demand).

    So do the texts of a run that writes JSON (see ``cache.LintedSource``).
    """
    sent = []
    for job in jobs:
        context = _WORKER_CONTEXTS[job.context]
        sent.append(_sendable(lint_job(job, context, outline=False), context))
    return sent


def _sendable(report: FileReport, context: Context) -> FileReport | tuple:
    result = report.result
    if result is None or not context.json_text:
        return report
    if context.cache is None:
        return _counted(report.path, result)
    from lawlint.cache import LintedSource

    source = LintedSource.of(result.source, result.diagnostics)
    sent = LintResult(source, None, result.profile, result.diagnostics, result.cached)
    return FileReport(report.path, sent)


def _counted(path: str, result: LintResult) -> tuple:
    """What a JSON run without a cache reads of a result, as a plain tuple (see `_received`).

    Such a run only writes each file's JSON text and counts its findings and
    fixes, so the diagnostics stay behind: pickling and unpickling them took
    ~35 µs a file (two thirds of the bytes sent back), the tuple takes ~6 µs.
    """
    diagnostics, source = result.diagnostics, result.source
    severities = tuple(diagnostic.severity for diagnostic in diagnostics)
    fixes = tuple(d.fix.safe for d in diagnostics if d.fix is not None)
    return (
        path,
        source.path,
        source.unit,
        result.profile,
        diagnostics.json_text,
        severities,
        fixes,
    )


def _received(batch: list[FileReport | tuple]) -> list[FileReport]:
    """A worker's reports as the renderers read them (`_counted` made the tuples)."""
    from lawlint.cache import LintedSource, StoredDiagnostics

    reports = []
    for sent in batch:
        if isinstance(sent, tuple):
            path, source_path, unit, profile, text, severities, fixes = sent
            source = LintedSource(source_path, unit, [], None)
            diagnostics = StoredDiagnostics(None, {}, severities, fixes, text)
            sent = FileReport(path, LintResult(source, None, profile, diagnostics))
        reports.append(sent)
    return reports


def _wants_progress(count: int) -> bool:
    return count >= PROGRESS_MIN_FILES and sys.stderr.isatty() and not os.environ.get("CI")


def _with_progress(reports: Iterator[FileReport], total: int, shown: bool) -> Iterator[FileReport]:
    if not shown:
        yield from reports
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    columns = ("检查", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("lint", total=total)
        for report in reports:
            bar.advance(task)
            yield report


def plan(
    inputs: Iterable[tuple[str, str | None]],
    resolver: Resolver,
    cache_for: Callable[[Selection, str], ResultCache | None],
    stdin_filename: str | None = None,
    json_text: bool = False,
    reads_text: bool = True,
) -> tuple[list[Job], list[Context]]:
    """One job per input, with the context its configuration gives it.

    ``-`` is standard input, read here once; ``stdin_filename`` names it for
    display, for choosing the reader and for finding its configuration.
    ``cache_for(selection, config_fingerprint)`` gives each context its cache.
    ``json_text``, ``reads_text``: see `Context`.
    """
    jobs: list[Job] = []
    contexts: list[Context] = []
    index_of: dict[int, int] = {}
    for path, error in inputs:
        is_stdin = path == "-" and not error
        display = (stdin_filename or "-") if is_stdin else None
        if is_stdin:
            settings = resolver.settings_for(stdin_filename)
        else:  # a file (or a path that is not there): discovery has expanded the folders
            settings = resolver.settings_for_file(path)
        selection = settings.selection_for(display or path)
        if id(selection) not in index_of:
            index_of[id(selection)] = len(contexts)
            cache = cache_for(selection, settings.fingerprint())
            contexts.append(Context(selection, cache, json_text, reads_text))
        data = sys.stdin.buffer.read() if is_stdin else None
        jobs.append(Job(path, index_of[id(selection)], display, data, error))
    return jobs, contexts


def remembered(
    jobs: Sequence[Job], reports: Iterable[FileReport], contexts: Sequence[Context]
) -> Iterator[FileReport]:
    """Pass the reports on, giving each context's cache the results it did not have."""
    for job, report in zip(jobs, reports, strict=True):
        cache = contexts[job.context].cache
        if cache and report.result:
            cache.store([report.result], from_disk=job.data is None)
        yield report


def save_caches(contexts: Sequence[Context]) -> None:
    """Write what the caches learnt (after the output, so a run shows results first)."""
    for context in contexts:
        if context.cache:
            context.cache.save()
