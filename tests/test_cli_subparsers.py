"""A run builds only its own subcommand's parser; the help it prints is unchanged by that."""

from __future__ import annotations

import pytest

from lawlint import cli


def _help(parser, *args: str) -> None:
    with pytest.raises(SystemExit):
        parser.parse_args([*args, "--help"])


@pytest.mark.parametrize("name", list(cli._SUBCOMMANDS))
def test_a_subcommands_help_is_the_same_built_alone(name, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    _help(cli._parser(), name)
    with_all = capsys.readouterr().out
    _help(cli._parser(name), name)
    assert capsys.readouterr().out == with_all
    assert with_all.startswith(f"usage: lawlint {name}")


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--format", "json", "--select", "H101", "a.txt", "b.md"],
        ["outline", "--format", "json", "a.txt"],
        ["explain", "heading-sequence"],
        ["clean", "--cache-dir", "c"],
        ["rules", "--profile", "fazhi"],
        ["check-rules", "r.yaml"],
    ],
)
def test_a_subcommand_parses_the_same_built_alone(args):
    assert cli._parser(args[0]).parse_args(args) == cli._parser().parse_args(args)


def test_the_top_level_help_lists_every_subcommand(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    listed = capsys.readouterr().out
    for name, (help_text, _) in cli._SUBCOMMANDS.items():
        assert name in listed and help_text[:20] in listed
