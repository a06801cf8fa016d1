"""Whole-knowledge checks on what the texts say: one voice (an instruction a text gives is
declared, and no item says two things that contradict) and reasons told to a person that name
no risk factor they may not have. Split from `checks.py`, which runs them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from legwise.kb.loader import Knowledge


def said_by_text(kb: Knowledge, text: str | None) -> set[str]:
    """Instruction tags a text says, by the phrases in meta.instruction_phrases."""
    lowered = (text or "").lower()
    return {
        tag
        for tag, phrases in kb.meta.instruction_phrases.items()
        if any(p in lowered for p in phrases)
    }


def check_voice(kb: Knowledge) -> list[str]:
    """One voice: every text that says an instruction declares it, tags are known, and no item
    says two things that contradict each other (meta.instruction_conflicts)."""
    out: list[str] = []
    yields: dict[str, set[str]] = {}
    for c in kb.meta.instruction_conflicts:
        yields.setdefault(c.keep, set()).update(c.yields)
    known = set(yields) | {t for ys in yields.values() for t in ys}
    known |= set(kb.meta.instruction_phrases)

    def contradicts(tags: set[str]) -> set[tuple[str, str]]:
        return {(k, y) for k in tags for y in yields.get(k, ()) if y in tags}

    def check_item(where: str, declared: list[str], texts: list[str | None]) -> None:
        tags = set(declared)
        for t in tags - known:
            out.append(f"{where}: unknown instruction tag '{t}'")
        for text in texts:
            for t in sorted(said_by_text(kb, text) - tags):
                out.append(f"{where}: text says '{t}' but does not declare it")
        for k, y in sorted(contradicts(tags)):
            out.append(f"{where}: says both '{k}' and '{y}', which contradict")

    for r in kb.rules.values():
        check_item(
            f"{kb.origin.get(f'rules:{r.id}')}: entry '{r.id}': field asks", r.asks, [r.action]
        )
    # Tests and treatments shown to the person declare what their text says too, so one that
    # contradicts a rule or an advice item gives way (`engine.voice`); an `avoid` line is a
    # contraindication, the safe side, and is not read.
    for cond in kb.conditions.values():
        for item in (*cond.tests, *cond.treatments):
            if item.line == "avoid":
                continue
            variant_texts = (t for v in item.variants for t in (v.name, v.detail))
            texts = [item.name, item.detail, *variant_texts]
            origin = kb.origin.get(f"conditions:{cond.id}")
            where = f"{origin}: entry '{cond.id}': care '{item.id}'"
            check_item(f"{where}: field asks", item.asks, texts)
    for a in kb.advice.values():
        where = f"{kb.origin.get(f'advice:{a.id}')}: entry '{a.id}'"
        if a.kind != "caution":
            texts = [a.how, *(v.how for v in a.variants)]
            check_item(f"{where}: field asks", a.asks, texts)
        # A caution on the avoid list says what its words say ("get up and move around" is
        # "keep moving"), so its texts are read too and a clash with "rest the leg" is caught.
        caution_texts = (
            [a.name, a.how, *(t for v in a.variants for t in (v.name, v.how))]
            if a.kind == "caution"
            else []
        )
        check_item(f"{where}: field avoid_says", a.avoid_says, caution_texts)
        if a.kind == "measure":
            for t in a.avoid_says:
                if any(t in ys for ys in yields.values()):
                    out.append(
                        f"{where}: field avoid_says: '{t}' gives way to another instruction, "
                        "but a contraindication must never give way"
                    )
    return out


def names_finding(kb: Knowledge, text: str, finding: str) -> bool:
    """True when `text` says the finding in one of its own words (its free-text phrases)."""

    def words(t: str) -> str:
        return " " + re.sub(r"[^a-z0-9]+", " ", t.lower()).strip() + " "

    said = words(text)
    return any(words(p) in said for p in kb.findings[finding].phrases if p.strip())


def check_patient_reasons(kb: Knowledge) -> list[str]:
    """A reason that names two or more risk factors the rule takes as alternatives ("cancer or
    an earlier clot") alarms a person who has only one of them: such a rule needs a
    `patient_reason`, and that text names none of them (the page lists the person's own)."""
    out: list[str] = []
    for r in kb.rules.values():
        risks = risk_alternatives(kb, r.id)
        where = f"{kb.origin.get(f'rules:{r.id}')}: entry '{r.id}'"
        named = [f for f in risks if names_finding(kb, r.reason, f)]
        if len(named) >= 2 and not r.patient_reason:
            out.append(
                f"{where}: field patient_reason: the reason names {', '.join(named)}; "
                "say it for the person without naming risk factors they may not have"
            )
        if r.patient_reason:
            for f in risks:
                if names_finding(kb, r.patient_reason, f):
                    out.append(f"{where}: field patient_reason: names the risk factor '{f}'")
    return out


# Findings that are background risks (what a person has or had), not symptoms of today.
RISK_GROUPS = ("history", "about_you")


def risk_alternatives(kb: Knowledge, rule_id: str) -> list[str]:
    """The risk factors a rule accepts as alternatives (two or more under one `any`)."""
    rule = kb.rules.get(rule_id)
    if rule is None:
        return []
    out: list[str] = []
    for node in rule.when.walk():
        if not node.any:
            continue
        risks = [
            c.present
            for c in node.any
            if c.present
            and c.present in kb.findings
            and kb.findings[c.present].group in RISK_GROUPS
        ]
        if len(risks) >= 2:
            out.extend(f for f in risks if f not in out)
    return out


__all__ = [
    "RISK_GROUPS",
    "check_patient_reasons",
    "check_voice",
    "names_finding",
    "risk_alternatives",
    "said_by_text",
]
