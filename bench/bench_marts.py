"""Benchmark (not a test): build every SQL model and mart over N synthetic mentions.

    python bench/bench_marts.py [--mentions 10000000] [--dir /tmp/sitrep-bench]

Synthetic layers are written once per size with DuckDB in a child process, in the real layout
(10 mentions per article, 200 outlets, 1,000 days, a dozen event types, sides and places, figures
that differ between outlets, one article in five a syndicated copy) and reused by later runs
(--regenerate to write them again); the build runs in a fresh child process so its peak memory
is its own. The build is build_models (SQL models, data tests, mart Parquet), not article dedup.
Prints rows per table, wall and CPU time and peak RSS of the build, and each statement's with the peak so far
(stderr; --verbose: each chunk of the chunked marts too). The build runs at the warehouse's default DuckDB memory
limit (1 GB, which holds at 10 M since round 7; SITREP_BUILD_MEMORY overrides);
--profile DIR also writes DuckDB's JSON profile (operator timings) of every model statement there.
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
          "surrender", "attack", "attack", "attack", "incursion", "incursion", "loss_claim", "mediation",
          "negotiation"]
_MODALITIES = ["realised"] * 7 + ["agreed", "hypothetical", "negated", "historical"]
_SIDES = ["RUS", "UKR", "BLR", "PRK"]
_PLACES = [("Kursk Oblast", "RUS", 51.7, 36.2), ("Belgorod", "RUS", 50.6, 36.6), ("Kharkiv", "UKR", 50.0, 36.2),
           ("Odesa", "UKR", 46.5, 30.7), ("Chasiv Yar", "UKR", 48.6, 37.8), (None, None, None, None)]


def _list(values: list) -> str:
    return "[" + ", ".join("NULL" if v is None else f"'{v}'" if isinstance(v, str) else str(v) for v in values) + "]"


def generate(root: Path, mentions: int) -> None:
    """Write the layers in their real layout (month partitions) with DuckDB's vectorised engine, once.

    Dates follow news, not noise: a realised exchange happens every 20 days between RUS and UKR
    (mostly) and is reported for a day or two, some with week or month precision; fighting is daily
    in six places; mediation and negotiation are talked about every day. One article in five is a
    syndicated copy of the one before (links/article_duplicates.parquet).
    """
    import duckdb

    from transforms.io.layers import ensure_layers

    marker = root / f".bench-generated-{mentions}"
    if marker.exists():
        return
    shutil.rmtree(root, ignore_errors=True)
    articles = max(mentions // 10, 1)
    for folder in ("clean", "events/mentions", "events/quantities", "links"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute("set preserve_insertion_order = false")
    day = "date '2022-03-01' + cast(hash({i}, 0) % 1000 as integer)"
    con.execute(f"""
        copy (
            select
                md5(cast(i as varchar))[1:16] as article_id,
                md5('raw' || i)[1:16] as raw_id,
                'https://outlet' || (i % 200) || '.example/a/' || i as url,
                'Outlet ' || (i % 200) as source,
                'outlet' || (i % 200) || '.example' as site,
                'Article ' || i as title,
                {day.format(i="i")} as published_date,
                'en' as language, true as is_english,
                'Moscow and Kyiv swapped ' || (100 + i % 150) || ' prisoners each, the ministry said in report ' || i || '.' as text,
                md5('text' || i) as text_sha256,
                cast(length(text) as bigint) as char_count,
                'https://outlet' || (i % 200) || '.example/a/' || i as source_uri,
                timestamptz '2024-01-01 00:00:00+00' as fetched_at,
                'bench' as _extractor_version,
                strftime(published_date, '%Y-%m') as published_month
            from range({articles}) as t(i)
        ) to '{root}/clean' (format parquet, compression zstd, partition_by (published_month), overwrite_or_ignore)""")
    con.execute(f"""
        copy (
            select
                md5(cast(i as varchar))[1:16] as article_id,
                case when i % 5 = 4 then md5(cast(i - 1 as varchar))[1:16] end as duplicate_of,
                case when i % 5 = 4 then 0.9 end as similarity,
                case when i % 5 = 4 then 'near' end as method
            from range({articles}) as t(i)
        ) to '{root}/links/article_duplicates.parquet' (format parquet, compression zstd)""")
    con.execute(f"""
        create temp table base as
        select
            i,
            i // 10 as a,
            {day.format(i="i // 10")} as published_date,
            {_list(_TYPES)}[1 + cast(hash(i, 1) % {len(_TYPES)} as integer)] as event_type,
            cast(1 + hash(i, 4) % 20 as integer) as precision_draw
        from range({mentions}) as t(i)""")
    con.execute(f"""
        copy (
            select
                md5('m' || i)[1:16] as mention_id,
                md5(cast(a as varchar))[1:16] as article_id,
                event_type,
                {_list(_MODALITIES)}[1 + cast(hash(i, 2) % {len(_MODALITIES)} as integer)] as modality,
                case
                    when event_type in ('prisoner_exchange', 'exchange_agreed', 'bodies_repatriation')
                        then date '2022-03-01' + cast(datediff('day', date '2022-03-01', published_date) // 20 * 20
                            + hash(i, 3) % 2 as integer)
                    else published_date - cast(hash(i, 3) % 3 as integer)
                end as event_date,
                case when precision_draw <= 16 then 1 when precision_draw <= 19 then 2 else 3 end as time_precision,
                'stated' as date_basis, null::varchar as date_text,
                case when hash(i, 5) % 10 = 0 then 'BLR' else 'RUS' end as side_a,
                case when hash(i, 6) % 10 = 0 then 'PRK' else 'UKR' end as side_b,
                'military' as actor1_sector,
                cast(100 + a % 150 + hash(i, 7) % 3 as bigint) as returned_to_a,
                cast(100 + a % 150 as bigint) as returned_to_b,
                ['ARE'] as mediators,
                'Claimant ' || (hash(i, 8) % 20) as claimant, 'RUS' as claimant_iso3,
                ['Claimant ' || (hash(i, 8) % 20)] as claimants,
                null::date as period_start,
                {_list([p[0] for p in _PLACES])}[1 + cast(hash(i, 9) % {len(_PLACES)} as integer)] as place_name,
                'UKR' as country_iso3, null::varchar as admin1, 50.0 as latitude, 36.0 as longitude,
                cast(2 as integer) as geo_precision,
                'Moscow and Kyiv swapped ' || (100 + a % 150) || ' prisoners each, the ministry said in report '
                    || a || '.' as evidence,
                cast(0 as bigint) as evidence_start, cast(length(evidence) as bigint) as evidence_end,
                'Strategic developments' as acled_event_type, 'Agreement' as acled_sub_event_type,
                '0841' as cameo_code, 'RETREAT' as plover_event, 'release' as plover_mode,
                'bench' as _extractor_version,
                coalesce(strftime(event_date, '%Y-%m'), 'unknown') as event_month
            from base
        ) to '{root}/events/mentions' (format parquet, compression zstd, partition_by (event_month), overwrite_or_ignore)""")
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
    con.close()
    ensure_layers(root)
    marker.touch()


def build(root: Path, profile: Path | None = None, verbose: bool = False) -> dict:
    import logging

    from transforms.io.warehouse import build_models
    from transforms.settings import SQL_DIR

    # per-statement wall and CPU times on stderr (the warehouse logs each model, the data tests, each export)
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, format="  %(message)s", stream=sys.stderr)
    logging.getLogger("transforms.io.warehouse").addFilter(_with_rss)
    if profile:
        profile.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    counts = build_models(root, SQL_DIR, profile_dir=profile)
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    # CPU seconds beside wall time: on a shared machine the wall time depends on the others' load
    return {"seconds": round(seconds, 1), "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
            "peak_rss_mb": round(usage.ru_maxrss / 1024), "rows": counts}


def _with_rss(record) -> bool:
    """Each step's log line ends with the build's peak RSS so far (where the peak is reached)."""
    record.msg += f"   peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024:,} MB"
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=10_000_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/sitrep-bench"))
    parser.add_argument("--stage", choices=["all", "generate", "build"], default="all")
    parser.add_argument("--regenerate", action="store_true", help="write the synthetic layers again")
    parser.add_argument("--profile", type=Path, help="write DuckDB's JSON profile of each model into this folder")
    parser.add_argument("--verbose", action="store_true", help="also log each chunk of the chunked marts")
    args = parser.parse_args()
    if args.stage == "generate":
        generate(args.dir, args.mentions)
        return 0
    if args.stage == "build":
        print(json.dumps(build(args.dir, args.profile, args.verbose)))
        return 0
    if args.regenerate:
        shutil.rmtree(args.dir, ignore_errors=True)
    # the layers are generated once per size and reused; only the build's outputs are removed
    (args.dir / "sitrep.duckdb").unlink(missing_ok=True)
    shutil.rmtree(args.dir / "marts", ignore_errors=True)
    me = [sys.executable, __file__, "--mentions", str(args.mentions), "--dir", str(args.dir)]
    start = time.perf_counter()
    subprocess.run([*me, "--stage", "generate"], check=True)
    if args.profile:
        me += ["--profile", str(args.profile)]
    if args.verbose:
        me += ["--verbose"]
    print(f"generated (or reused) {args.mentions:,} mentions in {time.perf_counter() - start:.1f} s")
    # stderr passes through, so a failing build shows its error
    result = json.loads(subprocess.run([*me, "--stage", "build"], check=True, stdout=subprocess.PIPE,
                                       text=True).stdout.strip().splitlines()[-1])
    for table, rows in result["rows"].items():
        print(f"  {table:<24} {rows:>12,}")
    print(f"build: {result['seconds']} s wall, {result['cpu_seconds']} s CPU, peak RSS {result['peak_rss_mb']} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
