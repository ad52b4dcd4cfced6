"""Score extracted event mentions against a hand-coded gold file, per event kind and field.

Gold format (JSONL, one line per article)::

    {"file": "rt_2024-08-24_115_for_115.txt",          # matched to basename(articles.source_uri)
     "events": [                                         # [] marks a negative article
       {"type": "prisoner_exchange",                     # sitrep event type (CONTRACT.md)
        "modality": "realised",                          # realised, agreed, hypothetical, negated, historical
        "date": "2024-08-24", "precision": 1,            # ACLED time precision; omit both when not scored
        "sides": ["RUS", "UKR"],                         # unordered for two-sided kinds, else [actor, target]
        "returned_to": {"RUS": 115, "UKR": 115},         # people (or bodies) each side received
        "mediators": ["ARE"],                            # absent means none
        "claimant": "Russian Defence Ministry", "claimant_iso3": "RUS",
        "counts": [{"side": "UKR", "item": "tanks", "value": 71, "qualifier": "exact",
                    "claimant": "Russian Defence Ministry"}],  # every number the mention should carry
        "period_start": "2024-08-06",                    # loss claims: start of the period covered
        "place": {"name": "Kursk Oblast", "country": "RUS", "admin1": "Kursk Oblast",
                  "precision": 3, "lat": 51.73, "lon": 36.19}}]}

Keys left out of a gold event are not scored, except ``mediators`` (absent = none). Gold events
are matched one-to-one to predicted mentions of the same type in the same article, best agreement
first. Per field: a correct value is a true positive; a wrong value is a false positive and a false
negative; a missing value is a false negative. Set fields (counts, mediators, returned_to sides) are
scored element by element. Dates are correct when equal (precision 1), within six days (2) or in the
same month (3). Unmatched gold events count as misses in the summary accuracies.

For capture and surrender events the count items ``personnel``, ``captured`` and ``surrendered``
are one item: sets before holdout6 coded captured people as ``personnel``, CODING.md now asks for
``captured`` / ``surrendered``, and both name the same people.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from datetime import date
from pathlib import Path

import pandas as pd

from transforms.frames import records

__all__ = ["load_gold", "score", "format_report", "gold_as_run", "TWO_SIDED"]

TWO_SIDED = {"prisoner_exchange", "prisoner_release", "exchange_agreed", "bodies_repatriation", "mediation", "negotiation"}
_COORD_KM = 25.0


def load_gold(path: str | Path) -> list[dict]:
    """Gold articles from a JSONL file; each line needs ``file`` and ``events``."""
    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        if "file" not in row or not isinstance(row.get("events"), list):
            raise ValueError(f"{path}:{number}: a gold line needs 'file' and a list of 'events'")
        rows.append(row)
    return rows


def _as_date(value) -> date | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    return pd.Timestamp(value).date()


def _clean(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def _date_ok(gold: dict, pred: dict) -> bool:
    want, got = _as_date(gold.get("date")), _as_date(pred.get("event_date"))
    if want is None or got is None:
        return want is None and got is None
    precision = gold.get("precision") or 1
    if precision == 1:
        return want == got
    if precision == 2:
        return abs((want - got).days) <= 6
    return (want.year, want.month) == (got.year, got.month)


def _name_ok(want: str | None, got) -> bool:
    norm = lambda s: re.sub(r"[^a-z0-9 ]", "", str(s).lower().replace("defense", "defence")).replace("the ", "").strip()
    got = _clean(got)
    if want is None or got is None:
        return want is None and got is None
    a, b = norm(want), norm(got)
    return a == b or (len(min(a, b, key=len)) >= 6 and (a in b or b in a))


def _sides_ok(gold: dict, pred: dict) -> bool:
    got = [s for s in (_clean(pred.get("side_a")), _clean(pred.get("side_b"))) if s]
    want = gold["sides"]
    if gold["type"] in TWO_SIDED:
        return set(want) == set(got)
    return got[: len(want)] == want


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


_PEOPLE_TAKEN = {"personnel", "captured", "surrendered"}


def _item(kind: str, item):
    """One name for the people taken in a capture or surrender, whichever item the coder used."""
    return "personnel" if kind in ("capture", "surrender") and item in _PEOPLE_TAKEN else item


def _count_tuples(quantities: list[dict], kind: str = "") -> dict[tuple, list[dict]]:
    found: dict[tuple, list[dict]] = defaultdict(list)
    for q in quantities:
        found[(q.get("side_iso3"), _item(kind, q.get("item")), int(q["value"]))].append(q)
    return found


class _Tally:
    def __init__(self):
        self.counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])

    def add(self, kind: str, field: str, tp: int = 0, fp: int = 0, fn: int = 0):
        cell = self.counts[(kind, field)]
        cell[0] += tp
        cell[1] += fp
        cell[2] += fn

    def judge(self, kind: str, field: str, ok: bool, predicted: bool = True):
        self.add(kind, field, tp=int(ok), fp=int(not ok and predicted), fn=int(not ok))


def _score_sets(tally: _Tally, kind: str, field: str, want: set, got: set):
    tally.add(kind, field, tp=len(want & got), fp=len(got - want), fn=len(want - got))


def _score_counts(tally: _Tally, kind: str, gold: dict, quantities: list[dict], accuracy: list[int]):
    found = _count_tuples(quantities, kind)
    want = {(c["side"], _item(kind, c["item"]), int(c["value"])) for c in gold["counts"]}
    _score_sets(tally, kind, "counts", want, set(found))
    for count in gold["counts"]:
        rows = found.get((count["side"], _item(kind, count["item"]), int(count["value"])), [])
        accuracy.append(int(bool(rows)))
        if "qualifier" in count:
            tally.judge(kind, "count_qualifier", any(r.get("qualifier") == count["qualifier"] for r in rows), bool(rows))
        if "claimant" in count:
            tally.judge(kind, "count_claimant", any(_name_ok(count["claimant"], r.get("claimant")) for r in rows), bool(rows))


def _score_place(tally: _Tally, kind: str, want: dict, pred: dict):
    got_place = _clean(pred.get("country_iso3")) is not None
    tally.judge(kind, "place", (want.get("country"), want.get("admin1")) == (_clean(pred.get("country_iso3")),
                                                                           _clean(pred.get("admin1"))), got_place)
    if "precision" in want:
        tally.judge(kind, "geo_precision", want["precision"] == _clean(pred.get("geo_precision")), got_place)
    if "lat" in want:
        lat, lon = _clean(pred.get("latitude")), _clean(pred.get("longitude"))
        ok = lat is not None and lon is not None and _km(want["lat"], want["lon"], lat, lon) <= _COORD_KM
        tally.judge(kind, "coordinates", ok, lat is not None)


def _score_pair(tally: _Tally, gold: dict, pred: dict, quantities: list[dict], acc: dict[str, list[int]]):
    kind = gold["type"]
    tally.add(kind, "event", tp=1)
    tally.judge(kind, "modality", gold["modality"] == pred["modality"])
    if "date" in gold:
        ok = _date_ok(gold, pred)
        acc["date"].append(int(ok))
        tally.judge(kind, "date", ok, _as_date(pred.get("event_date")) is not None)
        tally.judge(kind, "time_precision", gold.get("precision") == _clean(pred.get("time_precision")),
                    _clean(pred.get("time_precision")) is not None)
    if "sides" in gold:
        tally.judge(kind, "sides", _sides_ok(gold, pred))
    if "returned_to" in gold:
        got = {pred.get(s): _clean(pred.get(r)) for s, r in (("side_a", "returned_to_a"), ("side_b", "returned_to_b"))}
        got = {(s, int(v)) for s, v in got.items() if s and v is not None}
        want = {(s, int(v)) for s, v in gold["returned_to"].items()}
        _score_sets(tally, kind, "returned_to", want, got)
        acc["count"] += [int(w in got) for w in want]
    _score_sets(tally, kind, "mediators", set(gold.get("mediators", [])), set(pred.get("mediators") or []))
    for field, column in (("claimant", "claimant"), ("claimant_iso3", "claimant_iso3")):
        if field in gold:
            ok = _name_ok(gold[field], pred.get(column)) if field == "claimant" else gold[field] == _clean(pred.get(column))
            tally.judge(kind, field, ok, _clean(pred.get(column)) is not None)
    if "counts" in gold:
        _score_counts(tally, kind, gold, quantities, acc["count"])
    if "period_start" in gold:
        got = _as_date(pred.get("period_start"))
        tally.judge(kind, "period_start", got == _as_date(gold["period_start"]), got is not None)
    if "place" in gold:
        _score_place(tally, kind, gold["place"], pred)
        acc["place"].append(int((gold["place"].get("country"), gold["place"].get("admin1"))
                                == (_clean(pred.get("country_iso3")), _clean(pred.get("admin1")))))


def _agreement(gold: dict, pred: dict) -> float:
    points = 4.0 * (gold["modality"] == pred["modality"])
    points += 2.0 * ("date" in gold and _date_ok(gold, pred))
    points += 1.0 * ("claimant" in gold and _name_ok(gold["claimant"], pred.get("claimant")))
    points += 1.0 * (set(gold.get("mediators", [])) == set(pred.get("mediators") or []))
    return points - 0.001 * int(pred.get("evidence_start") or 0) / 1000


def _match(events: list[dict], preds: list[dict]) -> list[tuple[int, int]]:
    pairs = sorted(((-_agreement(g, p), gi, pi) for gi, g in enumerate(events) for pi, p in enumerate(preds)
                    if g["type"] == p["event_type"]))
    used_g, used_p, matched = set(), set(), []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            matched.append((gi, pi))
    return matched


def _rate(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _article_ids(articles: pd.DataFrame) -> dict[str, str]:
    return {Path(str(uri)).name: aid for uri, aid in zip(articles["source_uri"], articles["article_id"])}


def score(gold: list[dict], articles: pd.DataFrame, mentions: pd.DataFrame, quantities: pd.DataFrame) -> pd.DataFrame:
    """One row per event kind and field (plus ALL), and summary accuracies; see the module docstring."""
    ids = _article_ids(articles)
    by_article = {aid: records(frame) for aid, frame in mentions.groupby("article_id")} if len(mentions) else {}
    by_mention = {mid: records(frame) for mid, frame in quantities.groupby("mention_id")} if len(quantities) else {}
    tally, acc = _Tally(), {"date": [], "place": [], "count": []}
    false_on_negatives, negatives = 0, 0
    for entry in gold:
        if entry["file"] not in ids:
            raise ValueError(f"gold article {entry['file']} is not among the scored articles")
        preds, events = by_article.get(ids[entry["file"]], []), entry["events"]
        if not events:
            negatives += 1
            false_on_negatives += len(preds)
        matched = _match(events, preds)
        for gi, pi in matched:
            _score_pair(tally, events[gi], preds[pi], by_mention.get(preds[pi]["mention_id"], []), acc)
        hit_g, hit_p = {gi for gi, _ in matched}, {pi for _, pi in matched}
        for gi, event in enumerate(events):
            if gi not in hit_g:
                tally.add(event["type"], "event", fn=1)
                acc["date"] += [0] if "date" in event else []
                acc["place"] += [0] if "place" in event else []
                acc["count"] += [0] * (len(event.get("counts", [])) + len(event.get("returned_to", {})))
        for pi, pred in enumerate(preds):
            if pi not in hit_p:
                tally.add(pred["event_type"], "event", fp=1)
    return _frame(tally, acc, false_on_negatives, negatives)


def _frame(tally: _Tally, acc: dict[str, list[int]], false_on_negatives: int, negatives: int) -> pd.DataFrame:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    rows = []
    for (kind, field), (tp, fp, fn) in sorted(tally.counts.items()):
        totals[field] = [a + b for a, b in zip(totals[field], (tp, fp, fn))]
        rows.append((kind, field, tp, fp, fn))
    rows += [("ALL", field, *cell) for field, cell in sorted(totals.items())]
    records = []
    for kind, field, tp, fp, fn in rows:
        precision, recall, f1 = _rate(tp, fp, fn)
        records.append({"event_type": kind, "field": field, "tp": tp, "fp": fp, "fn": fn, "precision": precision,
                        "recall": recall, "f1": f1, "support": tp + fn, "value": f1})
    for name, values in (("exact_count_accuracy", acc["count"]), ("date_accuracy", acc["date"]),
                         ("place_accuracy", acc["place"])):
        records.append({"event_type": "ALL", "field": name, "support": len(values),
                        "value": sum(values) / len(values) if values else 1.0})
    records.append({"event_type": "ALL", "field": "false_events_on_negatives", "support": negatives,
                    "value": float(false_on_negatives)})
    frame = pd.DataFrame.from_records(records)
    for column in ("tp", "fp", "fn", "support"):
        frame[column] = frame[column].astype("Int64")
    return frame


def format_report(df: pd.DataFrame) -> str:
    """A plain text table: kind, field, counts, precision, recall, f1 (or the value of a summary row)."""
    header = f"{'event_type':<20} {'field':<26} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'rec':>6} {'f1/value':>8}"
    lines = [header, "-" * len(header)]
    for row in df.itertuples(index=False):
        fmt = lambda v: "" if pd.isna(v) else f"{v:.3f}"
        num = lambda v: "" if pd.isna(v) else str(int(v))
        lines.append(f"{row.event_type:<20} {row.field:<26} {num(row.tp):>4} {num(row.fp):>4} {num(row.fn):>4} "
                     f"{fmt(row.precision):>6} {fmt(row.recall):>6} {row.value:>8.3f}")
    return "\n".join(lines)


def gold_as_run(gold: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """A second coder's gold file as if a run had produced it: (articles, mentions, quantities) for ``score``.

    Scoring one human coding against another on the same articles gives the agreement a careful
    coder reaches, the yardstick for the extractor's own scores."""
    articles, mentions, quantities = [], [], []
    for entry in gold:
        article_id = f"a{len(articles)}"
        articles.append({"source_uri": entry["file"], "article_id": article_id})
        for number, event in enumerate(entry["events"]):
            mention_id = f"{article_id}m{number}"
            sides = list(event.get("sides", [])) + [None, None]
            returned = event.get("returned_to", {})
            place = event.get("place", {})
            mentions.append({
                "article_id": article_id, "mention_id": mention_id, "event_type": event["type"],
                "modality": event["modality"], "event_date": event.get("date"),
                "time_precision": event.get("precision"), "side_a": sides[0], "side_b": sides[1],
                "returned_to_a": returned.get(sides[0]), "returned_to_b": returned.get(sides[1]),
                "mediators": event.get("mediators", []), "claimant": event.get("claimant"),
                "claimant_iso3": event.get("claimant_iso3"), "period_start": event.get("period_start"),
                "country_iso3": place.get("country"), "admin1": place.get("admin1"),
                "geo_precision": place.get("precision"), "latitude": place.get("lat"),
                "longitude": place.get("lon"), "evidence_start": number,
            })
            quantities += [{"mention_id": mention_id, "side_iso3": c.get("side"), "item": c["item"],
                            "value": c["value"], "qualifier": c.get("qualifier"), "claimant": c.get("claimant")}
                           for c in event.get("counts", [])]
    columns = ["mention_id", "side_iso3", "item", "value", "qualifier", "claimant"]
    return pd.DataFrame(articles), pd.DataFrame(mentions), pd.DataFrame(quantities, columns=columns)
