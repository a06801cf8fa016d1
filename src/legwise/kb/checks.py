"""Whole-knowledge consistency checks, run after every record has passed its own schema.

Each check returns human-readable problems naming the file and the entry, so a knowledge
author sees every fault in one run.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from legwise.kb.checks_settings import (
    check_diary,
    check_populations,
    check_record_active_only,
    check_suspicion,
)
from legwise.kb.checks_text import (
    check_patient_reasons,
    check_voice,
    names_finding,
    risk_alternatives,
    said_by_text,
)
from legwise.kb.expr import Expr
from legwise.kb.schema import LEVELS, SourceRef

if TYPE_CHECKING:
    from legwise.kb.loader import Knowledge


def _walk_models(obj: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every value inside a record, with its field path; stops at condition trees."""
    yield path, obj
    if isinstance(obj, BaseModel) and not isinstance(obj, Expr):
        for name in type(obj).model_fields:
            yield from _walk_models(getattr(obj, name), f"{path}.{name}")
    elif isinstance(obj, list | tuple):
        for i, item in enumerate(obj):
            yield from _walk_models(item, f"{path}[{i}]")


def _all_records(kb: Knowledge) -> Iterator[tuple[str, BaseModel]]:
    for kind, table in (
        ("sources", kb.sources),
        ("conditions", kb.conditions),
        ("findings", kb.findings),
        ("rules", kb.rules),
        ("advice", kb.advice),
        ("scores", kb.scores),
        ("questions", kb.questions),
    ):
        for key, rec in table.items():
            yield f"{kb.origin.get(f'{kind}:{key}', kind)}: entry '{key}'", rec
    for cond, links in kb.links.items():
        where = kb.origin.get(f"evidence:{cond}", "evidence")
        for link in links:
            yield f"{where}: link '{link.finding}'", link
    for cond, groups in kb.combined.items():
        where = kb.origin.get(f"evidence:{cond}", "evidence")
        for group in groups:
            yield f"{where}: combined '{group.id}'", group
    yield "meta.yaml", kb.meta
    if kb.diary is not None:
        yield "diary.yaml", kb.diary


def red_flag_findings(kb: Knowledge) -> set[str]:
    """Findings that can make a rule at the warning-sign level (`meta.warning_signs`, same-day
    care) or above fire: asked first, never read as absent, bound by safety monotonicity."""
    floor = LEVELS.index(kb.meta.warning_signs.level)
    out: set[str] = set()
    for rule in kb.rules.values():
        if LEVELS.index(rule.level) >= floor:
            out |= rule.when.positive_findings()
    return out


def check(kb: Knowledge) -> list[str]:
    """Every whole-knowledge problem, as text naming file and entry."""
    problems: list[str] = []
    problems += _check_sources(kb)
    problems += _check_references(kb)
    problems += _check_links(kb)
    problems += _check_directions(kb)
    problems += _check_combined(kb)
    problems += _check_rules(kb)
    problems += _check_safety_monotonicity(kb)
    problems += _check_orphans(kb)
    problems += _check_levels(kb)
    problems += _check_questions(kb)
    problems += check_diary(kb)
    problems += check_record_active_only(kb)
    problems += check_suspicion(kb)
    problems += check_populations(kb)
    problems += check_voice(kb)
    problems += check_patient_reasons(kb)
    return problems


def _check_sources(kb: Knowledge) -> list[str]:
    out: list[str] = []
    used: set[str] = set()
    for where, rec in _all_records(kb):
        for path, obj in _walk_models(rec, ""):
            if isinstance(obj, SourceRef):
                used.add(obj.ref)
                if obj.ref not in kb.sources:
                    out.append(f"{where}: field {path.lstrip('.')}: unknown source '{obj.ref}'")
    for key in kb.sources:
        if key not in used:
            out.append(f"{kb.origin.get(f'sources:{key}')}: entry '{key}': source never cited")
    return out


def _check_expr(kb: Knowledge, where: str, expr: Expr) -> list[str]:
    out: list[str] = []
    for f in expr.findings():
        if f not in kb.findings:
            out.append(f"{where}: unknown finding '{f}'")
    for node in expr.walk():
        nf = node.number.finding if node.number else None
        if nf and nf in kb.findings and kb.findings[nf].type != "number":
            out.append(f"{where}: '{nf}' is not a number finding")
        for fid in (node.present, node.absent):
            if fid and fid in kb.findings and kb.findings[fid].type == "number":
                out.append(f"{where}: '{fid}' is a number finding; use a number test")
    for c in expr.conditions():
        if c not in kb.conditions:
            out.append(f"{where}: unknown condition '{c}'")
    for s in expr.scores():
        if s not in kb.scores or kb.scores[s].kind != "points":
            out.append(f"{where}: unknown points score '{s}'")
    for s in expr.uses_sex():
        if s not in ("female", "male", "other"):
            out.append(f"{where}: unknown sex '{s}'")
    return out


def _check_references(kb: Knowledge) -> list[str]:
    out: list[str] = []
    for where, rec in _all_records(kb):
        for path, obj in _walk_models(rec, ""):
            if isinstance(obj, Expr):
                out += _check_expr(kb, f"{where}: field {path.lstrip('.')}", obj)
    for f in kb.findings.values():
        where = f"{kb.origin.get(f'findings:{f.id}')}: entry '{f.id}'"
        for imp in f.implies:
            target = kb.findings.get(imp.finding)
            if target is None or target.type != "state":
                out.append(f"{where}: implies unknown state finding '{imp.finding}'")
    for a in kb.advice.values():
        for h in a.helps:
            if h.condition not in kb.conditions:
                out.append(f"advice '{a.id}': helps unknown condition '{h.condition}'")
    for r in kb.rules.values():
        for c in r.suspects:
            if c not in kb.conditions:
                out.append(f"rule '{r.id}': suspects unknown condition '{c}'")
        for c in r.excludes:
            if c not in kb.conditions:
                out.append(f"rule '{r.id}': excludes unknown condition '{c}'")
            elif c in r.about or c in r.suspects:
                out.append(f"rule '{r.id}': both names and excludes '{c}'")
        for c in r.about:
            if c not in kb.conditions:
                out.append(f"rule '{r.id}': about unknown condition '{c}'")
            elif not kb.conditions[c].dangerous:
                out.append(f"rule '{r.id}': about '{c}', which is not a dangerous condition")
    for s in kb.scores.values():
        if s.finding and (s.finding not in kb.findings or kb.findings[s.finding].type != "number"):
            out.append(f"score '{s.id}': finding '{s.finding}' is not a number finding")
        item_ids = {i.id for i in s.items}
        for v in s.variants:
            for x in v.exclude:
                if x not in item_ids:
                    out.append(f"score '{s.id}': variant '{v.id}' excludes unknown item '{x}'")
    return out


def _check_links(kb: Knowledge) -> list[str]:
    out: list[str] = []
    for cond in kb.conditions:
        if cond not in kb.links:
            out.append(f"conditions: '{cond}' has no evidence file")
    for cond, links in kb.links.items():
        where = kb.origin.get(f"evidence:{cond}", "evidence")
        if cond not in kb.conditions:
            out.append(f"{where}: unknown condition '{cond}'")
            continue
        seen: set[str] = set()
        adjusted = set()
        for adj in kb.conditions[cond].prior.adjustments:
            adjusted |= adj.when.findings()
        for link in links:
            f = kb.findings.get(link.finding)
            if f is None:
                out.append(f"{where}: link '{link.finding}': unknown finding")
                continue
            if link.finding in seen:
                out.append(f"{where}: link '{link.finding}': duplicate link")
            seen.add(link.finding)
            if link.bands is not None and f.type != "number":
                out.append(f"{where}: link '{link.finding}': bands need a number finding")
            if link.bands is None and f.type != "state":
                out.append(f"{where}: link '{link.finding}': a {f.type} finding needs bands")
            if link.finding in adjusted:
                out.append(
                    f"{where}: link '{link.finding}': also used in the prior adjustments of "
                    f"'{cond}' (counted twice)"
                )
    return out


def _check_directions(kb: Knowledge) -> list[str]:
    """Each ratio points one way: a finding that raises the odds when present lowers them (or
    leaves them) when absent, and the reverse; and where the knowledge declares the direction
    its source gives (`direction`), the ratios follow it. This catches a ratio typed the
    wrong way round (a warning sign for a condition that lowers it)."""
    out: list[str] = []
    for cond, links in kb.links.items():
        where = kb.origin.get(f"evidence:{cond}", "evidence")
        for link in links:
            if link.bands is not None:
                continue
            pos, neg = link.positive, link.negative
            if (pos > 1 and neg > 1) or (pos < 1 and neg < 1):
                out.append(
                    f"{where}: link '{link.finding}': LR+ {pos:g} and LR- {neg:g} point the same "
                    "way (present and absent cannot both raise, or both lower, the odds)"
                )
            if link.direction == "raises" and not (pos > 1 and neg <= 1):
                out.append(
                    f"{where}: link '{link.finding}': declared to raise '{cond}' but LR+ is "
                    f"{pos:g} (needs > 1) and LR- {neg:g} (needs <= 1)"
                )
            if link.direction == "lowers" and not (pos < 1 and neg >= 1):
                out.append(
                    f"{where}: link '{link.finding}': declared to lower '{cond}' but LR+ is "
                    f"{pos:g} (needs < 1) and LR- {neg:g} (needs >= 1)"
                )
    # A rule says which dangerous cause its findings point to (`about`): none of those
    # findings may lower that cause's odds when present.
    for r in kb.rules.values():
        for cond in r.about:
            for link in kb.links.get(cond, []):
                fires_on = link.finding in r.when.positive_findings()
                if link.bands is None and fires_on and link.positive < 1:
                    out.append(
                        f"{kb.origin.get(f'evidence:{cond}', 'evidence')}: link "
                        f"'{link.finding}': rule '{r.id}' is about '{cond}' and fires on "
                        f"this finding, but its LR+ {link.positive:g} lowers '{cond}'"
                    )
    return out


def _check_combined(kb: Knowledge) -> list[str]:
    """A combined group names state findings that each carry a ratio for its condition, and
    no finding is in two groups of one condition (the caps would overlap)."""
    out: list[str] = []
    for cond, groups in kb.combined.items():
        where = kb.origin.get(f"evidence:{cond}", "evidence")
        linked = {link.finding: link for link in kb.links.get(cond, []) if link.bands is None}
        seen: dict[str, str] = {}
        for group in groups:
            if len(set(group.findings)) != len(group.findings):
                out.append(f"{where}: combined '{group.id}': a finding is listed twice")
            for fid in group.findings:
                if fid not in linked:
                    out.append(
                        f"{where}: combined '{group.id}': '{fid}' has no yes/no likelihood "
                        f"ratio for '{cond}'"
                    )
                if fid in seen:
                    out.append(f"{where}: combined '{group.id}': '{fid}' is also in '{seen[fid]}'")
                seen[fid] = group.id
    return out


def _check_rules(kb: Knowledge) -> list[str]:
    out: list[str] = []
    for r in kb.rules.values():
        if any(n.suspected for n in r.when.walk()):
            out.append(
                f"{kb.origin.get(f'rules:{r.id}')}: entry '{r.id}': field when: triage rules "
                "may not use 'suspected' (it depends on which rules fired); use probability"
            )
        if not r.when.is_monotone():
            where = kb.origin.get(f"rules:{r.id}")
            out.append(
                f"{where}: entry '{r.id}': field when: triage rules may not use 'absent' or "
                "'not' (answering more must never lower urgency)"
            )
    return out


def _check_safety_monotonicity(kb: Knowledge) -> list[str]:
    """A red-flag finding must never pull down a condition that a rule thresholds on."""
    out: list[str] = []
    flags = red_flag_findings(kb)
    watched: set[str] = set()
    for r in kb.rules.values():
        watched |= r.when.conditions()
    for cond in watched:
        for link in kb.links.get(cond, []):
            if link.finding not in flags or link.bands is not None:
                continue
            if link.positive < 1 or link.negative > 1:
                out.append(
                    f"{kb.origin.get(f'evidence:{cond}')}: link '{link.finding}': red-flag "
                    f"finding needs LR+ >= 1 and LR- <= 1 for '{cond}', which a triage rule "
                    "thresholds on"
                )
        if cond in kb.conditions:
            # Only yes/no warning signs are "added" to a case; age is a fact about the person.
            yes_no = {f for f in flags if f in kb.findings and kb.findings[f].type == "state"}
            for adj in kb.conditions[cond].prior.adjustments:
                if adj.odds_ratio < 1 and adj.when.positive_findings() & yes_no:
                    out.append(
                        f"conditions: '{cond}': a prior adjustment lowers the odds on red-flag "
                        "finding(s)"
                    )
    return out


def _check_orphans(kb: Knowledge) -> list[str]:
    used: set[str] = set()
    for links in kb.links.values():
        used |= {link.finding for link in links}
    for _where, rec in _all_records(kb):
        for _path, obj in _walk_models(rec, ""):
            if isinstance(obj, Expr):
                used |= obj.findings()
    for s in kb.scores.values():
        if s.finding:
            used.add(s.finding)
    for f in kb.findings.values():
        if f.implies:
            used.add(f.id)
    used |= {"age", "sex"}
    return [
        f"{kb.origin.get(f'findings:{fid}')}: entry '{fid}': finding is used by no link, rule, "
        "score or advice"
        for fid in kb.findings
        if fid not in used
    ]


def _check_levels(kb: Knowledge) -> list[str]:
    if tuple(kb.levels) != LEVELS:
        return [f"levels.yaml: levels must be listed least to most urgent: {list(LEVELS)}"]
    return []


def _check_questions(kb: Knowledge) -> list[str]:
    """Grouped questions name yes/no findings, and each finding sits in one group at most."""
    out: list[str] = []
    seen: dict[str, str] = {}
    for q in kb.questions.values():
        where = f"{kb.origin.get(f'questions:{q.id}')}: entry '{q.id}'"
        for fid in q.findings:
            spec = kb.findings.get(fid)
            if spec is None or spec.type != "state":
                out.append(f"{where}: '{fid}' is not a yes/no finding")
            if fid in seen:
                out.append(f"{where}: '{fid}' is already asked in group '{seen[fid]}'")
            seen[fid] = q.id
    return out


__all__ = [
    "check",
    "names_finding",
    "red_flag_findings",
    "risk_alternatives",
    "said_by_text",
]
