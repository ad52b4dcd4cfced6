"""Attack casualties flow from the extracted quantities into `events.fatalities` and the ACLED mart."""

from __future__ import annotations

import json

import duckdb

from transforms import stages

ARTICLE = """Missiles hit Kharkiv

Russian missiles struck Kharkiv on Tuesday, killing nine people and injuring 23, regional governor Petro Ivanenko said.
Rescuers worked through the night, Ukraine's emergency service said.
"""


def test_killed_figure_becomes_fatalities(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "strike.txt").write_text(ARTICLE, encoding="utf-8")
    (source / "strike.meta.json").write_text(json.dumps({"published": "2024-04-10", "source": "Example Wire",
                                                         "language": "en"}), encoding="utf-8")
    root = tmp_path / "wh"
    stages.ingest([str(source)], root)
    for manifest in stages.pending_batches(root, 10):
        stages.process_batch(manifest, root)
    stages.build(root)
    with duckdb.connect(str(root / "sitrep.duckdb"), read_only=True) as con:
        killed = con.sql("select role, item, value from event_quantities where role in ('killed', 'injured') order by item").fetchall()
        events = con.sql("select event_type, fatalities from events where event_type = 'attack'").fetchall()
        acled = con.sql("select fatalities from acled_events where sitrep_event_type = 'attack'").fetchall()
    assert ("killed", "killed", 9) in killed and ("injured", "injured", 23) in killed
    assert events == [("attack", 9)]
    assert acled == [(9,)]
