import json
import math
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from transforms.clean import strip_boilerplate
from transforms.evaluate import format_report, load_gold, score
from transforms.extract.events import extract_article

GOLD = Path(__file__).resolve().parents[1] / "gold"
EVENT = {"type": "prisoner_exchange", "modality": "realised", "date": "2024-08-24", "precision": 1,
         "sides": ["RUS", "UKR"], "returned_to": {"RUS": 115, "UKR": 115}, "mediators": ["ARE"]}


def _frames(returned_b, mediators):
    articles = pd.DataFrame({"article_id": ["a1", "a2"], "source_uri": ["/x/one.txt", "/x/neg.txt"]})
    mentions = pd.DataFrame([{"mention_id": "m1", "article_id": "a1", "event_type": "prisoner_exchange",
                              "modality": "realised", "event_date": date(2024, 8, 24), "time_precision": 1,
                              "side_a": "RUS", "side_b": "UKR", "returned_to_a": 115, "returned_to_b": returned_b,
                              "mediators": mediators}])
    return articles, mentions, pd.DataFrame(columns=["mention_id"])


def _f1(frame, field):
    return frame.set_index(["event_type", "field"]).loc[("prisoner_exchange", field), ["tp", "fp", "fn"]].tolist()


@pytest.mark.parametrize("returned_b, mediators, expected_returned, expected_mediators", [
    (115, ["ARE"], [2, 0, 0], [1, 0, 0]),
    (110, [], [1, 1, 1], [0, 0, 1]),
    (None, ["ARE", "TUR"], [1, 0, 1], [1, 1, 0]),
])
def test_score_fields(returned_b, mediators, expected_returned, expected_mediators):
    gold = [{"file": "one.txt", "events": [EVENT]}, {"file": "neg.txt", "events": []}]
    frame = score(gold, *_frames(returned_b, mediators))
    assert _f1(frame, "returned_to") == expected_returned
    assert _f1(frame, "mediators") == expected_mediators
    assert _f1(frame, "event") == [1, 0, 0]
    assert "false_events_on_negatives" in format_report(frame)


@pytest.mark.parametrize("kind, gold_item, pred_item, expected", [
    ("capture", "captured", "personnel", [1, 0, 0]),
    ("surrender", "personnel", "surrendered", [1, 0, 0]),
    ("surrender", "surrendered", "captured", [1, 0, 0]),
    ("loss_claim", "personnel", "captured", [0, 1, 1]),  # only captures and surrenders merge the items
    ("capture", "captured", "tanks", [0, 1, 1]),
])
def test_people_taken_items_are_one_item_for_captures_and_surrenders(kind, gold_item, pred_item, expected):
    event = {"type": kind, "modality": "realised", "sides": ["RUS", "UKR"],
             "counts": [{"side": "UKR", "item": gold_item, "value": 12, "claimant": "General Staff"}]}
    articles = pd.DataFrame({"article_id": ["a1"], "source_uri": ["/x/one.txt"]})
    mentions = pd.DataFrame([{"mention_id": "m1", "article_id": "a1", "event_type": kind, "modality": "realised",
                              "side_a": "RUS", "side_b": "UKR"}])
    quantities = pd.DataFrame([{"mention_id": "m1", "side_iso3": "UKR", "item": pred_item, "value": 12,
                                "qualifier": "exact", "claimant": "General Staff of Ukraine"}])
    frame = score([{"file": "one.txt", "events": [event]}], articles, mentions, quantities).set_index(["event_type", "field"])
    assert frame.loc[(kind, "counts"), ["tp", "fp", "fn"]].tolist() == expected
    assert frame.loc[(kind, "count_claimant"), "tp"] == expected[0]


def test_load_gold_rejects_bad_lines(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"file": "a.txt"}\n')
    with pytest.raises(ValueError):
        load_gold(path)


def _run_dev_set(root: Path = GOLD, gold_file: str = "dev.jsonl"):
    articles, mentions, quantities = [], [], []
    for path in sorted((root / "articles").glob("*.txt")):
        meta = json.loads(path.with_suffix(".meta.json").read_text(encoding="utf-8"))
        article = {"article_id": path.stem, "source_uri": str(path), "text": strip_boilerplate(path.read_text(encoding="utf-8")),
                   "published_date": date.fromisoformat(meta["published"]), "is_english": meta.get("language") == "en"}
        found, numbers = extract_article(article)
        articles.append(article)
        mentions += found
        quantities += numbers
    return score(load_gold(root / gold_file), pd.DataFrame(articles), pd.DataFrame(mentions), pd.DataFrame(quantities))


def test_dev_set_meets_pinned_floors():
    baseline = json.loads((GOLD / "baseline.json").read_text())
    frame = _run_dev_set().set_index(["event_type", "field"])
    below = {field: frame.loc[("ALL", field), "value"] for field, floor in baseline["floors"].items()
             if not frame.loc[("ALL", field), "value"] >= floor}
    assert below == {}
    assert frame.loc[("ALL", "false_events_on_negatives"), "value"] <= baseline["max_false_events_on_negatives"]
    assert not any(math.isnan(v) for v in frame["value"])


# Held-out sets opened for development after their blind measurement (holdout in round 3, holdout2
# in round 4, ... holdout5 in round 7, holdout6 in round 8, holdout7 in round 9, holdout8 in round 11, holdout9 in round 12,
# holdout10 in round 13, holdout11 in round 14, holdout12 in round 15, holdout13 in round 16, holdout14 in round 17,
# holdout15 in round 18, holdout16 in round 19): their scores are pinned so later rounds cannot regress them. holdout17 is
# the blind set: not listed here until its blind measurement.
@pytest.mark.parametrize("name", ["holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7", "holdout8",
                                  "holdout9", "holdout10", "holdout11", "holdout12", "holdout13", "holdout14", "holdout15",
                                  "holdout16"])
def test_opened_holdout_set_meets_pinned_floors(name):
    baseline = json.loads((GOLD / "baseline.json").read_text())
    frame = _run_dev_set(GOLD / name, f"{name}.jsonl").set_index(["event_type", "field"])
    below = {field: frame.loc[("ALL", field), "value"] for field, floor in baseline[f"{name}_floors"].items()
             if not frame.loc[("ALL", field), "value"] >= floor - 1e-9}  # 0.8 is stored as 0.7999...
    assert below == {}
    assert frame.loc[("ALL", "false_events_on_negatives"), "value"] <= baseline[f"max_false_events_on_{name}_negatives"]
