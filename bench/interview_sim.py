"""Interview-quality simulation: a simulated patient answers the adaptive interview for every
clinical vignette, and the interview's result is compared with the full vignette's.

    uv run python bench/interview_sim.py                               # print the report
    uv run python bench/interview_sim.py --json out.json               # also write it as JSON

Importable: `simulate(kb) -> Report` (tests/bench/test_interview_sim.py asserts its safety
figures; the timing and question counts are reported here, never asserted).

The simulated patient, for each vignette in tests/vignettes/*.yaml:
  * starts from an empty case `{"findings": {}}` and calls `next_step(case, kb=kb, audience=...)`,
    where audience is "clinician" when any of the vignette's findings is asked by a clinician
    in the knowledge (`kb.findings[f].asked_by`), else "patient";
  * answers each question from the vignette: age and sex from the vignette (missing ->
    "unknown"); every other finding the question covers gets the vignette's value
    (present / absent / a number) or, when the vignette does not state it, "unknown" (the
    patient is "not sure" about anything the vignette leaves out);
  * stops when the step is done (or after 100 steps, which would be a bug).

Then the interview's final case is assessed and compared with the full vignette case: the top
cause (`assess_case(...).top`) and the triage level.

Red-flag coverage: a vignette is covered when, at the end, no red-flag yes/no finding
(`red_flag_findings(kb)`) is left unanswered that, set to present in the final case, would
raise the level to consultation_24 or above. Only findings the interview could have asked
count (a question exists for it, it is asked to this audience, and it applies to this age and
sex); vignettes that stopped for an emergency are excluded (stopping at once is right there).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml
from tables import judge, table  # bench/ is on the path when a script runs

from legwise.engine.assess import assess_case
from legwise.engine.case import parse_case
from legwise.engine.question_choice import Step, catalogue, next_step
from legwise.kb.checks import red_flag_findings
from legwise.kb.loader import Knowledge, load_knowledge
from legwise.kb.schema import LEVELS

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
VIGNETTES = ROOT / "tests" / "vignettes"
LOOP_CAP = 100
CONSULTATION_24 = LEVELS.index("consultation_24")
AMBULANCE = LEVELS.index("emergency_ambulance")

TARGETS = {
    "median_questions": ("questions asked, median", "<=", 8.0, ""),
    # An emergency answer stops the interview at once, before the questions that tell causes
    # apart; the top cause is compared where the interview ran its course.
    "top_agreement_not_emergency_pct": (
        "top-cause agreement (not stopped for an emergency)",
        ">=",
        95.0,
        "%",
    ),
    "triage_agreement_urgent_pct": ("triage agreement, consultation_24+", ">=", 100.0, "%"),
    "red_flag_coverage_pct": ("red-flag coverage", ">=", 100.0, "%"),
    "choose_max_ms": ("choosing a question, max", "<", 20.0, "ms"),
}


# --- vignettes ---------------------------------------------------------------------------------


def load_vignettes(folder: Path = VIGNETTES) -> list[dict[str, Any]]:
    """Every vignette in the folder, in file then listed order (as tests/test_vignettes.py)."""
    out: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            item["_file"] = path.name
            out.append(item)
    return out


def audience_for(kb: Knowledge, vignette_case: Mapping[str, Any]) -> str:
    findings = vignette_case.get("findings") or {}
    for fid in findings:
        spec = kb.findings.get(fid)
        if spec is not None and spec.asked_by == "clinician":
            return "clinician"
    return "patient"


def _stated(vignette_case: Mapping[str, Any], fid: str, kb: Knowledge | None = None) -> Any:
    """The vignette's answer for `fid`, or "unknown" when it does not state one. A yes/no
    finding a stated number answers (`implies`: pain 7/10 is "severe pain") is answered as
    the person would, so a vignette written with the number is not read as "not sure"."""
    findings = vignette_case.get("findings") or {}
    if fid in ("age", "sex"):
        value = vignette_case.get(fid, findings.get(fid))
    else:
        value = findings.get(fid)
    if value is None and kb is not None:
        value = _implied(kb, findings, fid)
    return "unknown" if value is None else value


def _implied(kb: Knowledge, findings: Mapping[str, Any], fid: str) -> str | None:
    for source, number in findings.items():
        spec = kb.findings.get(source)
        if spec is None or not isinstance(number, int | float):
            continue
        for imp in spec.implies:
            if imp.finding != fid:
                continue
            bounds = (
                (imp.min is None or number >= imp.min)
                and (imp.max is None or number <= imp.max)
                and (imp.gt is None or number > imp.gt)
                and (imp.lt is None or number < imp.lt)
            )
            if bounds:
                return imp.state
    return None


# --- one interview -----------------------------------------------------------------------------


@dataclass
class VignetteResult:
    id: str
    file: str
    audience: str
    expected_min: str
    expected_max: str
    questions: int
    question_ids: list[str]
    reason_code: str
    interview_top: str | None
    interview_level: str
    full_top: str | None
    full_level: str
    top_agrees: bool
    level_agrees: bool
    below_expected: bool  # interview level below the vignette's acceptable range
    uncovered_red_flags: list[str]  # unanswered red flags that would raise to consultation_24+
    red_flag_checked: bool  # False when excluded (emergency stop)
    uncovered_ambulance: list[str]  # at an emergency stop: unasked signs raising to ambulance
    step_ms: list[float] = field(repr=False)

    @property
    def urgent(self) -> bool:
        return LEVELS.index(self.expected_min) >= CONSULTATION_24


def _timed_step(kb: Knowledge, case: dict[str, Any], audience: str) -> tuple[Step, float]:
    t0 = time.perf_counter()
    step = next_step(case, audience=audience, kb=kb)
    return step, (time.perf_counter() - t0) * 1000.0


def interview(kb: Knowledge, vignette: Mapping[str, Any]) -> VignetteResult:
    """Run one simulated interview and compare it with the full vignette case."""
    vcase: Mapping[str, Any] = vignette["case"]
    audience = audience_for(kb, vcase)
    case: dict[str, Any] = {"findings": {}}
    asked: list[str] = []
    times: list[float] = []
    step: Step | None = None
    for _ in range(LOOP_CAP):
        step, ms = _timed_step(kb, case, audience)
        times.append(ms)
        if step.done:
            break
        assert step.question is not None
        asked.append(step.question.id)
        for fid in step.question.findings:
            case["findings"][fid] = _stated(vcase, fid, kb)
    assert step is not None
    reason = (step.reason_code or "?") if step.done else "loop_cap"

    got = assess_case(case, kb=kb)
    full = assess_case(dict(vcase), kb=kb)
    expect = vignette["expect"]["triage"]
    lo = LEVELS.index(expect["min"])

    checked = reason != "emergency"
    uncovered = _uncovered_red_flags(kb, case, audience, got.level) if checked else []
    ambulance = (
        _uncovered_red_flags(kb, case, audience, got.level, floor=AMBULANCE)
        if reason == "emergency" and LEVELS.index(got.level) < AMBULANCE
        else []
    )
    return VignetteResult(
        id=str(vignette["id"]),
        file=str(vignette.get("_file", "")),
        audience=audience,
        expected_min=expect["min"],
        expected_max=expect["max"],
        questions=len(asked),
        question_ids=asked,
        reason_code=reason,
        interview_top=got.top,
        interview_level=got.level,
        full_top=full.top,
        full_level=full.level,
        top_agrees=got.top == full.top,
        level_agrees=got.level == full.level,
        below_expected=LEVELS.index(got.level) < lo,
        uncovered_red_flags=uncovered,
        red_flag_checked=checked,
        uncovered_ambulance=ambulance,
        step_ms=times,
    )


def _uncovered_red_flags(
    kb: Knowledge, case: dict[str, Any], audience: str, level: str, floor: int = CONSULTATION_24
) -> list[str]:
    """Askable red-flag yes/no findings left unanswered that, present, would raise the level
    to `floor` (consultation_24 unless told) or above."""
    parsed = parse_case(kb, case)
    cat = catalogue(kb)
    rank = LEVELS.index(level)
    out: list[str] = []
    for fid in sorted(red_flag_findings(kb)):
        spec = kb.findings.get(fid)
        if spec is None or spec.type != "state" or fid in parsed.asked:
            continue
        q = cat.by_finding.get(fid)
        if q is None:
            continue
        if audience == "patient" and q.asked_by != "patient":
            continue
        if q.applies is not None and not q.applies.allows(parsed.age, parsed.sex):
            continue
        if spec.applies is not None and not spec.applies.allows(parsed.age, parsed.sex):
            continue  # e.g. pregnancy for a man: left out of the checklist on purpose
        alt = {**case, "findings": {**case["findings"], fid: "present"}}
        new = LEVELS.index(assess_case(alt, kb=kb).level)
        if new >= floor and new > rank:
            out.append(fid)
    return out


# --- the report --------------------------------------------------------------------------------


@dataclass
class Report:
    results: list[VignetteResult]
    questions_median: float
    questions_max: int
    questions_median_not_emergency: float
    questions_distribution: dict[int, int]
    stop_reasons: dict[str, int]
    top_agreement_pct: float
    top_agreement_not_emergency_pct: float  # vignettes that did not stop for an emergency
    triage_agreement_pct: float
    triage_agreement_urgent_pct: float
    urgent_vignettes: int
    below_expected: int
    red_flag_coverage_pct: float
    red_flag_checked: int
    ambulance_uncovered: int  # emergency stops that left an ambulance-raising sign unasked
    choose_median_ms: float
    choose_max_ms: float
    steps: int

    @property
    def disagreements(self) -> list[VignetteResult]:
        return [r for r in self.results if not (r.top_agrees and r.level_agrees)]

    @property
    def uncovered(self) -> list[VignetteResult]:
        return [r for r in self.results if r.uncovered_red_flags]

    def measured(self) -> dict[str, float]:
        return {
            "median_questions": self.questions_median,
            "top_agreement_not_emergency_pct": self.top_agreement_not_emergency_pct,
            "triage_agreement_urgent_pct": self.triage_agreement_urgent_pct,
            "red_flag_coverage_pct": self.red_flag_coverage_pct,
            "choose_max_ms": self.choose_max_ms,
        }

    def verdicts(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for key, (_label, op, goal, _unit) in TARGETS.items():
            out[key] = judge(self.measured()[key], op, goal)
        return out

    def to_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in asdict(self).items() if k != "results"}
        out["questions_distribution"] = {str(k): v for k, v in self.questions_distribution.items()}
        out["targets"] = self.verdicts()
        out["vignettes"] = [
            {k: v for k, v in asdict(r).items() if k != "step_ms"} for r in self.results
        ]
        return out


def _pct(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 100.0


def simulate(kb: Knowledge, vignettes: list[dict[str, Any]] | None = None) -> Report:
    """Simulate an interview for every vignette and summarise how it went."""
    items = load_vignettes() if vignettes is None else vignettes
    next_step({"findings": {}}, kb=kb)  # warm the compiled knowledge and question catalogue
    results = [interview(kb, v) for v in items]
    counts = [r.questions for r in results]
    urgent = [r for r in results if r.urgent]
    checked = [r for r in results if r.red_flag_checked]
    times = [t for r in results for t in r.step_ms]
    return Report(
        results=results,
        questions_median=float(statistics.median(counts)) if counts else 0.0,
        questions_max=max(counts, default=0),
        questions_median_not_emergency=(
            float(statistics.median(r.questions for r in checked)) if checked else 0.0
        ),
        questions_distribution=dict(sorted(Counter(counts).items())),
        stop_reasons=dict(Counter(r.reason_code for r in results).most_common()),
        top_agreement_pct=_pct(sum(r.top_agrees for r in results), len(results)),
        top_agreement_not_emergency_pct=_pct(sum(r.top_agrees for r in checked), len(checked)),
        triage_agreement_pct=_pct(sum(r.level_agrees for r in results), len(results)),
        triage_agreement_urgent_pct=_pct(sum(r.level_agrees for r in urgent), len(urgent)),
        urgent_vignettes=len(urgent),
        below_expected=sum(r.below_expected for r in results),
        red_flag_coverage_pct=_pct(sum(not r.uncovered_red_flags for r in checked), len(checked)),
        red_flag_checked=len(checked),
        ambulance_uncovered=sum(bool(r.uncovered_ambulance) for r in results),
        choose_median_ms=float(statistics.median(times)) if times else 0.0,
        choose_max_ms=max(times, default=0.0),
        steps=len(times),
    )


# --- printing ----------------------------------------------------------------------------------


def render(report: Report) -> str:
    r = report
    n = len(r.results)
    out = [f"interview simulation over {n} vignettes ({r.steps} steps)", ""]
    out.append("[a] questions asked")
    out.append(
        f"  median {r.questions_median:g}, max {r.questions_max}; median"
        f" {r.questions_median_not_emergency:g} when not stopped for an emergency"
    )
    dist = ", ".join(f"{k}: {v}" for k, v in r.questions_distribution.items())
    out.append(f"  distribution (questions: vignettes) {dist}")
    out.append("  stop reasons: " + ", ".join(f"{k} {v}" for k, v in r.stop_reasons.items()))
    out.append("")
    out.append("[b] agreement with the full vignette case")
    out.append(f"  top cause                {r.top_agreement_pct:5.1f}%")
    out.append(
        f"  top cause, not stopped for an emergency {r.top_agreement_not_emergency_pct:5.1f}%"
        f" ({r.red_flag_checked} vignettes)"
    )
    out.append(f"  triage level, all        {r.triage_agreement_pct:5.1f}%")
    out.append(
        f"  triage, consultation_24+ {r.triage_agreement_urgent_pct:5.1f}%"
        f" ({r.urgent_vignettes} vignettes)"
    )
    out.append(f"  interview level below the vignette's acceptable range: {r.below_expected}")
    out.append(
        f"  red-flag coverage        {r.red_flag_coverage_pct:5.1f}%"
        f" ({r.red_flag_checked} vignettes not stopped for an emergency)"
    )
    out.append(
        "  emergency stops below emergency_ambulance that left an ambulance sign unasked:"
        f" {r.ambulance_uncovered}"
    )
    out.append("")
    out.append("[c] time to choose a question (next_step, case parsing included)")
    out.append(f"  median {r.choose_median_ms:.2f} ms, max {r.choose_max_ms:.2f} ms")
    out.append("")
    out.append("[d] targets")
    rows: list[tuple[str, ...]] = [("target", "goal", "measured", "result")]
    for key, verdict in r.verdicts().items():
        label, op, goal, unit = TARGETS[key]
        sep = "" if unit in ("", "%") else " "
        shown = (
            f"{verdict['measured']:.3g}{sep}{unit}"
            if unit == "ms"
            else f"{verdict['measured']:.1f}{unit}"
        )
        if key == "median_questions":
            shown = f"{verdict['measured']:g}"
        rows.append((label, f"{op} {goal:g}{sep}{unit}", shown, verdict["result"]))
    out.append(table(rows))
    out.append("")
    out.append("[e] vignettes where the interview disagrees with the full case")
    if not r.disagreements:
        out.append("  none")
    ordered = sorted(r.disagreements, key=lambda v: (v.level_agrees, v.reason_code, v.id))
    for v in ordered:
        mark = " [consultation_24+]" if v.urgent else ""
        low = " BELOW RANGE" if v.below_expected else ""
        what = "top" if v.level_agrees else "LEVEL" if v.top_agrees else "LEVEL+top"
        out.append(
            f"  [{what}] {v.id}{mark}{low}: interview {v.interview_top}/{v.interview_level}"
            f" vs full {v.full_top}/{v.full_level}; {v.questions} questions, {v.reason_code}"
            f" ({v.audience})"
        )
    out.append("")
    out.append("[f] vignettes with uncovered red flags")
    if not r.uncovered:
        out.append("  none")
    for v in r.uncovered:
        out.append(
            f"  {v.id}: {', '.join(v.uncovered_red_flags)} (stopped: {v.reason_code},"
            f" {v.questions} questions, level {v.interview_level})"
        )
    for v in r.results:
        if v.uncovered_ambulance:
            out.append(
                f"  {v.id} (emergency stop, not counted above): unasked"
                f" {', '.join(v.uncovered_ambulance)} would raise it to emergency_ambulance"
            )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", help="also write the figures to this JSON file")
    parser.add_argument("--verbose", action="store_true", help="list every vignette's questions")
    args = parser.parse_args(argv)
    kb = load_knowledge()
    report = simulate(kb)
    print(render(report))
    if args.verbose:
        print("\n[g] every interview")
        for v in report.results:
            print(f"  {v.id} ({v.reason_code}): {' > '.join(v.question_ids)}")
    if args.json:
        Path(args.json).write_text(json.dumps(report.to_dict(), indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
