"""Which sources run on which cron schedule (pure): the plan `sitrep serve` turns into deployments."""

from __future__ import annotations

from pathlib import Path

from transforms.sources import REMOTE_KINDS, classify_source, load_sources_toml

__all__ = ["DEFAULT_CRON", "plan_schedules"]

DEFAULT_CRON = "0 */6 * * *"  # every six hours


def plan_schedules(sources: list[str], default_cron: str | None = None) -> list[tuple[str, list[str]]]:
    """(cron, sources) pairs, one per distinct schedule, in first-seen order.

    A sources TOML whose entries share one schedule hint (or carry none) stays whole, so its
    filters apply. Entries with different hints are split by schedule and passed as SOURCE
    strings (`feed:https://...`); their per-source filters do not travel with them.
    """
    cron = default_cron or DEFAULT_CRON
    plan: dict[str, list[str]] = {}
    for source in sources:
        if classify_source(source) != "toml":
            plan.setdefault(cron, []).append(source)
            continue
        specs = load_sources_toml(Path(source))
        hints = {spec.schedule or cron for spec in specs}
        if len(hints) <= 1:
            plan.setdefault(hints.pop() if hints else cron, []).append(source)
            continue
        for spec in specs:
            text = f"{spec.kind}:{spec.url}" if spec.kind in REMOTE_KINDS else spec.url
            plan.setdefault(spec.schedule or cron, []).append(text)
    return list(plan.items()) or [(cron, [])]
