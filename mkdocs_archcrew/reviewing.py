"""``archcrew review``: the review file written from the documents as they stand. The only
code that writes it; builds only read it (`adapter.review_file`)."""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .findings import ArchcrewError, Severity, listed
from .review.record import Reviewed, Snapshot, dump
from .trace.requirements import natural_order
from .trace.wording import as_text, changes, fingerprint

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from pathlib import Path

    from .review.chain import Chain
    from .review.record import ReviewFile
    from .trace.coverage import Trace


@dataclass(frozen=True)
class Target:
    """The review file to write, and what it records now (None: change tracking is off)."""

    path: Path | None
    record: ReviewFile | None


def review(
    target: Target, trace: Trace, chain: Chain, ids: Sequence[str], documents: Sequence[str]
) -> str:
    """Record the requirements `ids` (every one, when neither IDs nor documents are given) as
    reviewed, and `documents` as regenerated from their sources as they stand; write the
    review file if that changes it. Returns what was done, in lines for the terminal.

    Raises `ArchcrewError` for an ID or document the project does not have, or when change
    tracking is off."""
    record, path = target.record, target.path
    if record is None or path is None:
        raise ArchcrewError(
            "change tracking is off (review_file: '' or on_suspect: off in mkdocs.yml), so "
            "there is no review file to write"
        )
    everything = not ids and not documents
    if not everything and any(f.severity >= Severity.ERROR for f in record.findings):
        raise ArchcrewError(
            f"{record.file} cannot be read ({record.findings[0].location}: "
            f"{record.findings[0].message}); run `archcrew review` with no ID to write it "
            "again from the documents as they stand"
        )
    wordings = trace.review.wordings
    requirements = dict(record.requirements)
    done: list[str] = []
    if everything:
        done.extend(_all(requirements, wordings))
    for requirement_id in ids:
        done.append(_one(requirements, wordings, requirement_id, record.file))
    recorded = dict(record.documents)
    for document in chain.snapshots if everything else documents:
        done.append(_document(recorded, chain, document))
    if everything:
        gone = sorted(document for document in recorded if document not in chain.snapshots)
        for document in gone:
            del recorded[document]
        if gone:
            done.append(f"dropped {listed(gone)}: no longer documents of the chain")
    text = dump(requirements, recorded)
    written = _write(path, text)
    done.append(
        f"{record.file}: {'written' if written else 'unchanged'} "
        f"({len(requirements)} requirement(s), {len(recorded)} document(s) recorded)"
    )
    return "".join(f"{line}\n" for line in done if line)


def _all(requirements: dict[str, Reviewed], wordings: Mapping[str, str]) -> list[str]:
    """Every requirement recorded as it stands; those no RDS defines any more dropped."""
    changed = [key for key in wordings if _changed(requirements.get(key), wordings[key])]
    # On a first review every requirement is new: not worth listing.
    new = [key for key in wordings if key not in requirements] if requirements else []
    gone = sorted((key for key in requirements if key not in wordings), key=natural_order)
    requirements.clear()
    requirements.update(_entry(wordings, key) for key in wordings)
    reworded = [key for key in changed if key not in new]
    return [
        f"reviewed {len(wordings)} requirement(s)"
        + (f"; reworded since the last review: {listed(reworded, 10)}" if reworded else "")
        + (f"; new: {listed(new, 10)}" if new else ""),
        f"dropped {listed(gone, 10)}: no RDS page defines them any more" if gone else "",
    ]


def _one(
    requirements: dict[str, Reviewed], wordings: Mapping[str, str], requirement_id: str, file: str
) -> str:
    if requirement_id not in wordings:
        if requirement_id in requirements:
            del requirements[requirement_id]
            return f"dropped {requirement_id}: no RDS page defines it any more"
        close = difflib.get_close_matches(requirement_id, list(wordings), n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise ArchcrewError(
            f"no RDS page defines {requirement_id}{hint}, and {file} does not record it; "
            "nothing was written"
        )
    before = requirements.get(requirement_id)
    requirements[requirement_id] = _entry(wordings, requirement_id)[1]
    if before is None:
        return f"reviewed {requirement_id} (new)"
    if _changed(before, wordings[requirement_id]):
        diff = as_text(changes(before.text, wordings[requirement_id]))
        return f"reviewed {requirement_id}: {diff}"
    return f"reviewed {requirement_id} (unchanged since its last review)"


def _document(recorded: dict[str, Mapping[str, Snapshot]], chain: Chain, document: str) -> str:
    """Record `document` as regenerated from its sources as they stand now."""
    document = document.removeprefix("./")
    if document not in chain.snapshots:
        documents = ", ".join(chain.snapshots) or "none: no page names its sources"
        raise ArchcrewError(
            f"{document} is not a document generated from others (those are: {documents}); "
            "a document names its sources in its front matter (generationTriggers), or the "
            "chain option does; nothing was written"
        )
    before = recorded.get(document)
    now = chain.snapshots[document]
    recorded[document] = now
    sources = ", ".join(now)
    if before is None:
        return f"reviewed {document} against {sources} (new)"
    if all(
        source in before and before[source].fingerprint == s.fingerprint
        for source, s in now.items()
    ):
        return f"reviewed {document} against {sources} (unchanged since its last review)"
    return f"reviewed {document} against {sources}"


def _entry(wordings: Mapping[str, str], requirement_id: str) -> tuple[str, Reviewed]:
    words = wordings[requirement_id]
    return requirement_id, Reviewed(fingerprint(words), words)


def _changed(before: Reviewed | None, words: str) -> bool:
    return before is not None and before.fingerprint != fingerprint(words)


def _write(path: Path, text: str) -> bool:
    """Write `text` to `path` if it differs, all at once: a build under `mkdocs serve`, or an
    interrupted run, never sees half a file."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)  # inside the project: checked with the option
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        # mkstemp makes the file private (0600); the review file is shared like the docs.
        os.chmod(temporary, _mode(path))
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    return True


def _mode(path: Path) -> int:
    """The file's own permissions if it exists, else those a new file gets (the umask's)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
