"""Every case of the hostile-input catalogue (cases.py), built for real: the exit code it must
have, what it must say with file and line, never a traceback, and every word of its pages that
is not a placeholder in the written HTML when it builds."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

import pytest

from .cases import CASES, Case

if TYPE_CHECKING:
    from conftest import Site

_PLACEHOLDER = re.compile(r"\\?\{\{.*?\}\}")
_FRONT = re.compile(r"\A\ufeff?---\r?\n.*?\r?\n---\r?\n", re.DOTALL)
_WORD = re.compile(r"[A-Za-z]{3,}")
_FENCE_INFO = re.compile(r"^(?:```|~~~)\w*", re.MULTILINE)


def words(text: str) -> set[str]:
    """The words of a page that are not placeholders or front matter."""
    body = _FENCE_INFO.sub(" ", _PLACEHOLDER.sub(" ", _FRONT.sub("", text)))
    return set(_WORD.findall(body))


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_input(site: Site, case: Case) -> None:
    site.configure(
        plugins=[{"archcrew": case.options}],
        markdown_extensions=["tables", "pymdownx.superfences"],
    )
    for path, text in case.pages.items():
        target = site.root / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")
    for path, content in case.files.items():
        target = site.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")

    run = site.build(*(["--strict"] if case.strict else []))

    assert "Traceback" not in run.output, run.output
    assert run.returncode == case.returncode, run.output
    for said in case.said:
        assert said in run.output, run.output
    if run.returncode == 0:
        for path, text in case.pages.items():
            written = html.unescape(site.html(path))
            missing = sorted(word for word in words(text) if word not in written)
            assert missing == [], path
