"""``archcrew-report.json``: every requirement, where it is covered, and every finding."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .requirements import in_id_order

if TYPE_CHECKING:
    from ..findings import Finding
    from .coverage import Trace


def json_report(trace: Trace, findings: list[Finding]) -> str:
    """The report's text: keys and lists sorted, so the same docs give the same bytes."""
    # Row by row, compact, with the C encoder: one row alive at a time, and fast (indentation
    # would take Python's slow encoder; `python -m json.tool` lays it out). One encoder for all
    # rows: json.dumps would make a new one for each.
    encode = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode
    requirements = ",".join(
        encode(
            {
                "covered_by": [
                    {"file": file, "line": line}
                    for file, line in sorted(
                        {(m.file, m.line) for m in trace.covered_by.get(r.id, [])}
                    )
                ],
                "file": r.file,
                "id": r.id,
                "line": r.line,
                "status": r.status,
                "title": r.title,
            }
        )
        for r in in_id_order(trace.requirements)
    )
    rows = ",".join(encode(f.as_dict()) for f in sorted(findings, key=lambda f: f.sort_key))
    return f'{{"findings":[{rows}],"requirements":[{requirements}]}}\n'
