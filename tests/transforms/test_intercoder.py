"""A second coder's gold file scored as a run: the yardstick for human agreement (bench/intercoder.py)."""

import copy

from transforms.evaluate import gold_as_run, load_gold, score

GOLD = load_gold(__import__("pathlib").Path(__file__).resolve().parents[1] / "gold" / "dev.jsonl")


def _all(frame, field):
    row = frame[(frame["event_type"] == "ALL") & (frame["field"] == field)]
    return float(row["value"].iloc[0])


def test_a_coding_scored_against_itself_agrees_on_every_field():
    frame = score(GOLD, *gold_as_run(GOLD))
    scored = frame[(frame["event_type"] == "ALL") & frame["tp"].notna()]
    assert len(scored) > 10
    assert (scored["f1"] == 1.0).all(), scored[scored["f1"] < 1.0]
    assert _all(frame, "exact_count_accuracy") == 1.0


def test_a_second_coders_differences_lower_the_fields_they_touch():
    second = copy.deepcopy(GOLD)
    changed = dropped = 0
    for entry in second:
        for event in entry["events"]:
            if "returned_to" in event and not changed:
                side = next(iter(event["returned_to"]))
                event["returned_to"][side] += 1
                changed += 1
        if entry["events"] and not dropped and not any("returned_to" in e for e in entry["events"]):
            entry["events"] = entry["events"][1:]
            dropped += 1
    frame = score(GOLD, *gold_as_run(second))
    assert changed and dropped
    assert _all(frame, "returned_to") < 1.0
    event = frame[(frame["event_type"] == "ALL") & (frame["field"] == "event")].iloc[0]
    assert int(event["fn"]) == 1 and int(event["fp"]) == 0
