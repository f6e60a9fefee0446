"""The README is part of the product: its examples run and it covers every command-line option."""

from __future__ import annotations

import re

from conftest import ROOT

from pipelines.__main__ import _parser
from pipelines.skills import DEFAULT_TAXONOMY, Matcher, load_taxonomy

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands() -> None:
    opening = "\n".join(README.splitlines()[:15])
    assert "make run" in opening and "make test" in opening


def test_readme_skill_example_is_a_valid_taxonomy_entry() -> None:
    block = re.search(r"```toml\n(.*?)```", README, re.S).group(1)
    matcher = Matcher(load_taxonomy(DEFAULT_TAXONOMY, user_files=[("README", block)]))
    assert matcher.skills_in("We model with dbt; dbt therapy is not it") == ["dbt"]


def test_readme_mentions_every_command_line_option() -> None:
    commands = _parser()._subparsers._group_actions[0].choices
    for name, command in commands.items():
        assert f"pipelines {name}" in README, name
        for action in command._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and flag != "--help":
                    assert flag in README, f"{name} {flag}"
