"""Stem stress set (issue 12, round 14): exam-style clinical stems generated from structured cases.

    .venv/bin/python bench/stem_stress.py                 # measure the dev and the held part
    .venv/bin/python bench/stem_stress.py --part dev --misses   # dev part, every level/top miss
    .venv/bin/python bench/stem_stress.py --part dev --write out.yaml   # the stems as YAML

The structured cases are the `expect` of every development stem (tests/intake/*stem*.yaml and
tests/intake/own_heldout3..13/clinical_stems.yaml). Each case is rendered as an exam stem:
demographics in one of several shapes, a presenting complaint with its duration, the history,
drugs, social history and examination, and a question line. Every finding is said with one of
the clinical phrasings of bench/stem_stress_phrasings.yaml (written from the findings'
definitions), present or denied. The expected level and top cause are the engine's on the
structured case as rendered (a finding with no phrasing in the part is left out of both).

The split (fixed before any reader change): every third phrasing of each finding, every third
denial frame, duration form, demographic shape, question line and template is HELD. The dev
part uses only the others, the held part only the held ones. Never tune on the held part:
`--misses` refuses it.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATA = ROOT / "tests" / "intake"
PHRASINGS = BENCH / "stem_stress_phrasings.yaml"
SEED = 14
RENDERS = {"dev": 2, "held": 2}
OWN_SETS = range(3, 14)
# Stem banks from later rounds (tests/intake/dev26_*stems*.yaml and on) are left out, so that a
# new bank does not change the generator's draws and the figures stay comparable across rounds.
LAST_BANK_ROUND = 25

NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]
CHILD_BELOW = 16
SHAPES = [  # demographic shapes: {age} {woman} {F} {female} {Mrs} {X}
    "A {age}-year-old {woman}",
    "{age}{F}",
    "{F}/{age}",
    "{Mrs} {X}., {age}",
    "A {woman} aged {age}",
    "{age} yo {female}",
]
COMPLAINTS = ["leg pain", "pain in the leg", "a painful leg", "leg symptoms", "pain in her/his leg"]
QUESTIONS = [
    "What is the most likely diagnosis?",
    "What is the most appropriate next step in management?",
    "Which is the most likely cause of her/his symptoms?",
    "What is the single most likely diagnosis?",
    "Which investigation would you request first?",
    "What is the most likely underlying cause?",
]
NEUTRAL_VITALS = [
    "BP 132/78, pulse 82",
    "blood pressure 128/76 mmHg, heart rate 78",
    "HR 80, BP 124/70",
]


def held(i: int) -> bool:
    return i % 3 == 2


def pick(rng: random.Random, options: list[Any], part: str) -> Any:
    """One option of the part's share of a list (None when the part has none)."""
    mine = [o for i, o in enumerate(options) if held(i) == (part == "held")]
    return rng.choice(mine) if mine else None


def load_phrasings(path: Path = PHRASINGS) -> dict[str, Any]:
    return dict(yaml.safe_load(path.read_text(encoding="utf-8")))


def stem_files() -> list[Path]:
    own = [DATA / f"own_heldout{i}" / "clinical_stems.yaml" for i in OWN_SETS]
    banks = [p for p in sorted(DATA.glob("*stem*.yaml")) if _bank_round(p) <= LAST_BANK_ROUND]
    return banks + [p for p in own if p.exists()]


def _bank_round(path: Path) -> int:
    """The round number in a bank's name ('dev25_hT15_stems.yaml' -> 25; 'dev_stems.yaml' -> 0)."""
    found = re.match(r"dev(\d+)_", path.name)
    return int(found.group(1)) if found else 0


def load_cases() -> list[dict[str, Any]]:
    cases = []
    for path in stem_files():
        for st in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            ex = st.get("expect") or {}
            cases.append(
                {
                    "id": st["id"],
                    "age": ex.get("age"),
                    "sex": ex.get("sex"),
                    "findings": dict(ex.get("findings") or {}),
                }
            )
    return cases


# --- rendering --------------------------------------------------------------------------------


@dataclass
class Said:
    sec: str
    text: str
    kind: str  # "np" (a noun phrase, present), "clause", "neg" (a noun phrase to deny)


def duration_forms(days: float) -> tuple[list[str], float]:
    """Ways to say a duration, and the days it means (the unit's whole multiple)."""
    if days < 1:
        h = max(1, round(days * 24))
        word = NUMBER_WORDS[h] if h < len(NUMBER_WORDS) else str(h)
        return [f"{h} hours", f"{word} hours", f"{h} hrs"], h / 24
    if days >= 365 and days % 365 == 0:
        n, unit, abbr = int(days // 365), "year", ""
    elif days >= 60 and days % 30 == 0:
        n, unit, abbr = int(days // 30), "month", "/12"
    elif days >= 7 and days % 7 == 0 and days <= 84:
        n, unit, abbr = int(days // 7), "week", "/52"
    else:
        n, unit, abbr = round(days), "day", "/7"
    size = {"year": 365, "month": 30, "week": 7, "day": 1}[unit]
    s = "" if n == 1 else "s"
    word = NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else str(n)
    forms = [f"{n} {unit}{s}", f"{word} {unit}{s}", f"{n}{abbr}" if abbr else f"{n} {unit}{s}"]
    return forms, float(n * size)


def number_text(fid: str, v: float) -> str:
    if fid == "ankle_brachial_index":
        return f"{v:.2f}"
    return str(int(v)) if float(v).is_integer() else str(v)


def say_finding(
    rng: random.Random, ph: dict[str, Any], fid: str, value: Any, part: str
) -> Said | None:
    spec = ph["findings"].get(fid)
    if fid in ph["numbers"] and fid != "symptom_duration_days":
        frame = pick(rng, ph["numbers"][fid]["frames"], part)
        return Said("exam", frame.format(v=number_text(fid, float(value))), "clause")
    if spec is None or value not in ("present", "absent"):
        return None
    nps = list(spec.get("np") or [])
    if value == "present":
        options = [("np", t) for t in nps] + [("clause", t) for t in spec.get("say") or []]
    else:
        negs = spec.get("neg", nps)
        options = [("neg", t) for t in negs] + [("clause", t) for t in spec.get("deny") or []]
    got = pick(rng, options, part)
    return Said(spec["sec"], got[1], got[0]) if got else None


def bare(np: str) -> str:
    for art in ("a ", "an "):
        if np.startswith(art):
            return np[len(art) :]
    return np


def join(items: list[str], last: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def section_text(
    rng: random.Random, ph: dict[str, Any], sec: str, said: list[Said], part: str
) -> str:
    """The sentences of one section: present noun phrases listed, denials grouped or single."""
    out: list[str] = []
    nps = [s.text for s in said if s.kind == "np"]
    if nps:
        lead = {
            "hpc": ["she/he reports {x}", "she/he complains of {x}", "there is {x}"],
            "pmh": ["she/he has a history of {x}", "past history includes {x}", "known {x}"],
            "dh": ["she/he takes {x}", "medication includes {x}", "on {x}"],
            "social": ["history of {x}", "social history: {x}", "{x}"],
            "exam": ["there is {x}", "examination shows {x}", "{x}"],
        }[sec]
        out.append(pick(rng, lead, part).format(x=join(nps)))
    out += [s.text for s in said if s.kind == "clause"]
    negs = [bare(s.text) for s in said if s.kind == "neg"]
    while negs:
        n = rng.randint(1, len(negs))
        group, negs = negs[:n], negs[n:]
        frame = pick(rng, ph["denial_frames"][sec], part)
        out.append(frame.format(x=join(group, "or")))
    rng.shuffle(out)
    return " ".join(cap(s) + "." for s in out)


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def demographics(rng: random.Random, age: Any, sex: Any, part: str) -> str:
    child = age is not None and age < CHILD_BELOW
    f = sex == "female"
    words = {
        "woman": ("girl" if f else "boy") if child else ("woman" if f else "man"),
        "F": "F" if f else "M",
        "female": "female" if f else "male",
        "Mrs": ("Miss" if f else "Master") if child else ("Mrs" if f else "Mr"),
        "X": rng.choice("BDGHKLMNPRST"),
    }
    if sex not in ("female", "male"):
        words.update(woman="child" if child else "patient", F="", female="patient", Mrs="Patient")
    if age is None:
        return "A " + words["woman"]
    return pick(rng, SHAPES, part).format(age=int(age), **words)


def lower_article(demo: str) -> str:
    return "a" + demo[1:] if demo.startswith(("A ", "An ")) else demo


def pronouns(text: str, sex: Any) -> str:
    she = sex == "female"
    for a, b in (("She/he", "She" if she else "He"), ("she/he", "she" if she else "he")):
        text = text.replace(a, b)
    for a, b in (("her/his", "her" if she else "his"), ("Her/his", "Her" if she else "His")):
        text = text.replace(a, b)
    return text.replace("her/him", "her" if she else "him")


SECTIONS = ("hpc", "pmh", "dh", "social", "exam")
Layout = Callable[[dict[str, str]], str]


def _prose(s: dict[str, str]) -> str:
    exam = f" On examination, {s['exam'][:1].lower()}{s['exam'][1:]}" if s["exam"] else ""
    rest = " ".join(x for x in (s["hpc"], s["pmh"], s["dh"], s["social"]) if x)
    return f"{s['demo']} presents with {s['pc']}. {rest}{exam} {s['q']}"


def _headed(s: dict[str, str]) -> str:
    heads = {"hpc": "HPC", "pmh": "PMH", "dh": "DH", "social": "SH", "exam": "O/E"}
    lines = [f"{s['demo']}.", f"PC: {s['pc']}."]
    lines += [f"{heads[k]}: {s[k]}" for k in SECTIONS if s[k]]
    return "\n".join([*lines, s["q"]])


def _called(s: dict[str, str]) -> str:
    bg = " ".join(x for x in (s["pmh"], s["dh"], s["social"]) if x)
    parts = [f"You are asked to see {s['demo_lower']} with {s['pc']}.", s["hpc"]]
    parts += [f"Background: {bg}" if bg else "", f"Examination: {s['exam']}" if s["exam"] else ""]
    return " ".join(p for p in [*parts, s["q"]] if p)


def _ed(s: dict[str, str]) -> str:
    parts = [f"{s['demo']} attends the emergency department with {s['pc']}.", s["hpc"]]
    parts += [f"Past medical history: {s['pmh']}" if s["pmh"] else ""]
    parts += [f"Medications: {s['dh']}" if s["dh"] else "", s["social"]]
    parts += [f"Findings: {s['exam']}" if s["exam"] else ""]
    return " ".join(p for p in [*parts, s["q"]] if p)


def _telegraph(s: dict[str, str]) -> str:
    parts = [f"{s['demo']}; {s['pc']}.", s["hpc"], f"PMHx: {s['pmh']}" if s["pmh"] else ""]
    parts += [f"Meds: {s['dh']}" if s["dh"] else "", s["social"]]
    parts += [f"Ex: {s['exam']}" if s["exam"] else ""]
    return " ".join(p for p in [*parts, f"Q: {s['q']}"] if p)


def _letter(s: dict[str, str]) -> str:
    body = " ".join(x for x in (s["hpc"], s["pmh"], s["dh"], s["social"]) if x)
    exam = f" On examination today: {s['exam']}" if s["exam"] else ""
    return (
        f"Dear colleague, I would be grateful if you could see {s['demo_lower']}, who has "
        f"{s['pc']}. {body}{exam} Yours sincerely. {s['q']}"
    )


TEMPLATES: list[Layout] = [_prose, _headed, _called, _ed, _telegraph, _letter]


def render(case: dict[str, Any], part: str, k: int, ph: dict[str, Any]) -> dict[str, Any] | None:
    """One stem of a case in a part: its text and the structured case it states."""
    rng = random.Random(f"{SEED}:{part}:{case['id']}:{k}")
    findings: dict[str, Any] = {}
    by_sec: dict[str, list[Said]] = {sec: [] for sec in SECTIONS}
    for fid, value in sorted(case["findings"].items()):
        if fid == "symptom_duration_days":
            continue
        said = say_finding(rng, ph, fid, value, part)
        if said is not None:
            by_sec[said.sec].append(said)
            findings[fid] = value
    pc = pronouns(pick(rng, COMPLAINTS, part) or "leg pain", case["sex"])
    days = case["findings"].get("symptom_duration_days")
    if isinstance(days, (int, float)):
        forms, meant = duration_forms(float(days))
        frame = pick(rng, ph["numbers"]["symptom_duration_days"]["frames"], part)
        pc = frame.format(d=pick(rng, forms, part), c=pc)
        findings["symptom_duration_days"] = meant
    parts = {sec: section_text(rng, ph, sec, by_sec[sec], part) for sec in SECTIONS}
    if rng.random() < 0.5 and "fainting_or_racing_heart" not in findings:
        parts["exam"] = (parts["exam"] + " " + cap(rng.choice(NEUTRAL_VITALS)) + ".").strip()
    demo = demographics(rng, case["age"], case["sex"], part)
    parts.update(demo=demo, demo_lower=lower_article(demo), pc=pc, q=pick(rng, QUESTIONS, part))
    text = pronouns(pick(rng, TEMPLATES, part)(parts), case["sex"])
    structured: dict[str, Any] = {"findings": findings}
    for key in ("age", "sex"):
        if case[key] is not None:
            structured[key] = case[key]
    return {
        "id": f"ss_{part}_{case['id']}_{k}",
        "text": " ".join(text.split(" ")),
        "case": structured,
    }


def generate(part: str, ph: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    ph = ph or load_phrasings()
    out = []
    for case in load_cases():
        for k in range(RENDERS[part]):
            stem = render(case, part, k, ph)
            if stem is not None:
                out.append(stem)
    return out


# --- measuring --------------------------------------------------------------------------------


def measure(kb: Any, stems: list[dict[str, Any]]) -> tuple[dict[str, float], list[str]]:
    """Same level, urgent given a lower level, same top cause; and the miss lines."""
    from intake_eval import CONSULTATION_24, text_case

    from legwise.engine.assess import assess_case
    from legwise.errors import InputError
    from legwise.kb.schema import LEVELS

    same_level = same_top = urgent = lower = 0
    misses: list[str] = []
    for st in stems:
        want = assess_case(st["case"], kb=kb)
        try:
            got = assess_case(text_case(kb, st["text"])[0], kb=kb)
            level, top = got.level, got.top
        except InputError:
            level, top = None, None
        is_urgent = LEVELS.index(want.level) >= CONSULTATION_24
        low = level is None or LEVELS.index(level) < LEVELS.index(want.level)
        urgent += is_urgent
        lower += is_urgent and low
        same_level += level == want.level
        same_top += top == want.top
        if level != want.level or top != want.top:
            flag = "  LOWER" if is_urgent and low else ""
            misses.append(
                f"{st['id']}: text {level}/{top} vs structured {want.level}/{want.top}{flag}"
            )
    n = len(stems) or 1
    figures = {
        "stems": len(stems),
        "level_pct": 100.0 * same_level / n,
        "urgent": urgent,
        "urgent_lower": lower,
        "top_pct": 100.0 * same_top / n,
    }
    return figures, misses


def show(kb: Any, stems: list[dict[str, Any]]) -> None:
    """Each stem's text and where its reading differs from its structured case (dev only)."""
    from intake_eval import text_case

    for st in stems:
        case, got = text_case(kb, st["text"])
        got = {**got, "age": case.get("age"), "sex": case.get("sex")}
        want = {
            **st["case"]["findings"],
            "age": st["case"].get("age"),
            "sex": st["case"].get("sex"),
        }
        print(f"{st['id']}\n{st['text']}")
        for fid in sorted(set(got) | set(want)):
            if str(got.get(fid)) != str(want.get(fid)):
                print(f"    {fid}: structured {want.get(fid)} text {got.get(fid)}")
        print()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--part", choices=["dev", "held", "both"], default="both")
    ap.add_argument("--misses", action="store_true", help="list the dev part's misses")
    ap.add_argument("--only", help="only stems whose id contains this")
    ap.add_argument("--show", action="store_true", help="with --only: text and finding diff")
    ap.add_argument("--write", type=Path, help="write the part's stems as YAML and stop")
    args = ap.parse_args(argv)
    parts = ["dev", "held"] if args.part == "both" else [args.part]
    if (args.misses or args.show) and "held" in parts:
        raise SystemExit("--misses lists the dev part only (the held part is never tuned on)")
    if args.write:
        stems = [s for p in parts for s in generate(p)]
        args.write.write_text(yaml.safe_dump(stems, sort_keys=False, allow_unicode=True))
        return 0
    sys.path.insert(0, str(BENCH))
    from legwise.kb.loader import load_knowledge

    kb = load_knowledge()
    for p in parts:
        stems = [s for s in generate(p) if not args.only or args.only in s["id"]]
        if args.show:
            show(kb, stems)
            continue
        figures, misses = measure(kb, stems)
        f = figures
        print(
            f"{p}: {f['stems']} stems; same level {f['level_pct']:.1f}%; urgent given a lower "
            f"level {f['urgent_lower']}/{f['urgent']}; same top {f['top_pct']:.1f}%"
        )
        if args.misses:
            print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
