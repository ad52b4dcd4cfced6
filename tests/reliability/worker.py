"""Run every stage on SOURCES into WAREHOUSE in this process (no Prefect): the fault tests' subject.

    python tests/reliability/worker.py WAREHOUSE BATCH_SIZE SOURCE...

Run as a subprocess with SITREP_KILL_AT / SITREP_STOP_AT set (transforms.io.faults).
"""

from __future__ import annotations

import sys
from pathlib import Path

from transforms import stages


def main(argv: list[str]) -> None:
    root, batch_size, sources = Path(argv[0]), int(argv[1]), argv[2:]
    stages.ingest(sources, root)
    for manifest in stages.pending_batches(root, batch_size):
        stages.process_batch(manifest, root)
    stages.build(root)


if __name__ == "__main__":
    main(sys.argv[1:])
