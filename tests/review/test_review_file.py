"""The review file (`review.record`): `dump` writes it sorted and byte-stable, `parse` reads it
back (in its own layout line by line, anything else through YAML) and never raises: every
problem is a ``review-file`` finding at its line, and a wrong entry is left out."""

from __future__ import annotations

import re
import textwrap
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mkdocs_archcrew.findings import Severity
from mkdocs_archcrew.review.record import (
    DEFAULT_REVIEW_FILE,
    FILE_CODE,
    HEADER,
    Reviewed,
    ReviewFile,
    Snapshot,
    as_written,
    dump,
    parse,
    unreadable_review,
)

FILE = "archcrew-review.yml"
FP1, FP2, FP3, FP4 = "0123456789abcdef", "fedcba9876543210", "1111111111111111", "00000000000000ab"


def text_of(body: str) -> str:
    return textwrap.dedent(body).lstrip("\n")


def reviews(record: ReviewFile) -> dict[str, tuple[str, str]]:
    """What a record says of each requirement: fingerprint and text (lines aside)."""
    return {key: (r.fingerprint, r.text) for key, r in record.requirements.items()}


def snapshots(record: ReviewFile) -> dict[str, dict[str, tuple[str, dict[str, str]]]]:
    return {
        document: {source: (s.fingerprint, dict(s.parts)) for source, s in sources.items()}
        for document, sources in record.documents.items()
    }


def problems(record: ReviewFile) -> list[tuple[Severity, str, int]]:
    return [(f.severity, f.code, f.line) for f in record.findings]


# ---------------------------------------------------------------------------------------------
# dump


def test_dump_writes_the_documented_layout() -> None:
    text = dump(
        {
            "FR-10": Reviewed(FP1, 'Say "hi": now.'),
            "FR-2": Reviewed(FP2, "Gauges: every 5 minutes."),
        },
        {
            "CLAUDE.md": {
                "RDS.md": Snapshot(FP3, {"FR-10": FP1, "FR-2": FP2}),
                "FRS.md": Snapshot(FP4),
            }
        },
    )
    assert text == HEADER + "\n" + text_of("""
        requirements:
          FR-2:
            fingerprint: "fedcba9876543210"
            text: "Gauges: every 5 minutes."
          FR-10:
            fingerprint: "0123456789abcdef"
            text: "Say \\"hi\\": now."
        documents:
          CLAUDE.md:
            FRS.md:
              fingerprint: "00000000000000ab"
            RDS.md:
              fingerprint: "1111111111111111"
              parts:
                FR-2: "fedcba9876543210"
                FR-10: "0123456789abcdef"
    """)


def test_dump_of_nothing() -> None:
    assert dump({}, {}) == HEADER + "\nrequirements: {}\ndocuments: {}\n"
    record = parse(dump({}, {}), FILE)
    assert record.exists
    assert record.findings == ()
    assert record.requirements == {}
    assert record.documents == {}


def test_dump_sorts_ids_naturally() -> None:
    ids = ["FR-10", "NFR-1", "FR-2", "FR-1", "FR-2.10", "FR-2.9", "FR-100", "FR-9", "A-1"]
    text = dump({key: Reviewed(FP1, key) for key in ids}, {})
    written = [
        line.strip().rstrip(":")
        for line in text.splitlines()
        if line.startswith("  F") or line.startswith("  N") or line.startswith("  A")
    ]
    assert written == [
        "A-1",
        "FR-1",
        "FR-2",
        "FR-2.9",
        "FR-2.10",
        "FR-9",
        "FR-10",
        "FR-100",
        "NFR-1",
    ]


def test_dump_sorts_parts_naturally_and_documents_and_sources_by_name() -> None:
    text = dump(
        {},
        {
            "b.md": {"z.md": Snapshot(FP1), "a.md": Snapshot(FP2)},
            "a.md": {"s.md": Snapshot(FP3, {"FR-10": FP1, "FR-9": FP2, "FR-1": FP3})},
        },
    )
    keys = [
        line.strip().split(":")[0]
        for line in text.splitlines()[4:]
        if "fingerprint" not in line and "parts" not in line
    ]
    assert keys == [
        "requirements",
        "documents",
        "a.md",
        "s.md",
        "FR-1",
        "FR-9",
        "FR-10",
        "b.md",
        "a.md",
        "z.md",
    ]


def test_dump_is_byte_stable() -> None:
    requirements = {f"FR-{n}": Reviewed(FP1, f"text {n} ✓") for n in (3, 1, 20, 2)}
    documents = {"D.md": {"RDS.md": Snapshot(FP2, {"FR-1": FP3, "FR-3": FP4})}}
    first = dump(requirements, documents)
    assert dump(requirements, documents) == first
    # The order the record was built in does not matter.
    assert dump(dict(reversed(list(requirements.items()))), documents) == first
    # Written again from what it reads back: the same bytes.
    again = parse(first, FILE)
    assert dump(again.requirements, again.documents) == first
    assert first.encode("utf-8") == dump(requirements, documents).encode("utf-8")


def test_dump_is_byte_stable_for_ids_natural_order_ranks_equal() -> None:
    one = {"FR-1": Reviewed(FP1, "a"), "FR-01": Reviewed(FP2, "b")}
    other = {"FR-01": Reviewed(FP2, "b"), "FR-1": Reviewed(FP1, "a")}
    assert one == other
    assert dump(one, {}) == dump(other, {})


@pytest.mark.parametrize(
    ("key", "written"),
    [
        ("FR-1", "FR-1"),
        ("REQ-AUTH-3.1", "REQ-AUTH-3.1"),
        ("docs/RDS.md", "docs/RDS.md"),
        ("FR 1 (draft)", "FR 1 (draft)"),
        ("yes", '"yes"'),
        ("No", '"No"'),
        ("on", '"on"'),
        ("true", '"true"'),
        ("null", '"null"'),
        ("~", '"~"'),
        ("1.5", '"1.5"'),
        ("12", '"12"'),
        ("017", '"017"'),
        ("0x1F", '"0x1F"'),
        ("1_000", '"1_000"'),
        ("1:30", '"1:30"'),
        ("2024-01-01", '"2024-01-01"'),
        ("", '""'),
        ("a: b", '"a: b"'),
        ("a:b", '"a:b"'),
        ("trailing ", '"trailing "'),
        ("#x", '"#x"'),
        ("-x", '"-x"'),
        ("<<", '"<<"'),
        ("=", '"="'),
        ("é", '"é"'),
        ("tab\there", '"tab\\there"'),
        ('q"uote', '"q\\"uote"'),
    ],
)
def test_keys_are_plain_only_when_yaml_reads_them_as_text(key: str, written: str) -> None:
    text = dump({key: Reviewed(FP1, "t")}, {"doc.md": {key: Snapshot(FP2, {key: FP3})}})
    assert f"\n  {written}:\n" in text
    assert f"\n    {written}:\n" in text
    assert f'\n        {written}: "{FP3}"\n' in text
    # YAML itself reads it back as the same text key.
    data = yaml.safe_load(text)
    assert list(data["requirements"]) == [key]
    assert list(data["documents"]["doc.md"]) == [key]
    record = parse(text, FILE)
    assert record.findings == ()
    assert reviews(record) == {key: (FP1, "t")}
    assert snapshots(record) == {"doc.md": {key: (FP2, {key: FP3})}}


ODD_TEXTS = [
    "",
    " ",
    "  leading and trailing  ",
    "double \"quotes\" and 'single'",
    "back\\slash \\n \\u0041 \\U0001F600 \\",
    "colon: here, and: there",
    "# a hash # and #another",
    "a #comment-like tail",
    "non-ASCII: café, naïve, Ελληνικά, 日本語, עברית",
    "line\u2028separator and paragraph\u2029separator",
    "tab\there and\ttabs",
    "emoji 🚀👍🏽 and a flag 🇫🇷",
    "controls \x00 \x01 \x1b \x7f \x85 \u200b \ufeff",
    "new\nline and \r carriage return",
    "- looks like a list",
    "{looks: like a mapping}",
    "[a, list]",
    "&anchor *alias !tag %directive @at `tick`",
    "yes",
    "null",
    "1.5",
    "0123456789abcdef",
    "---",
    "...",
    '"',
    "'",
    "\\",
    "private use \ue000 and unassigned \U000e0001 \U0010ffff",
]


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_round_trip_of_odd_texts(text: str) -> None:
    requirements = {"FR-1": Reviewed(FP1, text), "FR-2": Reviewed(FP2, "plain")}
    written = dump(requirements, {})
    # One line per fact, whatever the text holds.
    assert len(written.splitlines()) == len(dump({}, {}).splitlines()) + 6
    assert written.count("\n") == len(written.splitlines())
    record = parse(written, FILE)
    assert record.findings == ()
    assert reviews(record) == {"FR-1": (FP1, text), "FR-2": (FP2, "plain")}
    assert yaml.safe_load(written)["requirements"]["FR-1"]["text"] == text


@pytest.mark.parametrize("key", [t for t in ODD_TEXTS if t])
def test_round_trip_of_odd_keys(key: str) -> None:
    written = dump({key: Reviewed(FP1, key)}, {key: {key: Snapshot(FP2, {key: FP3, "FR-1": FP4})}})
    record = parse(written, FILE)
    assert record.findings == ()
    assert reviews(record) == {key: (FP1, key)}
    assert snapshots(record) == {key: {key: (FP2, {key: FP3, "FR-1": FP4})}}


def test_fingerprints_of_digits_alone_stay_text() -> None:
    # 16 decimal digits, or a leading 0 and octal digits, read as numbers unquoted.
    for fingerprint in ("8961974540842059", "0000000000000000", "0123456701234567"):
        written = dump(
            {"FR-1": Reviewed(fingerprint, "x")},
            {"D.md": {"S.md": Snapshot(fingerprint, {"FR-1": fingerprint})}},
        )
        record = parse(written, FILE)
        assert record.findings == ()
        assert reviews(record) == {"FR-1": (fingerprint, "x")}
        assert snapshots(record) == {"D.md": {"S.md": (fingerprint, {"FR-1": fingerprint})}}


def test_parse_gives_each_entry_its_line() -> None:
    written = dump(
        {"FR-1": Reviewed(FP1, "a"), "FR-2": Reviewed(FP2, "b"), "FR-10": Reviewed(FP3, "c")},
        {"A.md": {"S.md": Snapshot(FP1)}, "B.md": {"S.md": Snapshot(FP2, {"FR-1": FP1})}},
    )
    lines = written.splitlines()
    record = parse(written, FILE)
    for key, reviewed in record.requirements.items():
        assert lines[reviewed.line - 1] == f"  {key}:"
    for document, line in record.document_lines.items():
        assert lines[line - 1] == f"  {document}:"
    assert set(record.document_lines) == {"A.md", "B.md"}
    assert record.file == FILE
    assert record.exists


fingerprints = st.from_regex(r"[0-9a-f]{16}", fullmatch=True)
keys = st.text(max_size=12)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(keys, st.tuples(fingerprints, st.text()), max_size=6),
    st.dictionaries(
        keys,
        st.dictionaries(
            keys,
            st.tuples(fingerprints, st.dictionaries(keys, fingerprints, max_size=3)),
            min_size=1,
            max_size=3,
        ),
        max_size=3,
    ),
)
@example({"1234567890123456": ("1234567890123456", "yes")}, {})
@example({"FR-1": ("0" * 16, "\u2028")}, {"": {"": ("0" * 16, {"": "0" * 16})}})
def test_dump_then_parse_gives_the_record_back(
    requirement_data: dict[str, tuple[str, str]],
    document_data: dict[str, dict[str, tuple[str, dict[str, str]]]],
) -> None:
    requirements = {key: Reviewed(fp, text) for key, (fp, text) in requirement_data.items()}
    documents = {
        document: {source: Snapshot(fp, parts) for source, (fp, parts) in sources.items()}
        for document, sources in document_data.items()
    }
    written = dump(requirements, documents)
    record = parse(written, FILE)
    assert record.findings == ()
    assert reviews(record) == requirement_data
    assert snapshots(record) == document_data
    # Read in its own layout, it says what YAML says.
    fast = as_written(written)
    if fast is not None:
        assert _text_keys(fast.data) == _text_keys(yaml.safe_load(written))
    # And written again, byte for byte the same.
    assert dump(record.requirements, record.documents) == written


def _text_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _text_keys(v) for k, v in value.items()}
    return value


def test_the_dump_layout_is_read_line_by_line() -> None:
    written = dump({"FR-1": Reviewed(FP1, 'a "b": c ✓ 🚀')}, {"D.md": {"S.md": Snapshot(FP2)}})
    fast = as_written(written)
    assert fast is not None
    assert fast.data == yaml.safe_load(written)
    # An edited file goes to YAML, which reads it the same.
    edited = written.replace("\n  FR-1:\n", "\n  FR-1:  # reviewed by Ann\n")
    assert as_written(edited) is None
    assert reviews(parse(edited, FILE)) == reviews(parse(written, FILE))


# ---------------------------------------------------------------------------------------------
# parse: problems are findings at their line, never exceptions


def test_no_text_or_only_comments_is_an_empty_record() -> None:
    for text in ("", "\n", "# just a comment\n", HEADER, "---\n", "requirements:\ndocuments:\n"):
        record = parse(text, FILE)
        assert record.exists
        assert record.findings == (), text
        assert record.requirements == {}
        assert record.documents == {}


def test_a_file_that_is_not_there() -> None:
    record = ReviewFile(DEFAULT_REVIEW_FILE)
    assert not record.exists
    assert record.requirements == {}
    assert record.findings == ()


def test_invalid_yaml_names_its_line() -> None:
    text = text_of("""
        requirements:
          FR-1:
            fingerprint: "0123456789abcdef"
            text: "unclosed
          FR-2: {fingerprint: "0123456789abcdef"
    """)
    record = parse(text, FILE)
    assert record.requirements == {}
    [finding] = record.findings
    assert (finding.severity, finding.code, finding.file) == (Severity.ERROR, FILE_CODE, FILE)
    assert finding.line in (4, 5, 6)
    assert "not valid YAML" in finding.message
    assert "archcrew review" in finding.message


def test_invalid_yaml_at_a_precise_line() -> None:
    text = 'requirements:\n  FR-1:\n    fingerprint: "0123456789abcdef"\n\tbad: tab\n'
    [finding] = parse(text, FILE).findings
    assert (finding.code, finding.line) == (FILE_CODE, 4)


@pytest.mark.parametrize("marker", ["<<<<<<< HEAD", "=======", ">>>>>>> their-branch"])
def test_merge_conflict_markers(marker: str) -> None:
    lines = [
        "requirements:",
        "  FR-1:",
        '    fingerprint: "0123456789abcdef"',
        '    text: "a"',
        marker,
        "  FR-2:",
        '    fingerprint: "fedcba9876543210"',
    ]
    record = parse("\n".join(lines) + "\n", FILE)
    assert record.exists
    assert record.requirements == {}  # nothing in a conflicted file counts
    [finding] = record.findings
    assert (finding.severity, finding.code, finding.line) == (Severity.ERROR, FILE_CODE, 5)
    assert "merge conflict" in finding.message
    assert FILE in finding.message


def test_merge_conflict_names_the_first_marker() -> None:
    ours = dump({"FR-1": Reviewed(FP1, "a")}, {})
    theirs = dump({"FR-1": Reviewed(FP2, "b")}, {})
    text = f"<<<<<<< HEAD\n{ours}=======\n{theirs}>>>>>>> other\n"
    [finding] = parse(text, FILE).findings
    assert (finding.code, finding.line) == (FILE_CODE, 1)


def test_a_marker_inside_a_text_is_no_conflict() -> None:
    written = dump({"FR-1": Reviewed(FP1, "<<<<<<< not a conflict =======")}, {})
    record = parse(written, FILE)
    assert record.findings == ()
    assert reviews(record) == {"FR-1": (FP1, "<<<<<<< not a conflict =======")}


@pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n", "42\n", '"a string"\n'])
def test_a_file_that_is_not_a_mapping(text: str) -> None:
    record = parse(text, FILE)
    assert problems(record) == [(Severity.ERROR, FILE_CODE, 1)]
    assert "must be a mapping" in record.findings[0].message
    assert record.requirements == {}


def test_sections_that_are_not_mappings() -> None:
    text = "# header\nrequirements: [FR-1, FR-2]\n\ndocuments: 3\n"
    record = parse(text, FILE)
    assert problems(record) == [(Severity.ERROR, FILE_CODE, 2), (Severity.ERROR, FILE_CODE, 4)]
    assert record.requirements == {}
    assert record.documents == {}


def test_wrong_entries_are_left_out_at_their_lines() -> None:
    text = text_of("""
        requirements:
          FR-1:
            fingerprint: "0123456789abcdef"
            text: "good"
          FR-2:
            text: "no fingerprint"
          FR-3:
            fingerprint: "XYZ"
            text: "bad fingerprint"
          FR-4: [a, list]
          FR-5:
            fingerprint: "0123456789ABCDEF"
          FR-6:
            fingerprint: "0123456789abcde"
          FR-7:
            fingerprint: "0123456789abcdef0"
          FR-8:
            fingerprint: 12
          FR-9:
            fingerprint: "0123456789abcdef"
            text: [not, text]
          FR-10:
            fingerprint: "fedcba9876543210"
          FR-11: "0123456789abcdef"
          FR-12:
    """)
    record = parse(text, FILE)
    assert reviews(record) == {"FR-1": (FP1, "good"), "FR-10": (FP2, "")}
    assert record.requirements["FR-10"].line == 22
    assert problems(record) == [
        (Severity.ERROR, FILE_CODE, line) for line in (5, 7, 10, 11, 13, 15, 17, 19, 24, 25)
    ]
    for finding in record.findings:
        assert "16 hex digits" in finding.message
    assert "`archcrew review FR-2`" in record.findings[0].message


def test_a_text_that_is_not_text_is_a_wrong_entry() -> None:
    # Read through YAML (a plain number): it must not count.
    text = "requirements:\n  FR-1: {fingerprint: '0123456789abcdef', text: 5}\n"
    record = parse(text, FILE)
    assert record.requirements == {}
    assert problems(record) == [(Severity.ERROR, FILE_CODE, 2)]


def test_unknown_top_level_key_is_a_warning_at_its_line() -> None:
    text = dump({"FR-1": Reviewed(FP1, "a")}, {}) + "reviewer: Ann\n"
    record = parse(text, FILE)
    assert reviews(record) == {"FR-1": (FP1, "a")}
    [finding] = record.findings
    assert (finding.severity, finding.code) == (Severity.WARNING, FILE_CODE)
    assert finding.line == len(text.splitlines())
    assert "'reviewer' is not part of a review file" in finding.message


def test_wrong_documents_are_left_out_at_their_lines() -> None:
    text = text_of("""
        requirements: {}
        documents:
          GOOD.md:
            RDS.md:
              fingerprint: "0123456789abcdef"
              parts:
                FR-1: "fedcba9876543210"
          NUMBER.md: 5
          NOFP.md:
            RDS.md:
              parts: {}
          PARTS.md:
            RDS.md:
              fingerprint: "0123456789abcdef"
              parts: [a]
          PARTVALUE.md:
            RDS.md:
              fingerprint: "0123456789abcdef"
              parts:
                FR-1: [x]
          SOURCE.md:
            RDS.md: 7
    """)
    record = parse(text, FILE)
    assert snapshots(record) == {"GOOD.md": {"RDS.md": (FP1, {"FR-1": FP2})}}
    assert record.document_lines == {"GOOD.md": 3}
    assert problems(record) == [(Severity.ERROR, FILE_CODE, line) for line in (8, 9, 12, 16, 21)]
    assert "`archcrew review --document NUMBER.md`" in record.findings[0].message


def test_an_alias_bomb_is_refused_at_its_line() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for name, previous in zip("bcdefghi", "abcdefgh", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 10) + "]")
    record = parse("\n".join(lines) + "\n", FILE)
    assert record.requirements == {}
    [finding] = record.findings
    assert (finding.severity, finding.code) == (Severity.ERROR, FILE_CODE)
    assert finding.line == 4  # the first line whose aliases pass the limit
    assert "alias" in finding.message


def test_nesting_too_deep_is_refused() -> None:
    text = "requirements: " + "[" * 200 + "]" * 200 + "\n"
    record = parse(text, FILE)
    assert record.requirements == {}
    assert [f.code for f in record.findings] == [FILE_CODE]


def test_python_tags_are_not_constructed() -> None:
    text = "requirements:\n  FR-1: !!python/object/apply:os.system ['echo hi']\n"
    record = parse(text, FILE)
    assert record.requirements == {}
    assert problems(record) == [(Severity.ERROR, FILE_CODE, 2)]


def test_an_edited_file_is_read_as_yaml() -> None:
    text = text_of("""
        # reviewed by hand
        requirements:
            FR-1:   {fingerprint: "0123456789abcdef", text: 'it''s here'}
            "FR-2":
                fingerprint: 'fedcba9876543210'
                text: >-
                  folded
                  text
        documents: {}
    """)
    record = parse(text, FILE)
    assert record.findings == ()
    assert reviews(record) == {"FR-1": (FP1, "it's here"), "FR-2": (FP2, "folded text")}


def test_unreadable_review() -> None:
    finding = unreadable_review(FILE, "permission denied")
    assert (finding.severity, finding.code, finding.file, finding.line) == (
        Severity.ERROR,
        FILE_CODE,
        FILE,
        0,
    )
    assert "permission denied" in finding.message


@pytest.mark.parametrize("text", ["1" * 5000 + "\n", "requirements: " + "1" * 5000 + "\n"])
def test_parse_does_not_raise_on_a_huge_integer(text: str) -> None:
    record = parse(text, FILE)
    assert [f.code for f in record.findings] == [FILE_CODE]


# Hand-edited files that are valid YAML and hold what a review file holds, but that the
# line-by-line reader takes for its own layout and reads wrong (its docstring: "None for
# anything else (an edited file), which the YAML parser then reads").
HAND_EDITED = [
    pytest.param(
        'requirements:\n  FR-1:\n    fingerprint: "0123456789abcdef"\n    text: hello world\n',
        {"FR-1": (FP1, "hello world")},
        id="unquoted-text",  # read as "ello worl": the first and last characters dropped
    ),
    pytest.param(
        "requirements:\n  FR-1:\n    fingerprint: 0123456789abcdef\n    text: x\n",
        {"FR-1": (FP1, "x")},
        id="unquoted-fingerprint",  # the layout dump wrote before fingerprints were quoted
    ),
    pytest.param(
        'requirements:\n  FR-1:\n    fingerprint: "0123456789abcdef"  # by Ann\n',
        {"FR-1": (FP1, "")},
        id="comment-after-value",
    ),
    pytest.param(
        "requirements:\n  FR-1:\n    fingerprint: '0123456789abcdef'\n    text: 'it''s'\n",
        {"FR-1": (FP1, "it's")},
        id="single-quoted",
    ),
    pytest.param(
        'requirements:\n  FR-1:\n    fingerprint: "0123456789abcdef"\n    text:   "spaced"\n',
        {"FR-1": (FP1, "spaced")},
        id="spaces-before-value",  # read as ' "space'
    ),
    pytest.param(
        'requirements:\n  FR-1 :\n    fingerprint: "0123456789abcdef"\n',
        {"FR-1": (FP1, "")},
        id="space-before-colon",  # read as the ID "FR-1 "
    ),
]


@pytest.mark.parametrize(("text", "expected"), HAND_EDITED)
def test_hand_edited_yaml_reads_as_yaml_does(
    text: str, expected: dict[str, tuple[str, str]]
) -> None:
    data = yaml.safe_load(text)["requirements"]
    assert {k: (v["fingerprint"], v.get("text", "")) for k, v in data.items()} == expected
    record = parse(text, FILE)
    assert record.findings == ()
    assert reviews(record) == expected


@pytest.mark.parametrize(
    "text",
    [
        "requirements:\n  FR-1:\n    fingerprint: x0123456789abcdefx\n",
        'requirements:\n  FR-1:\n    fingerprint: "0123456789abcdef"\n    text: 5\n',
        'requirements:\n  FR-1:\n    fingerprint: "0123456789abcdef"\n    text: []\n',
    ],
)
def test_a_wrong_hand_edited_entry_is_refused(text: str) -> None:
    record = parse(text, FILE)
    assert record.requirements == {}
    assert problems(record) == [(Severity.ERROR, FILE_CODE, 2)]


# ---------------------------------------------------------------------------------------------
# parse never raises

# fmt: off
_TOKENS = st.sampled_from(
    [
        "requirements:", "documents:", "\n", "  ", "    ", "      ", "FR-1:", "FR-2:", "RDS.md:",
        "fingerprint:", "text:", "parts:", " ", ' "0123456789abcdef"', " 0123456789abcdef",
        '"', "'", "\\", "\\u", "\\U0001", "&a ", "*a", "[", "]", "{", "}", ",", "- ", "? ",
        ": ", "!!str ", "!!binary ", "!!set ", "<<: ", "#", "|", ">", "---\n", "...\n",
        "%YAML 1.1\n", "\t", "null", "yes", "1", "1.5", "~", "<<<<<<<", "=======", "\u2028",
        "\x85", "\ufeff", "🚀", "é", "\r\n", "\x00",
    ]
)
# fmt: on


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), st.lists(_TOKENS, max_size=40).map("".join)))
@example("requirements:\n  FR-1:\n    fingerprint: \n")
@example('requirements:\n  "\\ud800":\n    fingerprint: "0123456789abcdef"\n')
@example("requirements: &a\n  FR-1: *a\n")
@example("<<: {requirements: {}}\n")
def test_parse_never_raises(text: str) -> None:
    record = parse(text, FILE)
    assert record.exists
    assert all(f.code == FILE_CODE and f.file == FILE for f in record.findings)
    assert all(f.line >= 1 for f in record.findings)
    for reviewed in record.requirements.values():
        assert re.fullmatch(r"[0-9a-f]{16}", reviewed.fingerprint)
        assert isinstance(reviewed.text, str)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.dictionaries(keys, st.tuples(fingerprints, st.text()), min_size=1, max_size=5))
def test_parse_never_raises_on_a_damaged_file(
    data: st.DataObject, requirement_data: dict[str, tuple[str, str]]
) -> None:
    written = dump({k: Reviewed(fp, t) for k, (fp, t) in requirement_data.items()}, {})
    cut = data.draw(st.integers(0, len(written)))
    insert = data.draw(st.one_of(st.text(max_size=5), _TOKENS))
    drop = data.draw(st.integers(0, 5))
    damaged = written[:cut] + insert + written[cut + drop :]
    record = parse(damaged, FILE)
    assert all(f.code == FILE_CODE for f in record.findings)
    # Whatever it keeps is a well-formed review.
    for reviewed in record.requirements.values():
        assert re.fullmatch(r"[0-9a-f]{16}", reviewed.fingerprint)
        assert isinstance(reviewed.text, str)
        assert reviewed.line >= 1
