"""What people are shown, built from an assessment's `to_dict()` and the knowledge base: the
view models of the web pages, the doctor's report and the terminal screen.

Display only: labels for ids, links for sources, for/against splits of the evidence, which
causes are listed, the words a person reads for a rule. Every clinical decision was already
made by the engine. The terminal, the web result and the report all take these from here, so
they list the same causes with the same cut-offs and name findings the same way.
"""

from __future__ import annotations

from typing import Any

from legwise.interfaces.frequencies import in_ten
from legwise.interfaces.patient_reasons import patient_reason, present_findings
from legwise.kb.loader import Knowledge
from legwise.kb.schema import Source

# An icon and a word with each level, so urgency never rests on colour alone.
ICONS = {
    "self_care": "✓",
    "consultation": "ℹ",
    "consultation_24": "!",
    "emergency": "⚠",
    "emergency_ambulance": "⚠",
}
EMERGENCY_LEVELS = ("emergency", "emergency_ambulance")
STATE_WORDS = {"present": "Yes", "absent": "No", "unknown": "Not sure", "yes": "Yes", "no": "No"}
# Which causes a person's screen lists (the web chart and list, the terminal's list): those at
# 1% or more, at most 8. Below 1% a cause is noise on a screen; the report's differential and
# the JSON keep every cause. One pair for every screen, so the terminal and the web agree.
SHOWN_MIN = 0.01
SHOWN_MAX = 8


def level(kb: Knowledge, level_id: str) -> dict[str, Any]:
    info = kb.levels[level_id]
    return {
        "id": level_id,
        "label": info.label,
        "action": info.action,
        "icon": ICONS.get(level_id, "!"),
        "rank": kb.level_rank(level_id),
        "emergency": level_id in EMERGENCY_LEVELS,
    }


# Where a source link may go: the publisher of the cited work (a journal's or a guideline
# body's own site), the DOI resolver (which sends the reader to the publisher), or the US
# National Library of Medicine's record of the article (PubMed, PubMed Central). A stored
# address anywhere else (a copy on a file-sharing site, a law firm's news page) is not linked:
# the report shows the citation text and the reader finds it from there.
PUBLISHER_DOMAINS = (
    "doi.org",
    "nih.gov",
    "nice.org.uk",
    "nhs.uk",
    "nhs.scot",
    "nhs.wales",
    "heiw.wales",
    "who.int",
    "ihtsdotools.org",
    "snomed.org",
    "bmj.com",
    "jamanetwork.com",
    "aafp.org",
    "neurology.org",
    "lww.com",
    "chestnet.org",
    "diabetesjournals.org",
    "mayoclinicproceedings.org",
    "jmptonline.org",
    "biomedcentral.com",
    "aasm.org",
    "boa.ac.uk",
    "cclg.org.uk",
    "pmmonline.org",
    "indianpediatrics.net",
    "phlebolymphology.org",
    "thelancet.com",
    "nejm.org",
    "acpjournals.org",
    "ahajournals.org",
    "jvascsurg.org",
    "springer.com",
    "wiley.com",
    "sciencedirect.com",
    "oup.com",
    "cochranelibrary.com",
)


def publisher_link(url: str) -> bool:
    """True when `url` is on a publisher's (or the DOI resolver's, or NLM's) own site."""
    from urllib.parse import urlparse

    parsed = urlparse(url)
    host = (parsed.hostname or "").lower()
    if parsed.scheme != "https" or not host:
        return False
    return any(host == d or host.endswith("." + d) for d in PUBLISHER_DOMAINS)


def source_href(src: Source) -> str | None:
    """The link for a source: its DOI, else its stored address when that is the publisher's
    own site, else its PubMed record; None (citation text only) otherwise."""
    if src.doi:
        return f"https://doi.org/{src.doi}"
    if src.url and publisher_link(src.url):
        return src.url
    if src.pmid:
        return f"https://pubmed.ncbi.nlm.nih.gov/{src.pmid}/"
    return None


def sources(kb: Knowledge, refs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Source references with their title and an outside link when one is known."""
    out = []
    for ref in refs:
        src = kb.sources.get(ref.get("ref", ""))
        out.append(
            {
                "ref": ref.get("ref"),
                "locator": ref.get("locator"),
                "title": src.title if src else ref.get("ref"),
                "href": source_href(src) if src else None,
            }
        )
    return out


def finding_label(kb: Knowledge, finding: str) -> str:
    """The knowledge base's label for a finding, or for a prior adjustment's `a + sex=b`."""
    parts = []
    for part in finding.split(" + "):
        name, eq, value = part.partition("=")
        if eq and name == "sex":
            parts.append(f"{value} sex")
        elif part in kb.findings:
            parts.append(kb.findings[part].label)
        else:
            parts.append(part.replace("_", " "))
    return " + ".join(parts)


def answer_text(kb: Knowledge, finding: str, answer: Any) -> str:
    if isinstance(answer, bool):
        return "Yes" if answer else "No"
    if isinstance(answer, int | float):
        unit = kb.findings[finding].unit if finding in kb.findings else None
        number = f"{answer:g}"
        if unit and answer == 1 and unit.endswith("s"):
            unit = unit[:-1]  # "1 day", not "1 days"
        return f"{number} {unit}" if unit else number
    return STATE_WORDS.get(str(answer), str(answer).replace("_", " ").capitalize())


def evidence(kb: Knowledge, items: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """A cause's evidence split into what speaks for it and against it, strongest first."""
    rows: list[dict[str, Any]] = []
    for item in items:
        ratio = float(item["likelihood_ratio"])
        label = finding_label(kb, item["finding"])
        if item.get("kind") == "prior" and item.get("note"):
            note = str(item["note"])  # e.g. "age 60 or over": says more than the finding's label
            label = note[:1].upper() + note[1:]
        elif item.get("kind") == "combined":  # answers that describe one thing, counted once
            label = f"{len(str(item['finding']).split(' + '))} related answers counted together"
        rows.append(
            {
                "label": label,
                "answer": answer_text(kb, item["finding"], item["answer"]),
                "ratio": ratio,
                "ratio_text": f"{ratio:.2g}",
                "kind": item.get("kind"),
                "estimated": item.get("estimated"),
                "sources": sources(kb, item.get("sources", [])),
            }
        )
    return {
        "for": sorted((r for r in rows if r["ratio"] > 1), key=lambda r: -r["ratio"]),
        "against": sorted((r for r in rows if r["ratio"] < 1), key=lambda r: r["ratio"]),
    }


def conditions(kb: Knowledge, result: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for c in result["conditions"]:
        p = float(c["probability"])
        out.append(
            {
                "id": c["id"],
                "name": c["name"],
                "probability": p,
                "percent": f"{p:.0%}" if p >= 0.01 else "under 1%",
                "in_ten": in_ten(p),
                "dangerous": c["dangerous"],
                "evidence": evidence(kb, c["evidence"]),
                "description": kb.conditions[c["id"]].description
                if c["id"] in kb.conditions
                else "",
            }
        )
    return out


def level_causes(result: dict[str, Any]) -> list[str]:
    """The causes the urgency level is about, most urgent reason first.

    Taken from the result when it names them (`triage.causes`), else from the causes the
    level's own rules suspect (the reasons at the level, in order)."""
    tri = result["triage"]
    named = tri.get("causes") or tri.get("level_causes")
    if isinstance(named, list) and named:
        return [str(c) for c in named]
    out: list[str] = []
    for r in tri.get("reasons", []):
        if r.get("level") == tri["level"]:
            out.extend(c for c in r.get("suspects", []) if c not in out)
    return out


def shown(causes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The causes a person's screen lists (`SHOWN_MIN`, `SHOWN_MAX`), in the result's order."""
    return [c for c in causes if float(c["probability"]) >= SHOWN_MIN][:SHOWN_MAX]


def care(kb: Knowledge, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Tests or treatments grouped under the cause they belong to, in the result's order."""
    groups: dict[str, dict[str, Any]] = {}
    for item in items:
        cid = item.get("condition", "")
        name = kb.conditions[cid].name if cid in kb.conditions else cid
        group = groups.setdefault(cid, {"condition": name, "items": []})
        group["items"].append({**item, "sources": sources(kb, item.get("sources", []))})
    return list(groups.values())


def reasons(
    kb: Knowledge, result: dict[str, Any], case: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """The reasons with what the patient pages show: `patient` holds the words for the person
    (no risk factor they may not have) and `because` their own answers that made it fire;
    `text` stays the full reason for the clinician's report."""
    present = present_findings(kb, case) if case is not None else set()
    out = []
    for r in result["triage"]["reasons"]:
        told = patient_reason(kb, r, present)
        out.append(
            {**r, "level_label": kb.levels[r["level"]].label if r.get("level") in kb.levels else ""}
            | {"sources": sources(kb, r.get("sources", []))}
            | {"patient": told["text"], "because": told["because"]}
        )
    return out


def advice_items(kb: Knowledge, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**a, "sources": sources(kb, a.get("sources", []))} for a in items]


def avoid_name(kb: Knowledge, item: dict[str, Any]) -> str:
    """How an item reads on the avoid list: a thing to avoid ("Do not raise your legs").

    A self-care measure that is contraindicated for this person keeps its own name in the
    result ("Raise the legs when resting"), which under "What to avoid" reads as an
    instruction; the knowledge gives its `avoid_name` for that list."""
    spec = kb.advice.get(str(item.get("id", "")))
    if spec is not None and spec.avoid_name and item.get("kind") != "caution":
        return spec.avoid_name
    return str(item["name"])


def avoid_items(kb: Knowledge, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The avoid list as a person reads it: each name says what not to do."""
    return [{**a, "name": avoid_name(kb, a)} for a in advice_items(kb, items)]


def answers(kb: Knowledge, case: dict[str, Any]) -> list[dict[str, str]]:
    """Each answer in the case as (finding label, answer words), for the report."""
    rows = []
    if "age" in case:
        rows.append({"label": "Age", "answer": f"{case['age']:g} years"})
    if "sex" in case:
        rows.append({"label": "Sex", "answer": str(case["sex"]).capitalize()})
    for fid, value in (case.get("findings") or {}).items():
        if fid in ("age", "sex"):
            rows.append({"label": fid.capitalize(), "answer": answer_text(kb, fid, value)})
            continue
        rows.append({"label": finding_label(kb, fid), "answer": answer_text(kb, fid, value)})
    return rows


def applies_to(kb: Knowledge, finding: str, case: dict[str, Any] | None) -> bool:
    """False for a finding that cannot apply to this person (pregnancy for a man, an adult-only
    question for a child, by the finding's own `applies`): such an item is never listed."""
    spec = kb.findings.get(finding)
    if spec is None or spec.applies is None or case is None:
        return True
    age, sex = case.get("age"), case.get("sex")
    return spec.applies.allows(
        float(age) if isinstance(age, int | float) and not isinstance(age, bool) else None,
        sex if isinstance(sex, str) else None,
    )


def unanswered(kb: Knowledge, result: dict[str, Any], case: dict[str, Any] | None) -> list[str]:
    """The warning signs not answered that apply to this person, as finding ids."""
    return [f for f in result["triage"].get("unanswered_red_flags", []) if applies_to(kb, f, case)]


def bibliography(kb: Knowledge, result: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for ref, text in result.get("sources", {}).items():
        src = kb.sources.get(ref)
        out.append({"ref": ref, "text": text, "href": source_href(src) if src else None})
    return out


def page(kb: Knowledge, result: dict[str, Any], case: dict[str, Any]) -> dict[str, Any]:
    """Everything the result and report templates need."""
    causes = conditions(kb, result)
    tri = result["triage"]
    lvl = level(kb, tri["level"])
    about = level_causes(result) if lvl["emergency"] else []
    lead = [c for cid in about for c in causes if c["id"] == cid]
    from legwise.interfaces.unsure import open_warning_signs

    return {
        "lead_causes": lead,
        "other_causes": [c for c in shown(causes) if c not in lead],
        "open_signs": open_warning_signs(kb, case, tri.get("unanswered_red_flags", [])),
        "result": result,
        "level": lvl,
        "reasons": reasons(kb, result, case),
        "causes": causes,
        "chart": shown(causes),
        "shown_causes": shown(causes),
        "recommended": advice_items(kb, result["advice"]["recommended"]),
        "avoid": avoid_items(kb, result["advice"]["avoid"]),
        "tests": care(kb, result["advice"]["tests"]),
        "treatments": care(kb, result["advice"]["treatments"]),
        "scores": [
            {"id": sid, "name": spec.name, "data": result["scores"].get(sid)}
            for sid, spec in kb.scores.items()
        ],
        "answers": answers(kb, case),
        "unasked": [finding_label(kb, f) for f in unanswered(kb, result, case)],
        "bibliography": bibliography(kb, result),
        "unexplained": result.get("unexplained"),
        "disclaimer": result["disclaimer"],
        "knowledge_version": result["knowledge_version"],
    }
