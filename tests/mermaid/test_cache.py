"""The diagram cache between builds."""

from __future__ import annotations

from pathlib import Path

from mkdocs_archcrew.mermaid import cache


def test_cache_survives_a_round_trip_and_ignores_damage(tmp_path: Path) -> None:
    path = tmp_path / "c" / "mermaid.json"
    stored = cache.Cache.load(path)
    stored.parsed["k"] = [True, 0, ""]
    stored.changed = True
    stored.save()
    assert cache.Cache.load(path).parsed == {"k": [True, 0, ""]}
    path.write_text("{broken", encoding="utf-8")
    assert cache.Cache.load(path).parsed == {}
