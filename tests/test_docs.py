"""README documents every command, subcommand and option of the ``peristiwa`` CLI."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from peristiwa.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def commands(group: click.Group = main, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    for name, command in sorted(group.commands.items()):
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))


ALL = list(commands())


def test_the_walk_finds_every_command() -> None:
    names = {" ".join(path) for path, _ in ALL}
    assert {"extract", "eval", "ingest", "batch", "watch", "watch add", "watch remove", "alerts"} <= names


@pytest.mark.parametrize(("path", "command"), ALL, ids=[" ".join(p) for p, _ in ALL])
def test_command_and_its_options_are_in_the_readme(path: tuple[str, ...], command: click.Command) -> None:
    *parents, name = path
    prefix = " ".join(("peristiwa", *parents))
    # "peristiwa watch add", or a synopsis line naming several: "peristiwa watch list|remove NAME"
    assert re.search(rf"{re.escape(prefix)} (?:[\w-]+\|)*{re.escape(name)}\b", README), f"{prefix} {name}"
    assert command.help, f"{prefix} {name} has no help text"
    for param in command.params:
        if not isinstance(param, click.Option) or param.hidden:
            continue
        spellings = [o for o in (*param.opts, *param.secondary_opts) if o.startswith("-")]
        assert any(re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", README) for o in spellings), \
            f"{prefix} {name}: {'/'.join(spellings)} is not in README"
        assert param.help, f"{prefix} {name}: {'/'.join(spellings)} has no help text"
