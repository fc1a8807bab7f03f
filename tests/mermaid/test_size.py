"""Mermaid's size limit, measured in Python as Mermaid measures it: held to Mermaid's own code,
run in Node.js, for texts built to catch every step of its measuring."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import time

import pytest
from conftest import node_modules, require

from mkdocs_archcrew.mermaid.size import (
    DEFAULT_MAX_TEXT_SIZE,
    mermaid_length,
    too_large,
    utf16_length,
)

# Mermaid's render() with maxTextSize set to a limit, under jsdom: a text over the limit is
# swapped for Mermaid's own "Maximum text size" diagram, which parses, and render() then stops
# at the first thing jsdom lacks (CSSStyleSheet); a text within the limit is parsed as it is,
# and none of these texts should parse, so render() throws its parse error (or finds no
# diagram type) first. A failure before Mermaid measures (front matter that is not YAML, a
# directive read before the type is known) or of another kind (a theme that does not exist)
# says nothing of the length, and is told apart ("?"); so is a text that parses after all (an
# unterminated directive takes the rest of it away): it is "over" at any limit.
ORACLE = """
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
const require = createRequire(path.join(process.argv[1], "noop.js"));
const { JSDOM } = require("jsdom");
const dom = new JSDOM("<!DOCTYPE html><html><body></body></html>", { pretendToBeVisual: true });
for (const name of ["window", "document", "Element", "HTMLElement", "SVGElement", "Node",
                    "DOMParser", "navigator", "MutationObserver"]) {
  Object.defineProperty(globalThis, name, { value: dom.window[name], configurable: true });
}
const { default: mermaid } = await import(pathToFileURL(require.resolve("mermaid")).href);
let input = "";
for await (const chunk of process.stdin) input += chunk;
const out = [];
for (const [text, limit] of JSON.parse(input)) {
  mermaid.initialize({ startOnLoad: false, maxTextSize: limit, suppressErrorRendering: true });
  try {
    await mermaid.render("d" + out.length, text);
    out.push("drawn");
  } catch (error) {
    const said = String(error && error.stack);
    if (/CSSStyleSheet/.test(said)) out.push("over");
    else if (/processAndSetConfigs/.test(said)) out.push("?");  // before measuring
    else if (/^\\w*Error: (Parse|Lexical) error|No diagram type|Diagrams beginning/.test(said)) {
      out.push("within");
    } else out.push("?");
  }
}
process.stdout.write(JSON.stringify(out));
"""

PREAMBLE = [
    "---\n",
    "title: T\n",
    "config:\n  theme: dark\n",
    " ---\n",
    "---  \n\n",
    "\n",
    "\r\n",
    "\r",
    "  ",
    "\t",
    "%% a comment\n",
    "%%",
    " %% indented comment\n",
    '%%{init: {"theme": "dark"}}%%',
    "%%{ wrap }%%",
    "%%{",
    "}%%",
    "%%{init:\n {}\n}%%\n",
    "\u00a0",
    "\ufeff",
    "\u2028",
    "\u2003",
    "\x1c",
    "\x85",
]
"""What may come before a diagram's type: front matter, directives, comments, and every kind of
space and line end that JavaScript and Python read differently."""
BODY = [*PREAMBLE, "A --> B", "x", "😀", "é", '<b class="x">b</b>', "}", "{", ":"]
"""What may follow it, characters beyond U+FFFF among them."""


def texts(count: int, seed: int) -> list[str]:
    """Diagrams that do not parse (they end in an arrow to nothing), of random make."""
    chosen = random.Random(seed)
    made = []
    for _ in range(count):
        before = "".join(chosen.choice(PREAMBLE) for _ in range(chosen.randint(0, 6)))
        after = "".join(chosen.choice(BODY) for _ in range(chosen.randint(0, 10)))
        made.append(f"{before}graph TB\n{after}\n  A -->")
    return made


def oracle(queries: list[tuple[str, int]]) -> list[str]:
    modules = node_modules()
    node = shutil.which("node")
    require(None if node else "Node.js is not installed")
    assert node
    run = subprocess.run(
        [node, "--input-type=module", "-e", ORACLE, str(modules.parent)],
        input=json.dumps(queries),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    answers: list[str] = json.loads(run.stdout)
    return answers


def test_the_length_is_mermaids_own() -> None:
    hand_made = [
        "---\ntitle: Big\n---\ngraph TB\n  A -->",
        "%% only a comment\n%% and another\ngraph TB\n  A -->",
        "%%{init: {'maxTextSize': 10}}%%\ngraph TB\n  A -->",
        "%%{init: unterminated\n and on\ngraph TB\n  A -->",
        "   \n\n  graph TB\n  A -->",
        "graph TB\n  😀😀 -->",
        "graph TB\r\n  a\rb -->",
    ]
    cases = hand_made + texts(300, seed=13)
    queries: list[tuple[str, int]] = []
    for text in cases:
        length = mermaid_length(text)
        queries.append((text, length))  # within: Mermaid measures no more than this
        queries.append((text, length - 1))  # over: nor less
        queries.append((text, 10**9))  # within, unless the text says nothing
    answers = oracle(queries)

    decided = [
        (text, within, over)
        for text, within, over, unlimited in zip(
            cases, answers[::3], answers[1::3], answers[2::3], strict=True
        )
        if unlimited == "within" and "?" not in (within, over)
    ]
    wrong = [
        (text, mermaid_length(text), within, over)
        for text, within, over in decided
        if (within, over) != ("within", "over")
    ]
    assert wrong == []
    assert len(decided) > 0.7 * len(cases)


def test_a_diagram_is_too_large_only_over_the_limit() -> None:
    body = "graph TB\n" + "    A --> B\n" * 4_165
    body += "    " + "C" * (DEFAULT_MAX_TEXT_SIZE + 1 - len(body) - 4)
    assert len(body) == DEFAULT_MAX_TEXT_SIZE + 1
    assert too_large(body, DEFAULT_MAX_TEXT_SIZE) == DEFAULT_MAX_TEXT_SIZE + 1
    assert too_large(body[:-1], DEFAULT_MAX_TEXT_SIZE) is None
    # Front matter and comments are not counted; a character beyond U+FFFF counts two.
    assert too_large("---\ntitle: T\n---\n" + body[:-1], DEFAULT_MAX_TEXT_SIZE) is None
    assert too_large("%% note\n" + body[:-1], DEFAULT_MAX_TEXT_SIZE) is None
    assert too_large(body[:-2] + "😀", DEFAULT_MAX_TEXT_SIZE) == DEFAULT_MAX_TEXT_SIZE + 1
    assert utf16_length("😀é") == 3


@pytest.mark.parametrize("kind", ["ascii", "unicode", "comments"])
def test_a_megabyte_is_measured_in_milliseconds(kind: str) -> None:
    line = {"ascii": "    A --> B\n", "unicode": "    Ä --> 😀\n", "comments": "%% x\n    A\n"}[
        kind
    ]
    text = "graph TB\n" + line * (2**20 // len(line))

    started = time.perf_counter()
    length = too_large(text, DEFAULT_MAX_TEXT_SIZE)
    spent = time.perf_counter() - started

    assert length is not None
    assert length > DEFAULT_MAX_TEXT_SIZE
    assert spent < 0.5, f"{spent:.3f} s"
