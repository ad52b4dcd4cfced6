"""Benchmark (not a test): build every SQL model and mart over N synthetic mentions.

    python bench/bench_marts.py [--mentions 10000000] [--dir /tmp/sitrep-bench]

Synthetic layers are written with DuckDB in a child process (10 mentions per article, about
200 outlets, three years of dates, a dozen event types, sides and places, figures that differ
between outlets), then the build runs in a fresh child process so its peak memory is its own.
Prints rows per table, wall time and peak RSS of the build.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_TYPES = ["prisoner_exchange", "prisoner_exchange", "exchange_agreed", "bodies_repatriation", "capture",
          "surrender", "attack", "attack", "shelling", "air_strike", "incursion", "loss_claim", "mediation",
          "negotiation"]
_MODALITIES = ["realised"] * 7 + ["agreed", "hypothetical", "negated", "historical"]
_SIDES = ["RUS", "UKR", "BLR", "PRK"]
_PLACES = [("Kursk Oblast", "RUS", 51.7, 36.2), ("Belgorod", "RUS", 50.6, 36.6), ("Kharkiv", "UKR", 50.0, 36.2),
           ("Odesa", "UKR", 46.5, 30.7), ("Chasiv Yar", "UKR", 48.6, 37.8), (None, None, None, None)]


def _list(values: list) -> str:
    return "[" + ", ".join("NULL" if v is None else f"'{v}'" if isinstance(v, str) else str(v) for v in values) + "]"


def generate(root: Path, mentions: int) -> None:
    import duckdb

    from transforms.io.layers import ensure_layers

    articles = max(mentions // 10, 1)
    for folder in ("clean", "events/mentions", "events/quantities"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute("set preserve_insertion_order = false")
    con.execute(f"""
        create table articles as
        select
            md5(cast(i as varchar))[1:16] as article_id,
            md5('raw' || i)[1:16] as raw_id,
            'https://outlet' || (i % 200) || '.example/a/' || i as url,
            'Outlet ' || (i % 200) as source,
            'outlet' || (i % 200) || '.example' as site,
            'Article ' || i as title,
            date '2022-03-01' + cast(i % 1000 as integer) as published_date,
            'en' as language, true as is_english,
            'Moscow and Kyiv swapped ' || (100 + i % 150) || ' prisoners each, the ministry said in report ' || i || '.' as text,
            md5('text' || i) as text_sha256,
            cast(80 as bigint) as char_count,
            'https://outlet' || (i % 200) || '.example/a/' || i as source_uri,
            timestamptz '2024-01-01 00:00:00+00' as fetched_at,
            'bench' as _extractor_version
        from range({articles}) as t(i)""")
    con.execute("update articles set char_count = length(text)")
    con.execute(f"""
        copy (
            select
                md5('m' || i)[1:16] as mention_id,
                md5(cast(i // 10 as varchar))[1:16] as article_id,
                {_list(_TYPES)}[1 + cast(hash(i, 1) % {len(_TYPES)} as integer)] as event_type,
                {_list(_MODALITIES)}[1 + cast(hash(i, 2) % {len(_MODALITIES)} as integer)] as modality,
                date '2022-03-01' + cast((i // 10) % 1000 as integer) - cast(hash(i, 3) % 3 as integer) as event_date,
                cast(1 + hash(i, 4) % 3 as integer) as time_precision,
                'stated' as date_basis, null as date_text,
                {_list(_SIDES)}[1 + cast(hash(i, 5) % 2 as integer)] as side_a,
                {_list(_SIDES)}[2 + cast(hash(i, 6) % 3 as integer)] as side_b,
                'military' as actor1_sector,
                cast(100 + (i // 10) % 150 + hash(i, 7) % 3 as bigint) as returned_to_a,
                cast(100 + (i // 10) % 150 as bigint) as returned_to_b,
                ['ARE'] as mediators,
                'Claimant ' || (hash(i, 8) % 20) as claimant, 'RUS' as claimant_iso3,
                ['Claimant ' || (hash(i, 8) % 20)] as claimants,
                null::date as period_start,
                {_list([p[0] for p in _PLACES])}[1 + cast(hash(i, 9) % {len(_PLACES)} as integer)] as place_name,
                'UKR' as country_iso3, null as admin1, 50.0 as latitude, 36.0 as longitude,
                cast(2 as integer) as geo_precision,
                a.text as evidence, cast(0 as bigint) as evidence_start, cast(length(a.text) as bigint) as evidence_end,
                'Strategic developments' as acled_event_type, 'Agreement' as acled_sub_event_type,
                '0841' as cameo_code, 'RETREAT' as plover_event, 'release' as plover_mode,
                'bench' as _extractor_version
            from range({mentions}) as t(i)
            inner join articles as a on a.article_id = md5(cast(i // 10 as varchar))[1:16]
        ) to '{root}/events/mentions/part-bench.parquet' (format parquet, compression zstd)""")
    con.execute(f"""
        copy (
            select
                md5('q' || i)[1:16] as quantity_id, md5('m' || (i * 5))[1:16] as mention_id,
                md5(cast((i * 5) // 10 as varchar))[1:16] as article_id,
                case when i % 2 = 0 then 'lost' else 'killed' end as role, 'UKR' as side_iso3,
                case when i % 2 = 0 then 'tanks' else 'personnel' end as item,
                cast(i % 500 as bigint) as value, 'exact' as qualifier, cast(i % 500 as varchar) as value_text,
                'stated' as count_basis, 'Russian Defence Ministry' as claimant, 'RUS' as claimant_iso3,
                'figure sentence' as evidence, cast(0 as bigint) as char_start, 'bench' as _extractor_version
            from range({mentions // 5}) as t(i)
        ) to '{root}/events/quantities/part-bench.parquet' (format parquet, compression zstd)""")
    con.execute(f"copy articles to '{root}/clean/part-bench.parquet' (format parquet, compression zstd)")
    con.close()
    ensure_layers(root)


def build(root: Path) -> dict:
    from transforms.io.warehouse import build_models
    from transforms.settings import SQL_DIR

    start = time.perf_counter()
    counts = build_models(root, SQL_DIR)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": round(seconds, 1), "peak_rss_mb": round(peak_mb), "rows": counts}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=10_000_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/sitrep-bench"))
    parser.add_argument("--stage", choices=["all", "generate", "build"], default="all")
    args = parser.parse_args()
    if args.stage == "generate":
        generate(args.dir, args.mentions)
        return 0
    if args.stage == "build":
        print(json.dumps(build(args.dir)))
        return 0
    shutil.rmtree(args.dir, ignore_errors=True)
    me = [sys.executable, __file__, "--mentions", str(args.mentions), "--dir", str(args.dir)]
    start = time.perf_counter()
    subprocess.run([*me, "--stage", "generate"], check=True)
    print(f"generated {args.mentions:,} mentions in {time.perf_counter() - start:.1f} s")
    result = json.loads(subprocess.run([*me, "--stage", "build"], check=True, capture_output=True,
                                       text=True).stdout.strip().splitlines()[-1])
    for table, rows in result["rows"].items():
        print(f"  {table:<24} {rows:>12,}")
    print(f"build: {result['seconds']} s wall, peak RSS {result['peak_rss_mb']} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
