"""``lawlint outline``: show the section tree lawlint understood, as a tree or as JSON."""

from __future__ import annotations

import json
from typing import TextIO

from lawlint.outline import Outline, Paragraph, Section
from lawlint.render import shown_path, visible
from lawlint.render.json_format import escaped_surrogates


def outline_data(outline: Outline, profile: str) -> dict:
    """The outline as plain data; positions are 1-based lines and columns."""
    source = outline.source

    def where(offset: int) -> dict:
        position = source.position(offset)
        return {"line": position.line, "column": position.column}

    def paragraph(item: Paragraph) -> dict:
        return {"text": item.text, **where(item.start)}

    def section(item: Section) -> dict:
        heading = item.heading
        marker = heading.marker
        return {
            "level": item.level,
            "marker": marker.written,
            "style": marker.kind.value,
            "number": marker.number,
            "title": heading.title,
            "run_in": heading.run_in,
            **where(heading.start),
            "paragraphs": len(item.body),
            "children": [section(child) for child in item.children],
        }

    return {
        "path": source.path,
        "profile": profile,
        "title": outline.title.text if outline.title else None,
        "preamble": [paragraph(item) for item in outline.preamble],
        "sections": [section(item) for item in outline.sections],
    }


def render_json(outline: Outline, profile: str, stream: TextIO) -> None:
    text = json.dumps(outline_data(outline, profile), ensure_ascii=False, indent=2)
    stream.write(escaped_surrogates(text) + "\n")


def render_tree(outline: Outline, profile: str, stream: TextIO, color: str) -> None:
    from rich.console import Console
    from rich.text import Text
    from rich.tree import Tree

    title = visible(outline.title.text) if outline.title else "（无标题）"
    root = Tree(
        Text.assemble(
            (title, "bold"), (f"  [{shown_path(outline.source.path)} · {profile}]", "dim")
        )
    )
    if outline.preamble:
        root.add(Text(f"前言 {len(outline.preamble)} 段", "dim"))

    def add(tree: Tree, section: Section) -> None:
        heading = section.heading
        line = outline.source.position(heading.start).line
        label = Text.assemble(
            (heading.marker.written, "bold cyan"),
            visible(heading.title),
            (f"  第{line}段" if outline.source.unit == "paragraph" else f"  L{line}", "dim"),
            (f" · {len(section.body)} 段" if section.body else "", "dim"),
        )
        branch = tree.add(label)
        for child in section.children:
            add(branch, child)

    for section in outline.sections:
        add(root, section)
    force = {"always": True, "never": False}.get(color)
    Console(
        file=stream,
        force_terminal=force,
        no_color=color == "never",
        highlight=False,
        soft_wrap=True,
    ).print(root)
