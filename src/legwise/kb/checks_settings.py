"""Whole-knowledge checks of the settings: the diary's rules and night choices, the record's
active-only findings, one definition of "suspected", population variants. Split from
`checks.py`, which runs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from legwise.kb.schema import LEVELS

if TYPE_CHECKING:
    from legwise.kb.loader import Knowledge


def check_diary(kb: Knowledge) -> list[str]:
    """Each diary trend rule sets, and each night symptom is, a yes/no finding the knowledge
    base defines; each night self-care choice is a `measure` advice item."""
    if kb.diary is None:
        return []
    out: list[str] = []
    for name, rule in kb.diary.rules().items():
        spec = kb.findings.get(rule.finding)
        if spec is None or spec.type != "state":
            out.append(
                f"diary.yaml: field {name}.finding: '{rule.finding}' is not a yes/no finding"
            )
    night = kb.diary.night_symptoms.findings if kb.diary.night_symptoms else []
    for i, fid in enumerate(night):
        spec = kb.findings.get(fid)
        if spec is None or spec.type != "state":
            out.append(
                f"diary.yaml: field night_symptoms.findings[{i}]: '{fid}' is not a yes/no finding"
            )
    for i, aid in enumerate(kb.diary.night_self_care):
        advice = kb.advice.get(aid)
        if advice is None or advice.kind != "measure":
            out.append(f"diary.yaml: field night_self_care[{i}]: '{aid}' is not a measure")
    return out


def check_record_active_only(kb: Knowledge) -> list[str]:
    """The findings a record gives only while active are yes/no findings."""
    setting = kb.meta.record_active_only
    out: list[str] = []
    for i, fid in enumerate(setting.findings if setting else []):
        spec = kb.findings.get(fid)
        if spec is None or spec.type != "state":
            out.append(
                f"meta.yaml: field record_active_only.findings[{i}]: '{fid}' is not a yes/no "
                "finding"
            )
    return out


def check_suspicion(kb: Knowledge) -> list[str]:
    """One definition of "suspected" for each dangerous cause: a threshold rule at
    consultation_24 or above, so advice that treats a cause as suspected always comes with at
    least a same-day level; and no rule below that level may name such a cause."""
    out: list[str] = []
    if not kb.meta.suspicion_rules:
        return out  # a knowledge base without the setting (older or test fixtures) opts out
    same_day = kb.meta.warning_signs.level
    floor = LEVELS.index(same_day)
    governed: set[str] = set()
    for rid in kb.meta.suspicion_rules:
        rule = kb.rules.get(rid)
        if rule is None:
            out.append(f"meta.yaml: suspicion_rules: unknown rule '{rid}'")
            continue
        test = rule.when.probability
        if test is None or LEVELS.index(rule.level) < floor:
            out.append(
                f"meta.yaml: suspicion_rules: '{rid}' must be a bare probability rule at "
                f"{same_day} or above"
            )
            continue
        if test.condition in governed:
            out.append(f"meta.yaml: suspicion_rules: '{test.condition}' has two rules")
        governed.add(test.condition)
    for cid, cond in kb.conditions.items():
        if cond.dangerous and cid not in governed and cid not in kb.meta.suspicion_exempt:
            out.append(
                f"meta.yaml: suspicion_rules: dangerous condition '{cid}' has no suspicion rule "
                "(or a reason in suspicion_exempt)"
            )
    for r in kb.rules.values():
        low = LEVELS.index(r.level) < floor
        for cid in set(r.suspects) & governed:
            if low:
                out.append(
                    f"{kb.origin.get(f'rules:{r.id}')}: entry '{r.id}': names '{cid}' in "
                    f"suspects below {same_day}; a suspected dangerous cause needs a "
                    "same-day level"
                )
    return out


def check_populations(kb: Knowledge) -> list[str]:
    """Every population variant names a population in meta.yaml."""
    known = {p.id for p in kb.meta.populations}
    out: list[str] = []
    for a in kb.advice.values():
        for v in a.variants:
            if v.population not in known:
                out.append(f"advice '{a.id}': variant for unknown population '{v.population}'")
    for c in kb.conditions.values():
        for item in (*c.tests, *c.treatments):
            for variant in item.variants:
                if variant.population not in known:
                    out.append(
                        f"conditions: '{c.id}': item '{item.id}': variant for unknown "
                        f"population '{variant.population}'"
                    )
    return out


__all__ = [
    "check_diary",
    "check_populations",
    "check_record_active_only",
    "check_suspicion",
]
