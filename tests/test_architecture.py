"""Mechanical checks that keep the layering true (STYLE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TRANSFORMS = sorted((ROOT / "transforms").rglob("*.py"))
IO_ONLY = {"duckdb", "httpx", "pyarrow.parquet", "pyarrow.dataset", "urllib.request", "requests"}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("path", TRANSFORMS, ids=lambda p: str(p.relative_to(ROOT)))
def test_transforms_never_import_prefect(path):
    assert not any(name == "prefect" or name.startswith("prefect.") for name in _imports(path))


@pytest.mark.parametrize("path", [p for p in TRANSFORMS if "io" not in p.relative_to(ROOT / "transforms").parts],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_only_io_touches_files_network_and_duckdb(path):
    assert not (_imports(path) & IO_ONLY), f"{path.name} imports {_imports(path) & IO_ONLY}; move it to transforms/io"


def test_flows_hold_no_pandas_or_sql():
    for path in (ROOT / "flows").glob("*.py"):
        imports = _imports(path)
        assert "pandas" not in imports and "duckdb" not in imports, path.name
