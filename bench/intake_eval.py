"""Free-text intake evaluation: what `legwise.intake.text.extract` reads from lay descriptions,
clinician notes and text versions of the clinical vignettes, and how fast.

    .venv/bin/python bench/intake_eval.py                      # the development sets
    .venv/bin/python bench/intake_eval.py tests/intake/heldout/  # any folders or files
    .venv/bin/python bench/intake_eval.py --json out.json      # also write it as JSON

Without arguments every data file in tests/intake/ (not its subfolders) is read: the
development sets. Any folders (their *.yaml files) or files may be given instead; each file's
kind follows from its content: entries with `vignette_id` are vignette texts, entries with
`wells:` are clinician notes, a file whose name holds "stem" is clinical stems, and any other
list of `{id, text, expect}` is lay texts. A YAML file that is not a list (phrases.yaml) is
skipped in a folder.

Importable: `evaluate(kb) -> Report` (tests/bench/test_intake_eval.py asserts the safety figure
and the quality figures that pass; timing is reported here, never asserted).

Data (tests/intake/*.yaml):
  [1] lay_texts.yaml: lay descriptions with every finding they state. Per finding: precision,
      recall and F1 over (finding, value) pairs; a wrong value (absent for present, another
      number) is a false negative and a false positive. `also_ok` readings and findings that a
      stated number implies (pain 8/10 -> severe_pain) are not scored. Overall F1 is
      micro-averaged. Age and sex: accuracy where the text states them, and spurious reads.
  [2] clinician_notes.yaml: notes with their true two-level Wells score. The text is merged
      into a case (`merge_text`) and assessed; the knowledge base's calculator gives Wells from
      the extracted findings (unknown items count 0). Exact-match accuracy, and per Wells item
      how often it was missed or wrongly added. Finding-level F1 of the notes is reported too.
  [3] vignette_texts.yaml: the text version of a vignette against its structured case: same
      top cause and same triage level; and how many vignettes whose acceptable range starts at
      consultation_24 or above got a lower level from the text (the safety figure: must be 0).
      Clinical stems (`id`, `text`, `expect: {age, sex, findings}`; the structured case is
      `expect` itself) are compared the same way; a stem is urgent when its structured case
      is at consultation_24 or above. Their finding F1 is reported too.
  [4] speed: `extract` per text with the pipeline loaded once (median, p99) and the median per
      100 words.
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

from legwise.engine.assess import Assessment, assess_case
from legwise.errors import InputError
from legwise.kb.loader import Knowledge, load_knowledge
from legwise.kb.schema import LEVELS

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATA = ROOT / "tests" / "intake"
VIGNETTES = ROOT / "tests" / "vignettes"
CONSULTATION_24 = LEVELS.index("consultation_24")
WELLS = "wells_dvt"
SPEED_REPEATS = 5

TARGETS = {  # issue 12's held-out targets
    "lay_f1": ("lay texts, findings micro F1", ">=", 0.92, ""),
    "wells_accuracy": ("Wells notes, two-level score exact", ">=", 0.95, ""),
    "level_pct": ("same triage level as the structured case", ">=", 97.0, "%"),
    "urgent_lower": ("urgent cases given a lower level from text", "<=", 0.0, ""),
    "top_pct": ("top cause equal to the structured case", ">=", 95.0, "%"),
    "ms_per_100_words": ("extract, median ms per 100 words", "<", 2.0, "ms"),
}

Value = str | float


# --- data --------------------------------------------------------------------------------------


def load_yaml_list(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise SystemExit(f"{path}: expected a YAML list")
    return data


@dataclass
class DataSets:
    """The texts to evaluate, by kind, with the files they came from."""

    lay: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    stems: list[dict[str, Any]] = field(default_factory=list)
    vignette_texts: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, list[str]] = field(default_factory=dict)  # kind -> file names


def kind_of(path: Path, data: list[dict[str, Any]]) -> str:
    """Which of the four formats a data file is in (see the module docstring)."""
    if any(isinstance(t, dict) and "vignette_id" in t for t in data):
        return "vignette_texts"
    if any(isinstance(t, dict) and "wells" in t for t in data):
        return "notes"
    if "stem" in path.name.lower():
        return "stems"
    return "lay"


def load_sets(paths: list[Path] | None = None) -> DataSets:
    """Read the data files (or folders of them); without paths, tests/intake/*.yaml."""
    files: list[tuple[Path, bool]] = []  # (file, given by name)
    for p in paths or [DATA]:
        if p.is_dir():
            files += [(f, False) for f in sorted(p.glob("*.yaml"))]
        elif p.is_file():
            files.append((p, True))
        else:
            raise SystemExit(f"{p}: no such file or folder")
    sets = DataSets()
    for path, named in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, list):
            if named:
                raise SystemExit(f"{path}: expected a YAML list")
            continue
        kind = kind_of(path, data)
        getattr(sets, kind).extend(data)
        sets.files.setdefault(kind, []).append(str(path))
    return sets


def load_vignettes(folder: Path = VIGNETTES) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.yaml")):
        for v in load_yaml_list(path):
            out[v["id"]] = v
    return out


# --- comparison ----------------------------------------------------------------------------------


def same_value(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(float(a) - float(b)) <= max(1e-6, 0.005 * abs(float(b)))
    return str(a) == str(b)


def implied_by(kb: Knowledge, findings: Mapping[str, Any]) -> set[str]:
    """Findings that a stated number implies (pain_score 8 -> severe_pain), not scored."""
    out: set[str] = set()
    for fid, value in findings.items():
        spec = kb.findings.get(fid)
        if spec is None or not isinstance(value, int | float):
            continue
        for imp in spec.implies:
            out.add(imp.finding)
    return out


@dataclass
class Miss:
    id: str
    kind: str  # "FN" (missed or wrong value) or "FP" (not stated, or wrong value)
    finding: str
    expected: Value | None
    got: Value | None
    text: str


@dataclass
class FindingCounts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_findings(
    kb: Knowledge,
    cid: str,
    text: str,
    got: Mapping[str, Value],
    expect: Mapping[str, Any],
    counts: dict[str, FindingCounts],
    misses: list[Miss],
) -> None:
    expected: dict[str, Any] = dict(expect.get("findings") or {})
    also_ok: dict[str, Any] = dict(expect.get("also_ok") or {})
    skip = implied_by(kb, expected)
    got = {f: v for f, v in got.items() if f not in ("age", "sex")}
    for fid, want in expected.items():
        c = counts.setdefault(fid, FindingCounts())
        have = got.get(fid)
        if have is not None and same_value(have, want):
            c.tp += 1
        else:
            c.fn += 1
            misses.append(Miss(cid, "FN", fid, want, have, text))
    for fid, have in got.items():
        want = expected.get(fid)
        if want is not None and same_value(have, want):
            continue
        if want is None and (fid in skip or (fid in also_ok and same_value(have, also_ok[fid]))):
            continue
        counts.setdefault(fid, FindingCounts()).fp += 1
        misses.append(Miss(cid, "FP", fid, want, have, text))


def micro(counts: Mapping[str, FindingCounts]) -> FindingCounts:
    total = FindingCounts()
    for c in counts.values():
        total.tp += c.tp
        total.fp += c.fp
        total.fn += c.fn
    return total


# --- report --------------------------------------------------------------------------------------


@dataclass
class LayReport:
    texts: int
    precision: float
    recall: float
    f1: float
    per_finding: dict[str, dict[str, float]]
    misses: list[Miss]
    age_correct: int
    age_stated: int
    sex_correct: int
    sex_stated: int
    age_spurious: int
    sex_spurious: int


@dataclass
class NoteResult:
    id: str
    true_wells: int
    wells: int | None
    missed_items: list[str]
    added_items: list[str]
    error: str | None = None


@dataclass
class NotesReport:
    notes: int
    wells_accuracy: float
    results: list[NoteResult]
    items_missed: dict[str, int]
    items_added: dict[str, int]
    finding_f1: float
    misses: list[Miss]


@dataclass
class AgreementResult:
    id: str
    urgent: bool
    structured_level: str
    text_level: str | None
    structured_top: str | None
    text_top: str | None
    error: str | None = None
    source: str = "vignette"  # "vignette" or "stem"

    @property
    def agrees(self) -> bool:
        return self.text_level == self.structured_level and self.text_top == self.structured_top

    @property
    def lower(self) -> bool:
        if self.text_level is None:
            return True
        return LEVELS.index(self.text_level) < LEVELS.index(self.structured_level)


@dataclass
class AgreementReport:
    texts: int
    agreement_pct: float
    top_agreement_pct: float
    level_agreement_pct: float
    urgent: int
    urgent_lower: int
    results: list[AgreementResult]
    stems: int = 0
    stem_finding_f1: float | None = None
    stem_misses: list[Miss] = field(default_factory=list)


@dataclass
class SpeedReport:
    texts: int
    calls: int
    median_ms: float
    p99_ms: float
    ms_per_100_words: float
    load_seconds: float


@dataclass
class Report:
    lay: LayReport
    notes: NotesReport
    agreement: AgreementReport
    speed: SpeedReport
    targets: dict[str, dict[str, Any]] = field(default_factory=dict)
    files: dict[str, list[str]] = field(default_factory=dict)

    @property
    def measured(self) -> dict[str, float | None]:
        """The target figures; None for a kind of text the data did not hold."""
        ag = self.agreement
        return {
            "lay_f1": self.lay.f1 if self.lay.texts else None,
            "wells_accuracy": self.notes.wells_accuracy if self.notes.notes else None,
            "level_pct": ag.level_agreement_pct if ag.texts else None,
            "urgent_lower": float(ag.urgent_lower) if ag.texts else None,
            "top_pct": ag.top_agreement_pct if ag.texts else None,
            "ms_per_100_words": self.speed.ms_per_100_words if self.speed.texts else None,
        }


# --- the four parts ----------------------------------------------------------------------------


def eval_lay(kb: Knowledge, texts: list[dict[str, Any]]) -> LayReport:
    from legwise.intake.text import extract

    counts: dict[str, FindingCounts] = {}
    misses: list[Miss] = []
    age_ok = age_n = sex_ok = sex_n = age_sp = sex_sp = 0
    for t in texts:
        res = extract(t["text"], kb)
        expect = t.get("expect") or {}
        score_findings(kb, t["id"], t["text"], res.findings, expect, counts, misses)
        if "age" in expect:
            age_n += 1
            age_ok += res.age is not None and same_value(res.age, expect["age"])
        elif res.age is not None:
            age_sp += 1
        if "sex" in expect:
            sex_n += 1
            sex_ok += res.sex == expect["sex"]
        elif res.sex is not None:
            sex_sp += 1
    total = micro(counts)
    return LayReport(
        texts=len(texts),
        precision=total.precision,
        recall=total.recall,
        f1=total.f1,
        per_finding={
            f: {"tp": c.tp, "fp": c.fp, "fn": c.fn, "p": c.precision, "r": c.recall, "f1": c.f1}
            for f, c in sorted(counts.items())
        },
        misses=misses,
        age_correct=age_ok,
        age_stated=age_n,
        sex_correct=sex_ok,
        sex_stated=sex_n,
        age_spurious=age_sp,
        sex_spurious=sex_sp,
    )


def text_case(kb: Knowledge, text: str) -> tuple[dict[str, Any], dict[str, Value]]:
    """The case a text gives (merged the documented way) and the findings it read."""
    from legwise.intake.merge import merge_text

    case, res = merge_text({"text": text}, kb)
    case.pop("text", None)
    return case, dict(res.findings)


def wells_of(a: Assessment) -> int:
    s = a.scores.get(WELLS)
    if not s:
        return 0  # no item answered: every item unknown, each counts 0
    return int(s["variants"]["two_level"]["value"])


def wells_items(kb: Knowledge) -> dict[str, int]:
    score = next(s for s in kb.scores.values() if s.id == WELLS) if hasattr(kb, "scores") else None
    if score is None or not getattr(score, "items", None):
        return {}
    out: dict[str, int] = {}
    for item in score.items:
        found = item.when.findings()
        if len(found) == 1:
            out[next(iter(found))] = int(item.points)
    return out


def eval_notes(kb: Knowledge, notes: list[dict[str, Any]]) -> NotesReport:
    items = wells_items(kb)
    counts: dict[str, FindingCounts] = {}
    misses: list[Miss] = []
    results: list[NoteResult] = []
    missed: Counter[str] = Counter()
    added: Counter[str] = Counter()
    for n in notes:
        true = int(n["wells"])
        expect = n.get("expect") or {}
        want = dict(expect.get("findings") or {})
        try:
            case, got = text_case(kb, n["text"])
        except InputError as exc:
            results.append(NoteResult(n["id"], true, None, [], [], error=str(exc)))
            score_findings(kb, n["id"], n["text"], {}, expect, counts, misses)
            continue
        score_findings(kb, n["id"], n["text"], got, expect, counts, misses)
        value = wells_of(assess_case(case, kb=kb))
        m = [f for f in items if want.get(f) == "present" and case["findings"].get(f) != "present"]
        a = [f for f in items if want.get(f) != "present" and case["findings"].get(f) == "present"]
        missed.update(m)
        added.update(a)
        results.append(NoteResult(n["id"], true, value, m, a))
    right = sum(r.wells == r.true_wells for r in results)
    return NotesReport(
        notes=len(notes),
        wells_accuracy=right / len(notes) if notes else 0.0,
        results=results,
        items_missed=dict(missed.most_common()),
        items_added=dict(added.most_common()),
        finding_f1=micro(counts).f1,
        misses=misses,
    )


def _agreement_of(
    kb: Knowledge, cid: str, text: str, structured: Assessment, urgent: bool, source: str
) -> AgreementResult:
    try:
        case, _ = text_case(kb, text)
        a = assess_case(case, kb=kb)
    except InputError as exc:
        return AgreementResult(
            cid, urgent, structured.level, None, structured.top, None, str(exc), source
        )
    return AgreementResult(
        cid, urgent, structured.level, a.level, structured.top, a.top, source=source
    )


def stem_case(stem: Mapping[str, Any]) -> dict[str, Any]:
    """The structured case a clinical stem states: its `expect` minus `also_ok`."""
    expect = dict(stem.get("expect") or {})
    case: dict[str, Any] = {"findings": dict(expect.get("findings") or {})}
    for key in ("age", "sex"):
        if expect.get(key) is not None:
            case[key] = expect[key]
    return case


def eval_agreement(
    kb: Knowledge,
    texts: list[dict[str, Any]],
    vignettes: Mapping[str, dict[str, Any]],
    stems: list[dict[str, Any]] | None = None,
) -> AgreementReport:
    results: list[AgreementResult] = []
    for t in texts:
        v = vignettes[t["vignette_id"]]
        structured = assess_case(v["case"], kb=kb)
        urgent = LEVELS.index(v["expect"]["triage"]["min"]) >= CONSULTATION_24
        results.append(_agreement_of(kb, v["id"], t["text"], structured, urgent, "vignette"))
    counts: dict[str, FindingCounts] = {}
    misses: list[Miss] = []
    for st in stems or []:
        structured = assess_case(stem_case(st), kb=kb)
        urgent = LEVELS.index(structured.level) >= CONSULTATION_24
        results.append(_agreement_of(kb, st["id"], st["text"], structured, urgent, "stem"))
        try:
            got = extract_findings(kb, st["text"])
        except InputError:
            got = {}
        score_findings(kb, st["id"], st["text"], got, st.get("expect") or {}, counts, misses)
    n = len(results) or 1
    urgent_results = [r for r in results if r.urgent]
    return AgreementReport(
        texts=len(results),
        agreement_pct=100.0 * sum(r.agrees for r in results) / n,
        top_agreement_pct=100.0 * sum(r.text_top == r.structured_top for r in results) / n,
        level_agreement_pct=100.0 * sum(r.text_level == r.structured_level for r in results) / n,
        urgent=len(urgent_results),
        urgent_lower=sum(r.lower for r in urgent_results),
        results=results,
        stems=len(stems or []),
        stem_finding_f1=micro(counts).f1 if stems else None,
        stem_misses=misses,
    )


def extract_findings(kb: Knowledge, text: str) -> dict[str, Value]:
    from legwise.intake.text import extract

    return dict(extract(text, kb).findings)


def eval_speed(kb: Knowledge, texts: list[str], repeats: int = SPEED_REPEATS) -> SpeedReport:
    from legwise.intake.text import extract, pipeline

    t0 = time.perf_counter()
    pipeline(kb)
    extract("calf cramps at night", kb)
    load_s = time.perf_counter() - t0
    per_call: list[float] = []
    per_100: list[float] = []
    for _ in range(repeats):
        for text in texts:
            t = time.perf_counter()
            extract(text, kb)
            ms = (time.perf_counter() - t) * 1000
            per_call.append(ms)
            per_100.append(ms * 100 / max(1, len(text.split())))
    per_call.sort()
    if not per_call:
        return SpeedReport(0, 0, 0.0, 0.0, 0.0, load_s)
    return SpeedReport(
        texts=len(texts),
        calls=len(per_call),
        median_ms=statistics.median(per_call),
        p99_ms=per_call[min(len(per_call) - 1, int(0.99 * len(per_call)))],
        ms_per_100_words=statistics.median(per_100),
        load_seconds=load_s,
    )


def evaluate(
    kb: Knowledge, speed_repeats: int = SPEED_REPEATS, paths: list[Path] | None = None
) -> Report:
    """Every figure over the data files in `paths` (default: the development sets)."""
    sets = load_sets(paths)
    every = [t["text"] for t in sets.lay + sets.notes + sets.stems + sets.vignette_texts]
    speed = eval_speed(kb, every, speed_repeats)  # first: the pipeline load is timed once
    report = Report(
        lay=eval_lay(kb, sets.lay),
        notes=eval_notes(kb, sets.notes),
        agreement=eval_agreement(
            kb, sets.vignette_texts, load_vignettes() if sets.vignette_texts else {}, sets.stems
        ),
        speed=speed,
        files=sets.files,
    )
    for key, (label, op, goal, _unit) in TARGETS.items():
        value = report.measured.get(key)
        if value is not None:
            report.targets[key] = {"label": label, **judge(value, op, goal)}
    return report


# --- printing ------------------------------------------------------------------------------------


def _short(text: str, n: int = 110) -> str:
    return text if len(text) <= n else text[: n - 3] + "..."


def print_misses(misses: list[Miss]) -> None:
    for m in misses:
        print(f"    {m.kind} {m.id}: {m.finding} expected {m.expected} got {m.got}")
        print(f'       "{_short(m.text)}"')


def print_report(r: Report, show_misses: bool = True) -> None:
    for kind, names in sorted(r.files.items()):
        print(f"{kind}: {', '.join(names)}")
    lay = r.lay
    if lay.texts:
        print(
            f"\n[1] lay texts ({lay.texts}): micro P {lay.precision:.3f}  R {lay.recall:.3f}  "
            f"F1 {lay.f1:.3f}"
        )
        print(
            f"  age {lay.age_correct}/{lay.age_stated} right ({lay.age_spurious} spurious), "
            f"sex {lay.sex_correct}/{lay.sex_stated} right ({lay.sex_spurious} spurious)"
        )
        rows: list[tuple[str, ...]] = [("finding", "tp", "fp", "fn", "P", "R", "F1")]
        for f, c in sorted(lay.per_finding.items(), key=lambda kv: (kv[1]["f1"], kv[0])):
            if c["f1"] < 1.0 or show_misses:
                rows.append(
                    (
                        f,
                        str(int(c["tp"])),
                        str(int(c["fp"])),
                        str(int(c["fn"])),
                        f"{c['p']:.2f}",
                        f"{c['r']:.2f}",
                        f"{c['f1']:.2f}",
                    )
                )
        print(table(rows))
        if show_misses and lay.misses:
            print(f"  misses ({len(lay.misses)}):")
            print_misses(lay.misses)

    notes = r.notes
    if notes.notes:
        right = sum(x.wells == x.true_wells for x in notes.results)
        print(
            f"\n[2] clinician notes ({notes.notes}): Wells exact {right}/{notes.notes} "
            f"({100 * notes.wells_accuracy:.1f}%), finding F1 {notes.finding_f1:.3f}"
        )
        rows = [("Wells item", "missed", "wrongly added")]
        for item in sorted(set(notes.items_missed) | set(notes.items_added)):
            rows.append(
                (item, str(notes.items_missed.get(item, 0)), str(notes.items_added.get(item, 0)))
            )
        if len(rows) > 1:
            print(table(rows))
        for x in notes.results:
            if x.wells != x.true_wells:
                why = x.error or f"missed {x.missed_items or '-'}, added {x.added_items or '-'}"
                print(f"    {x.id}: Wells {x.wells} vs true {x.true_wells}: {why}")
        if show_misses and notes.misses:
            print(f"  finding misses in notes ({len(notes.misses)}):")
            print_misses(notes.misses)

    ag = r.agreement
    if ag.texts:
        print(
            f"\n[3] texts against their structured case ({ag.texts}: "
            f"{ag.texts - ag.stems} vignette texts, {ag.stems} clinical stems): same top and "
            f"level {ag.agreement_pct:.1f}% (top {ag.top_agreement_pct:.1f}%, level "
            f"{ag.level_agreement_pct:.1f}%); urgent cases given a lower level: "
            f"{ag.urgent_lower}/{ag.urgent}"
        )
        for source in ("vignette", "stem"):
            part = [x for x in ag.results if x.source == source]
            if part and ag.stems and ag.stems != ag.texts:
                n = len(part)
                top = 100.0 * sum(x.text_top == x.structured_top for x in part) / n
                level = 100.0 * sum(x.text_level == x.structured_level for x in part) / n
                low = sum(x.urgent and x.lower for x in part)
                print(f"  {source}s ({n}): top {top:.1f}%, level {level:.1f}%, urgent lower {low}")
        if ag.stem_finding_f1 is not None:
            print(f"  clinical stems, finding micro F1 {ag.stem_finding_f1:.3f}")
        for x in ag.results:
            if not x.agrees:
                flag = "  LOWER" if x.urgent and x.lower else ""
                print(
                    f"    {x.id}: text {x.text_level}/{x.text_top} vs structured "
                    f"{x.structured_level}/{x.structured_top}{flag}"
                    + (f" ({x.error})" if x.error else "")
                )
        if show_misses and ag.stem_misses:
            print(f"  finding misses in stems ({len(ag.stem_misses)}):")
            print_misses(ag.stem_misses)

    sp = r.speed
    if sp.texts:
        print(
            f"\n[4] speed: pipeline load {sp.load_seconds:.2f} s; extract over {sp.texts} texts "
            f"x {sp.calls // max(1, sp.texts)}: median {sp.median_ms:.2f} ms, p99 "
            f"{sp.p99_ms:.2f} ms, median {sp.ms_per_100_words:.2f} ms per 100 words"
        )

    print("\n[5] targets (issue 12)")
    print_targets_table(r)


def print_targets_table(r: Report) -> None:
    rows = [("target", "goal", "measured", "result")]
    for t in r.targets.values():
        rows.append((t["label"], t["goal"], f"{t['measured']:.3g}", t["result"]))
    print(table(rows))


def print_targets(r: Report) -> None:
    """Totals and the targets table only: no text, id or per-finding row of a (held-out) set."""
    counts = {
        "lay texts": r.lay.texts,
        "Wells notes": r.notes.notes,
        "texts against a structured case": r.agreement.texts,
    }
    print("; ".join(f"{k}: {v}" for k, v in counts.items() if v))
    if r.lay.texts:
        lay = r.lay
        print(f"lay findings micro P {lay.precision:.3f}  R {lay.recall:.3f}  F1 {lay.f1:.3f}")
    print_targets_table(r)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "paths", nargs="*", type=Path, help="data files or folders (default: tests/intake/)"
    )
    ap.add_argument("--json", metavar="FILE", help="also write every figure as JSON")
    ap.add_argument("--no-misses", action="store_true", help="do not list every miss")
    ap.add_argument(
        "--targets-only",
        action="store_true",
        help="print only the totals and the targets table, never a text or an id (held-out sets)",
    )
    ap.add_argument(
        "--speed-repeats", type=int, default=SPEED_REPEATS, help="timing passes over the texts"
    )
    args = ap.parse_args(argv)
    report = evaluate(load_knowledge(), args.speed_repeats, args.paths or None)
    if args.targets_only:
        print_targets(report)
    else:
        print_report(report, show_misses=not args.no_misses)
    if args.json:
        Path(args.json).write_text(json.dumps(asdict(report), indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
