"""Agreement between two human codings of the same articles, scored exactly as `sitrep eval` scores a run.

The second coding plays the run: its events become mentions and figures (`transforms.evaluate.gold_as_run`)
and are scored against the first. The event F1 and field F1s it prints are what a careful human coder
reaches against another, the yardstick for the extractor's scores on the same gold file.

    python bench/intercoder.py tests/gold/holdout11/holdout11.jsonl tests/gold/agreement/holdout11.coder2.jsonl
"""

from __future__ import annotations

import argparse

from transforms.evaluate import format_report, gold_as_run, load_gold, score


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", help="gold JSONL of the first coder (scored as gold)")
    parser.add_argument("second", help="gold JSONL of the second coder (scored as the run)")
    parser.add_argument("--both", action="store_true", help="also score the first against the second")
    args = parser.parse_args(argv)
    pairs = [(args.first, args.second)] + ([(args.second, args.first)] if args.both else [])
    for gold_path, run_path in pairs:
        frame = score(load_gold(gold_path), *gold_as_run(load_gold(run_path)))
        print(f"\n{run_path} scored against {gold_path}\n")
        print(format_report(frame[frame["event_type"] == "ALL"]))


if __name__ == "__main__":
    main()
