"""Exact and near-duplicate articles (syndicated copies), keeping a link from each copy to its original.

Near duplicates are found by word-shingle containment: |A ∩ B| / min(|A|, |B|). Containment
rather than Jaccard, because a wire story republished with an outlet's own header, footer and
related-story links is still wholly contained in the copy. Candidates come from an inverted
index of shingles; shingles in very many articles are boilerplate and are not indexed. Exact,
deterministic, and fast enough for daily batches (tens of thousands of articles).

Copies are not dropped: every row stays, so the distinct outlets of a story survive for
num_sources (`outlets_per_original`).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from typing import Iterable

import numpy
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from transforms.settings import SCHEMA_VERSION

__all__ = ["find_duplicates", "duplicates_by_window", "first_per_article", "outlets_per_original", "NEAR_THRESHOLD",
           "DUPLICATES"]

NEAR_THRESHOLD = 0.8  # containment above which two articles are one story
_SHINGLE = 5  # words per shingle
_MIN_SHINGLES = 8  # shorter texts are too short to call near-duplicates
_COMMON = 50  # a shingle in more articles than this is boilerplate, not evidence
_WORD = re.compile(r"\w+", re.UNICODE)

DUPLICATES = pa.schema([
    pa.field("article_id", pa.string(), nullable=False, metadata={"description": "article in the clean layer"}),
    pa.field("duplicate_of", pa.string(), metadata={
        "description": "the original this article copies (earliest published, then fetched); NULL for originals"}),
    pa.field("similarity", pa.float64(), metadata={
        "description": "word-shingle containment of the copy in its original (1.0 exact); NULL for originals"}),
    pa.field("method", pa.string(), metadata={"description": "exact (same normalised text) or near; NULL for originals"}),
], metadata={"description": "One row per clean article: the original it duplicates, if any.",
             "schema_version": SCHEMA_VERSION})


def _order(articles: pd.DataFrame | pa.Table) -> list[int]:
    """Row positions, earliest first: the original is the earliest published (then fetched) copy, ties by
    article_id; missing dates last. A stable sort on plain tuples: most build windows hold a few articles,
    and a pandas sort per window cost more than the comparison itself."""
    n = len(articles)
    keys = []
    for column, utc in (("published_date", False), ("fetched_at", True)):
        if isinstance(articles, pa.Table):  # the build's windows: days and UTC microseconds as integers
            if column in articles.column_names:
                ticks = articles.column(column)
                ticks = ticks.cast(pa.int32() if pa.types.is_date32(ticks.type) else pa.int64()).to_pylist()
                keys.append([(True, 0) if tick is None else (False, tick) for tick in ticks])
            else:
                keys.append([(True, 0)] * n)
        elif column in articles:
            parsed = pd.DatetimeIndex(pd.to_datetime(articles[column], errors="coerce", utc=utc))
            keys.append(list(zip(parsed.isna().tolist(), parsed.asi8.tolist())))  # asi8: UTC ticks if tz-aware
        else:
            keys.append([(True, 0)] * n)
    ids = _column(articles, "article_id")
    return sorted(range(n), key=lambda i: (keys[0][i], keys[1][i], ids[i]))


def _column(articles: pd.DataFrame | pa.Table, name: str) -> list:
    return articles.column(name).to_pylist() if isinstance(articles, pa.Table) else articles[name].tolist()


def find_duplicates(articles: pd.DataFrame, *, threshold: float = NEAR_THRESHOLD) -> pd.DataFrame:
    """One row per input article: article_id, duplicate_of (None for originals), similarity, method.

    Needs columns article_id and text; uses published_date and fetched_at when present to pick
    the original. method is "exact" (same normalised text), "near" (containment >= threshold)
    or None. duplicate_of always points at a root, never at another copy.
    """
    rows, _ = _find(articles, threshold, {})
    # Plain object columns with None (not NaN) for "no original", the same under pandas 2 and 3.
    columns = list(zip(*rows)) or [(), (), (), ()]
    return pd.DataFrame({
        "article_id": pd.Series(columns[0], dtype=object),
        "duplicate_of": pd.Series(columns[1], dtype=object),
        "similarity": pd.Series([numpy.nan if v is None else v for v in columns[2]], dtype="float64"),
        "method": pd.Series(columns[3], dtype=object)})


def _gram_set(normal: str, size: int = _SHINGLE) -> frozenset[tuple[str, ...]]:
    """The overlapping word n-grams of a normalised text (lower-case words joined by single spaces), as
    tuples: zip builds them in C, several times faster than joining each n-gram into a string. A text
    shorter than one n-gram is one gram of all its words."""
    words = normal.split(" ") if normal else []
    if len(words) < size:
        return frozenset([tuple(words)])
    return frozenset(zip(*(words[i:] for i in range(size))))


def _find(articles: pd.DataFrame | pa.Table, threshold: float, previous: dict[str, tuple]) -> tuple[list[tuple], dict]:
    """find_duplicates' rows in the caller's order, and text -> (key, grams) of this frame's articles.

    previous holds those of the last window: an article in two overlapping windows is normalised and
    shingled once."""
    all_ids, texts = _column(articles, "article_id"), _column(articles, "text")
    index: dict[tuple, int | list[int]] = {}  # shingle -> position of its root article, or a list of several
    exact: dict[str, int] = {}
    roots: list[tuple[str, frozenset[tuple[str, ...]]]] = []
    rows = []
    current: dict[str, tuple] = {}
    for position in _order(articles):
        article_id, text = all_ids[position], str(texts[position])
        known = current.get(text) or previous.get(text)
        if known is None:
            normal = " ".join(_WORD.findall(text.lower()))
            known = (hashlib.sha256(normal.encode()).hexdigest(), normal)
        current[text] = known
        key = known[0]
        if key in exact:
            rows.append((article_id, roots[exact[key]][0], 1.0, "exact"))
            continue
        if isinstance(known[1], str):  # grams computed once per text, on first need
            known = current[text] = (key, _gram_set(known[1]))
        grams = known[1]
        match = _best_match(grams, index, roots, threshold) if len(grams) >= _MIN_SHINGLES else None
        if match is not None:
            position, similarity = match
            rows.append((article_id, roots[position][0], round(similarity, 4), "near"))
            continue
        exact[key] = len(roots)
        _index_root(index, grams, len(roots))
        roots.append((article_id, grams))
        rows.append((article_id, None, None, None))
    # Back to the caller's row order, so output lines up with the input frame.
    order = {article_id: number for number, article_id in enumerate(all_ids)}
    rows.sort(key=lambda row: order[row[0]])
    return rows, current


def duplicates_by_window(windows: Iterable[tuple[pd.DataFrame | pa.Table, Iterable[str]]], *,
                         threshold: float = NEAR_THRESHOLD) -> pd.DataFrame:
    """find_duplicates over overlapping windows (a publication week plus a margin, say), in bounded memory.

    Each window is (articles, ids of the articles it decides for), the articles as a pandas frame or an
    Arrow table (the build's windows: no frame per window); an article outside that set is there only as
    a candidate original. Links are then followed to their roots, so duplicate_of
    always names an original. One row per decided article (its first decision), sorted by article_id.
    """
    # Each window's decisions go to a small Arrow table, not Python tuples kept while every later window's
    # shingles come and go: those pinned ~12 MB more of the heap at 100,000 articles.
    parts: list[pa.Table] = []
    previous: dict[str, tuple] = {}
    for frame, own in windows:
        if len(frame) == 1:
            # an article alone in its window copies nothing (most windows of a sparse feed): no need to
            # normalise and shingle its text
            found = [(_column(frame, "article_id")[0], None, None, None)]
        elif len(frame):
            found, previous = _find(frame, threshold, previous)
        else:
            continue
        mine = set(own)
        if rows := [row for row in found if row[0] in mine]:
            parts.append(pa.table([pa.array(values, field.type) for values, field in zip(zip(*rows), _DECIDED)],
                                  schema=_DECIDED))
    result = _to_roots(pa.concat_tables(parts) if parts else _DECIDED.empty_table())
    result = result.take(pc.sort_indices(result, [("article_id", "ascending")]))  # stable: first decision first
    result = first_per_article(result)
    return pd.DataFrame({
        "article_id": pd.Series(result.column("article_id").to_pylist(), dtype=object),
        "duplicate_of": pd.Series(result.column("duplicate_of").to_pylist(), dtype=object),
        "similarity": pd.Series(result.column("similarity").to_numpy(zero_copy_only=False), dtype="float64"),
        "method": pd.Series(result.column("method").to_pylist(), dtype=object)})


def first_per_article(table: pa.Table) -> pa.Table:
    """The first row of each article_id in a table sorted by article_id (pandas' drop_duplicates, in Arrow:
    a few milliseconds less per window)."""
    ids = table.column("article_id")
    if len(ids) < 2:
        return table
    first = pc.not_equal(ids.slice(1), ids.slice(0, len(ids) - 1))
    return table.filter(pa.concat_arrays([pa.array([True])] + [pc.fill_null(c, True) for c in first.chunks]))


_DECIDED = pa.schema([("article_id", pa.string()), ("duplicate_of", pa.string()), ("similarity", pa.float64()),
                      ("method", pa.string())])


def _to_roots(decided: pa.Table) -> pa.Table:
    """duplicate_of followed to the root: the original is always earlier in one global order, so following
    links ends. An article decided twice links by its last decision, as a dict of every row would; only
    the rows of articles that are copies somewhere (few) go through Python."""
    originals = decided.column("duplicate_of").combine_chunks()  # replace_with_mask takes arrays only
    copies = pc.is_valid(originals)
    if not pc.any(copies).as_py():
        return decided
    ids = decided.column("article_id")
    involved = pc.is_in(ids, pc.unique(ids.filter(copies)))
    links = dict(zip(ids.filter(involved).to_pylist(), originals.filter(involved).to_pylist()))
    roots = []
    for target in originals.filter(copies).to_pylist():
        while links.get(target) is not None:
            target = links[target]
        roots.append(target)
    return decided.set_column(1, "duplicate_of", pc.replace_with_mask(originals, copies, pa.array(roots, pa.string())))


def _shared(grams: frozenset, index: dict) -> frozenset:
    """The grams already in the index. Set differences against a dict run in C with the grams' cached
    hashes, so a text's grams are only walked in Python where other roots share them: a few
    boilerplate shingles for a new story, most of them for a copy."""
    return grams.difference(grams.difference(index))


def _index_root(index: dict, grams: frozenset, root: int):
    """Add a root's grams: most are new and take the position itself; a gram with more than _COMMON
    roots stops growing and is no longer evidence (see _best_match)."""
    for gram in _shared(grams, index):
        postings = index[gram]
        if isinstance(postings, int):
            index[gram] = [postings, root]
        elif len(postings) <= _COMMON:
            postings.append(root)
    index.update(dict.fromkeys(grams.difference(index), root))


def _best_match(grams: frozenset, index: dict, roots: list, threshold: float) -> tuple[int, float] | None:
    shared: dict[int, int] = defaultdict(int)
    for gram in _shared(grams, index):
        postings = index[gram]
        if isinstance(postings, int):
            shared[postings] += 1
        elif len(postings) <= _COMMON:
            for position in postings:
                shared[position] += 1
    best = None
    for position, count in sorted(shared.items()):
        similarity = count / min(len(grams), len(roots[position][1]))
        if similarity >= threshold and (best is None or similarity > best[1]):
            best = (position, similarity)
    return best


def outlets_per_original(articles: pd.DataFrame, duplicates: pd.DataFrame) -> pd.DataFrame:
    """original article_id -> number and sorted list of distinct outlets carrying the story.

    The outlet is the `source` column, else `site`; a story syndicated to three outlets
    counts three sources even though its text is extracted once.
    """
    outlet = articles["source"] if "source" in articles else articles["site"]
    if "site" in articles:
        outlet = outlet.fillna(articles["site"])
    frame = pd.DataFrame({"article_id": articles["article_id"].to_numpy(), "outlet": outlet.to_numpy()})
    frame = frame.merge(duplicates[["article_id", "duplicate_of"]], on="article_id", how="left")
    frame["original_id"] = frame["duplicate_of"].fillna(frame["article_id"])
    grouped = frame.dropna(subset=["outlet"]).groupby("original_id")["outlet"]
    result = grouped.agg(lambda names: sorted(set(names))).rename("outlets").reset_index()
    result["source_count"] = result["outlets"].map(len).astype("int64")
    everyone = pd.DataFrame({"original_id": frame["original_id"].drop_duplicates()})
    result = everyone.merge(result, on="original_id", how="left")
    result["outlets"] = result["outlets"].map(lambda v: v if isinstance(v, list) else [])
    result["source_count"] = result["source_count"].fillna(0).astype("int64")
    result["original_id"] = result["original_id"].astype(object)
    return result.rename(columns={"original_id": "article_id"}).sort_values("article_id").reset_index(drop=True)
