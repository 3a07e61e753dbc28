"""Generate a benchmark corpus of varied, realistic reports into a folder outside the repo.

Each report is assembled from a pool of paragraphs and heading titles taken from
our fixture reports and, where present, the real texts in ../shared: sections and
paragraphs are shuffled, numbers, years and names are changed, and about a third
of the reports get a typical numbering defect, so no cache or memo can shortcut
the work and the rendered output has diagnostics to show. The same seed always
gives the same files.

    python benchmarks/make_corpus.py OUT_DIR --files 10000 [--long 1] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
REPORT_BYTES = 8_000
LONG_BYTES = 1_000_000

_MARKER = re.compile(
    r"^[ \u3000]*(?:[（(][一二三四五六七八九十0-9]+[)）]"
    r"|[一二三四五六七八九十]+[、.]|[0-9]+[.、．])\s*"
)
_NUMBER = re.compile(r"(?P<year>(?<![0-9])(?:19|20)[0-9]{2}(?=年))|[0-9]+")
_PLACES = (
    "青山",
    "河西",
    "东湖",
    "南岭",
    "北川",
    "云溪",
    "石门",
    "清水",
    "安平",
    "兴隆",
    "长宁",
    "白沙",
)
_LEVELS = ("县", "区", "市")
_AGENCIES = (
    "人民政府",
    "司法局",
    "市场监督管理局",
    "生态环境局",
    "文化旅游广电局",
    "交通运输局",
    "自然资源局",
    "卫生健康委员会",
    "应急管理局",
    "住房和城乡建设局",
)
_TOP_TITLES = (
    "{year}年度推进法治政府建设的主要举措和成效",
    "{year}年度党政主要负责人履行推进法治建设第一责任人职责情况",
    "{year}年度推进法治政府建设存在的不足和原因",
    "{next}年度推进法治政府建设的主要安排",
)
_OPENING = (
    "{year}年，{org}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"
    "认真落实上级关于法治政府建设的各项部署，依法履行职责。现将{year}年度法治政府建设情况报告如下："
)
_CN = "一二三四五六七八九"


def chinese(number: int) -> str:
    """1–99 as a Chinese numeral."""
    tens, units = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN[tens - 1] + "十")
    return head + (_CN[units - 1] if units else "")


class Pool:
    """Paragraphs and sub-heading titles to draw from."""

    def __init__(self, texts: list[str]) -> None:
        self.paragraphs: list[str] = []
        self.titles: list[str] = []
        for text in texts:
            for raw in text.splitlines():
                line = raw.strip()
                marker = _MARKER.match(line)
                if marker and 4 <= len(line) - marker.end() <= 30 and "。" not in line:
                    self.titles.append(line[marker.end() :])
                elif len(line) >= 40 and not marker:
                    self.paragraphs.append(line)
        if not self.paragraphs or not self.titles:
            raise SystemExit("make_corpus: no source texts found (fixtures/ is empty?)")


def source_texts() -> list[str]:
    """Our fixture reports, plus the seeds and corpus in ../shared when they are there."""
    paths = sorted((ROOT / "fixtures").rglob("*.txt"))
    paths += sorted((SHARED / "seeds").glob("*.txt")) if (SHARED / "seeds").is_dir() else []
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in paths]
    corpus = SHARED / "corpora" / "government_work_reports.jsonl"
    if corpus.is_file():
        with corpus.open(encoding="utf-8") as stream:
            texts += [json.loads(line)["content"] for line in stream]
    return texts


def vary(paragraph: str, rng: random.Random, year: int) -> str:
    """Change every number: years become the report year, counts get new values."""

    def replace(match: re.Match[str]) -> str:
        if match.group("year"):
            return str(year)
        return str(rng.randint(1, 10 ** len(match.group()) - 1))

    return _NUMBER.sub(replace, paragraph)


def report(rng: random.Random, pool: Pool, size: int) -> str:
    """One report of about ``size`` UTF-8 bytes."""
    year = rng.randint(2019, 2025)
    org = rng.choice(_PLACES) + rng.choice(_LEVELS) + rng.choice(_AGENCIES)
    lines = [org, f"{year}年度法治政府建设情况报告", "", _OPENING.format(year=year, org=org), ""]
    budget = size - sum(len(line.encode()) + 1 for line in lines)
    tops = list(_TOP_TITLES)
    if rng.random() < 0.5:
        tops[1], tops[2] = tops[2], tops[1]
    body = list(_sections(rng, pool, year, budget, tops))
    defect = rng.random() < 0.35
    if defect:
        _inject_defect(rng, body)
    text = "\n".join(lines + body) + "\n"
    return text.replace("\n", "\r\n") if rng.random() < 0.1 else text


def _sections(
    rng: random.Random, pool: Pool, year: int, budget: int, tops: list[str]
) -> Iterator[str]:
    top_count = len(tops) if budget < 50_000 else min(99, budget // 20_000)
    per_top = max(budget // top_count, 200)
    for index in range(top_count):
        title = tops[index % len(tops)].format(year=year, next=year + 1)
        yield f"{chinese(index + 1)}、{title}"
        used, sub = 0, 0
        while used < per_top and sub < 99:
            sub += 1
            heading = f"（{chinese(sub)}）{rng.choice(pool.titles)}"
            paragraph = vary(rng.choice(pool.paragraphs), rng, year)
            run_in = rng.random() < 0.4
            lines = [f"{heading}。{paragraph}"] if run_in else [heading, paragraph]
            if rng.random() < 0.25:
                lines += [f"{n}.{vary(rng.choice(pool.paragraphs), rng, year)}" for n in (1, 2, 3)]
            used += sum(len(line.encode()) + 1 for line in lines)
            yield from lines
        yield ""


def _inject_defect(rng: random.Random, body: list[str]) -> None:
    """One of the numbering defects real reports have (see DOMAIN.md §3)."""
    headings = [i for i, line in enumerate(body) if line.startswith("（")]
    if not headings:
        return
    index = rng.choice(headings)
    line = body[index]
    choice = rng.randrange(3)
    if choice == 0:
        body[index] = line.replace("（", "(", 1).replace("）", ")", 1)
    elif choice == 1:
        body[index] = line.replace("）", "）、", 1)
    else:
        del body[index]  # a skipped number when the next sibling follows


def write_corpus(out: Path, files: int, long: int, seed: int, size: int = REPORT_BYTES) -> None:
    """Write ``files`` reports (and ``long`` documents of 1 MB) under ``out``."""
    rng = random.Random(seed)
    pool = Pool(source_texts())
    out.mkdir(parents=True, exist_ok=True)
    for number in range(files):
        folder = out / f"{number // 1000:03d}"
        if number % 1000 == 0:
            folder.mkdir(exist_ok=True)
        text = report(rng, pool, size)
        encoding = "gb18030" if rng.random() < 0.05 else "utf-8"
        (folder / f"report_{number:06d}.txt").write_bytes(text.encode(encoding))
    for number in range(long):
        (out / f"long_{number}.txt").write_text(report(rng, pool, LONG_BYTES), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write (outside the repository)")
    parser.add_argument("--files", type=int, default=1000, help="number of ~8 KB reports")
    parser.add_argument("--long", type=int, default=0, help="number of 1 MB documents")
    parser.add_argument("--size", type=int, default=REPORT_BYTES, help="bytes per report")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.out.resolve().is_relative_to(ROOT):
        parser.error("write the corpus outside the repository (e.g. under /tmp)")
    write_corpus(args.out, args.files, args.long, args.seed, args.size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
