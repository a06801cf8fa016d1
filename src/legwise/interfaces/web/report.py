"""The doctor's report: what a clinician reads in a minute, on one page first.

Built from the same assessment the person saw. Clinical names, scores only where they apply
(Wells when a clot is in question, IRLSSG for restless legs, the ABI when measured), the
positive findings in full, the negatives grouped and short, and only the sources behind what
the report shows. No internal rule ids.
"""

from __future__ import annotations

from typing import Any

from legwise.interfaces import views as view
from legwise.kb.loader import Knowledge

TOP_CAUSES = 5  # rows in the differential
EVIDENCE_CAUSES = 3  # causes whose key evidence is listed
EVIDENCE_ITEMS = 4  # items for and against each of them
SCORE_CAUSE = {"wells_dvt": "deep_vein_thrombosis", "irlssg": "restless_legs_syndrome"}
SCORE_MIN_PROBABILITY = 0.05  # a score "applies" when its cause is this likely, or named
GROUP_NAMES = {
    "red_flags": "Warning signs",
    "pattern": "Pain pattern",
    "course": "Course",
    "history": "History and risk factors",
    "exam": "Examination",
    "about_you": "About the person",
}
PRESENT = ("present", "yes")
ABSENT = ("absent", "no")


def _clinical(kb: Knowledge, cid: str, fallback: str) -> str:
    spec = kb.conditions.get(cid)
    return spec.clinical_name if spec else fallback


def _findings(kb: Knowledge, case: dict[str, Any], states: tuple[str, ...]) -> list[str]:
    out = []
    for fid, value in (case.get("findings") or {}).items():
        if isinstance(value, bool):
            value = "present" if value else "absent"
        if value in states:
            out.append(view.finding_label(kb, fid))
    return out


def _numbers(kb: Knowledge, case: dict[str, Any]) -> list[str]:
    out = []
    for fid, value in (case.get("findings") or {}).items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            out.append(f"{view.finding_label(kb, fid)}: {view.answer_text(kb, fid, value)}")
    return out


def _negatives(kb: Knowledge, case: dict[str, Any]) -> list[dict[str, Any]]:
    groups: dict[str, list[str]] = {}
    for fid, value in (case.get("findings") or {}).items():
        if value in ABSENT or value is False:
            spec = kb.findings.get(fid)
            group = spec.group if spec else "history"
            groups.setdefault(group, []).append(view.finding_label(kb, fid))
    return [
        {"group": GROUP_NAMES.get(g, g), "items": groups[g]} for g in GROUP_NAMES if g in groups
    ]


def _scores(kb: Knowledge, result: dict[str, Any], named: list[str]) -> list[dict[str, Any]]:
    probability = {c["id"]: float(c["probability"]) for c in result["conditions"]}
    out = []
    for sid, data in result["scores"].items():
        cause = SCORE_CAUSE.get(sid)
        if cause is not None and not (
            cause in named or probability.get(cause, 0.0) >= SCORE_MIN_PROBABILITY
        ):
            continue
        spec = kb.scores.get(sid)
        out.append({"id": sid, "name": spec.name if spec else sid, "data": data})
    return out


def _evidence_line(kb: Knowledge, cause: dict[str, Any]) -> dict[str, Any]:
    ev = view.evidence(kb, cause["evidence"])

    def words(rows: list[dict[str, Any]]) -> list[str]:
        return [f"{r['label']} (LR {r['ratio_text']})" for r in rows[:EVIDENCE_ITEMS]]

    shown = ev["for"][:EVIDENCE_ITEMS] + ev["against"][:EVIDENCE_ITEMS]
    refs = [s for r in shown for s in r["sources"]]
    return {"for": words(ev["for"]), "against": words(ev["against"]), "refs": refs}


def doctor_report(kb: Knowledge, result: dict[str, Any], case: dict[str, Any]) -> dict[str, Any]:
    """The report's parts, in reading order; `cited` holds only the sources it shows."""
    tri = result["triage"]
    named = view.level_causes(result)
    cited: dict[str, None] = {}

    def cite(refs: list[dict[str, Any]]) -> None:
        for ref in refs:
            if ref.get("ref"):
                cited.setdefault(str(ref["ref"]), None)

    reasons = []
    for r in tri["reasons"]:
        cite(r.get("sources", []))
        label = kb.levels[r["level"]].label if r.get("level") in kb.levels else ""
        reasons.append({"title": r["title"], "text": r["text"], "level_label": label})
    differential: list[dict[str, Any]] = []
    for c in result["conditions"][:TOP_CAUSES]:
        p = float(c["probability"])
        row = {
            "name": _clinical(kb, c["id"], c["name"]),
            "percent": f"{p:.0%}" if p >= 0.01 else "<1%",
            "dangerous": c["dangerous"],
            "evidence": None,
        }
        if len(differential) < EVIDENCE_CAUSES:
            row["evidence"] = _evidence_line(kb, c)
            cite(row["evidence"]["refs"])
        differential.append(row)
    tests = []
    for t in result["advice"]["tests"]:
        if t.get("line") not in (None, "first"):
            continue
        cid = t.get("condition", "")
        tests.append({"name": t["name"], "for": _clinical(kb, cid, cid)})
        cite(t.get("sources", []))
    sources = []
    for ref in cited:
        src = kb.sources.get(ref)
        text = result.get("sources", {}).get(ref) or (src.title if src else ref)
        if src and src.url and not view.publisher_link(src.url):
            text = text.replace(src.url, "").strip()  # a copy elsewhere is not the source
        sources.append({"ref": ref, "text": text, "href": view.source_href(src) if src else None})
    age, sex = case.get("age"), case.get("sex")
    return {
        "who": {
            "age": f"{age:g} years" if isinstance(age, int | float) else "not given",
            "sex": str(sex).capitalize()
            if isinstance(sex, str) and sex != "unknown"
            else "not given",
        },
        "report_reasons": reasons,
        "positives": _findings(kb, case, PRESENT) + _numbers(kb, case),
        "negatives": _negatives(kb, case),
        "report_scores": _scores(kb, result, named),
        "differential": differential,
        "first_tests": tests,
        "cited": sources,
    }
