"""Generated stress set of calculator-style Wells DVT notes: every item x every layout x every
mark style, with the exact two-level total and item labels known by construction.

    .venv/bin/python bench/wells_stress.py                    # dev part, 300 notes
    .venv/bin/python bench/wells_stress.py --part held        # the held part (measure only)
    .venv/bin/python bench/wells_stress.py --part both --n 300 --misses
    .venv/bin/python bench/wells_stress.py --dump /tmp/notes.yaml   # write the notes too

The word lists are data (bench/wells_stress_phrasings.yaml), written from the definitions of the
ten Wells items, each list split into a `dev` and a `held` part before any reader change. A dev
note uses only dev phrasings, dev marks and a dev layout. A held note either uses a held layout
(with phrasings from both parts) or a dev layout with held phrasings only, so every held note
holds at least one thing the dev part never shows. Totals cycle through -2..8.

Scoring is bench/intake_eval.py's `eval_notes`: the text is merged into a case, the knowledge
base's calculator gives the two-level Wells total (unknown items count 0), exact match counts.
Nothing random happens at import: each part has its own seeded generator.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATA = BENCH / "wells_stress_phrasings.yaml"
SCORE = ROOT / "src" / "legwise" / "knowledge" / "scores" / "wells_dvt.yaml"
SEED = 14
PARTS = ("dev", "held")
ALT = "alternative_diagnosis_likely"


def load_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return data


def score_points() -> dict[str, int]:
    """Item id -> points, in the score's own order (knowledge/scores/wells_dvt.yaml)."""
    score = yaml.safe_load(SCORE.read_text(encoding="utf-8"))[0]
    return {it["id"]: int(it["points"]) for it in score["items"]}


@dataclass
class Picker:
    """Chooses phrasings for one note from the pools its part allows."""

    rng: random.Random
    data: dict[str, Any]
    parts: tuple[str, ...]

    def pool(self, node: dict[str, list[Any]]) -> list[Any]:
        out = [x for p in self.parts for x in node.get(p, [])]
        return out or list(node["dev"])

    def item(self, item: str, kind: str) -> str:
        return str(self.rng.choice(self.pool(self.data["items"][item][kind])))

    def frame(self, kind: str) -> str:
        return str(self.rng.choice(self.pool(self.data[kind])))

    def marks(self) -> tuple[str, str]:
        yes, no = self.rng.choice(self.pool(self.data["marks"]))
        return str(yes), str(no)

    def gloss(self, item: str) -> str:
        return str(self.rng.choice(self.data["items"][item]["gloss"]))


State = tuple[str, bool]  # (item id, present)
Render = Callable[[Picker, list[State]], str]


def _sentence(p: Picker, item: str, present: bool) -> str:
    return p.item(item, "present" if present else "absent")


def _head(p: Picker) -> str:
    return p.frame("headers")


def r_mdcalc(p: Picker, states: list[State]) -> str:
    subj = p.rng.choice(["They have", "The patient has", "Patient has"])
    lines = [f"{subj} {'' if on else 'no '}{p.item(i, 'nouns')}." for i, on in states]
    sep = p.rng.choice(["\n", " "])
    return f"{_head(p)}:\n" + sep.join(lines)


def r_prose(p: Picker, states: list[State]) -> str:
    body = [_sentence(p, i, on) for i, on in states]
    p.rng.shuffle(body)
    return p.frame("openers") + " " + " ".join(body)


def r_yn_columns(p: Picker, states: list[State]) -> str:
    labels = [p.item(i, "labels") for i, _ in states]
    width = max(len(x) for x in labels) + 3
    mark = p.rng.choice(["X", "x", "*"])
    rows = [f"{'Criterion':<{width}}Y   N"]
    for lab, (_, on) in zip(labels, states, strict=True):
        rows.append(f"{lab:<{width}}{mark if on else ' '}   {'' if on else mark}".rstrip())
    return _head(p) + "\n" + "\n".join(rows)


def r_ticks(p: Picker, states: list[State]) -> str:
    on_mark = p.rng.choice(["[x]", "[X]", "[*]"])
    return (
        _head(p)
        + "\n"
        + "\n".join(f"{on_mark if on else '[ ]'} {p.item(i, 'labels')}" for i, on in states)
    )


def r_points(p: Picker, states: list[State]) -> str:
    pts = score_points()
    style = p.rng.choice(["{l}: {v}", "{l} {v}", "{v}  {l}", "- {l} ({v})"])
    lines = []
    for i, on in states:
        v = pts[i] if on else 0
        value = f"+{v}" if v > 0 else str(v)
        lines.append(style.format(l=p.item(i, "labels"), v=value))
    return _head(p) + " (points)\n" + "\n".join(lines)


def r_pipe_table(p: Picker, states: list[State]) -> str:
    yes, no = p.marks()
    rows = ["| Criterion | Present |", "|---|---|"]
    rows += [f"| {p.item(i, 'labels')} | {yes if on else no} |" for i, on in states]
    return _head(p) + "\n\n" + "\n".join(rows)


def _csv_cell(s: str) -> str:
    return f'"{s}"' if "," in s else s


def r_csv(p: Picker, states: list[State]) -> str:
    yes, no = p.marks()
    head = ",".join(_csv_cell(p.item(i, "labels")) for i, _ in states)
    row = ",".join(yes if on else no for _, on in states)
    return f"{_head(p)}\n{head}\n{row}"


def r_item_value(p: Picker, states: list[State]) -> str:
    yes, no = p.marks()
    sep = p.rng.choice([": ", " = ", " - ", " -> "])
    return (
        _head(p)
        + "\n"
        + "\n".join(f"{p.item(i, 'labels')}{sep}{yes if on else no}" for i, on in states)
    )


def r_numbered_q(p: Picker, states: list[State]) -> str:
    yes, no = p.marks()
    order = list(states)
    p.rng.shuffle(order)
    legend = "\n".join(f"Q{k}. {p.item(i, 'labels')}" for k, (i, _) in enumerate(order, 1))
    if p.rng.random() < 0.5:
        answers = ", ".join(f"Q{k} {yes if on else no}" for k, (_, on) in enumerate(order, 1))
        return f"{_head(p)}\n{legend}\nAnswers: {answers}"
    answers = " ".join(yes if on else no for _, on in order)
    return f"{_head(p)}\n{legend}\nQ1-Q{len(order)}: {answers}"


def r_coded(p: Picker, states: list[State], unknown: set[str]) -> str:
    legend = p.rng.choice(
        [
            "Coding: 1 = present, 0 = absent, 9 = not assessed",
            "Key: 1=yes 0=no 9=unknown",
        ]
    )
    rows = [
        f"{p.item(i, 'labels')}: {'9' if i in unknown else ('1' if on else '0')}"
        for i, on in states
    ]
    return f"{_head(p)}\n{legend}\n" + "\n".join(rows)


def r_soap(p: Picker, states: list[State]) -> str:
    sec: dict[str, list[str]] = defaultdict(list)
    for i, on in states:
        sec[p.data["items"][i]["section"]].append(_sentence(p, i, on))
    out = [f"S: {p.frame('openers')} " + " ".join(sec["S"])]
    out.append("O: " + (" ".join(sec["O"]) or "Leg examined."))
    out.append("A: " + (" ".join(sec["A"]) or "Possible DVT."))
    out.append("P: Wells score calculated; ultrasound requested.")
    return "\n".join(out)


def r_letter(p: Picker, states: list[State]) -> str:
    body = [_sentence(p, i, on) for i, on in states]
    half = len(body) // 2
    return (
        "Dear Dr Patel,\n\nThank you for seeing this patient. "
        + p.frame("openers")
        + " "
        + " ".join(body[:half])
        + "\n\nOn examination: "
        + " ".join(body[half:])
        + "\n\nYours sincerely,\nDr A. Jones"
    )


def r_bullets(p: Picker, states: list[State]) -> str:
    yes, no = p.marks()
    bullet = p.rng.choice(["-", "•", "*"])
    sep = p.rng.choice([": ", " - ", " — "])
    return (
        _head(p)
        + "\n"
        + "\n".join(f"{bullet} {p.item(i, 'labels')}{sep}{yes if on else no}" for i, on in states)
    )


def r_plus_minus(p: Picker, states: list[State]) -> str:
    return (
        _head(p)
        + "\n"
        + "\n".join(f"({'+' if on else '-'}) {p.item(i, 'labels')}" for i, on in states)
    )


def r_box(p: Picker, states: list[State]) -> str:
    yes, no = p.marks()
    labels = [p.item(i, "labels") for i, _ in states]
    w = max(len(x) for x in [*labels, "Criterion"]) + 2
    v = max(len(yes), len(no), len("Result")) + 2
    out = [f"┌{'─' * w}┬{'─' * v}┐", f"│ {'Criterion':<{w - 1}}│ {'Result':<{v - 1}}│"]
    out.append(f"├{'─' * w}┼{'─' * v}┤")
    for lab, (_, on) in zip(labels, states, strict=True):
        out.append(f"│ {lab:<{w - 1}}│ {(yes if on else no):<{v - 1}}│")
    out.append(f"└{'─' * w}┴{'─' * v}┘")
    return _head(p) + "\n" + "\n".join(out)


def r_json(p: Picker, states: list[State]) -> str:
    if p.rng.random() < 0.5:
        obj: dict[str, Any] = {p.item(i, "labels"): on for i, on in states}
    else:
        yes, no = p.marks()
        obj = {p.item(i, "labels"): (yes if on else no) for i, on in states}
    return json.dumps({"score": "Wells DVT", "criteria": obj}, ensure_ascii=False, indent=1)


def r_positives(p: Picker, states: list[State]) -> str:
    pos = [p.item(i, "labels") for i, on in states if on]
    if not pos:
        return _head(p) + ": all criteria negative."
    rest = p.rng.choice(
        ["All other criteria negative.", "Everything else: no.", "Remaining items absent."]
    )
    return f"{_head(p)} - positives: " + "; ".join(pos) + f". {rest}"


def r_bilingual(p: Picker, states: list[State]) -> str:
    yes, no = p.marks()
    lines = []
    for i, on in states:
        lab, gl = p.item(i, "labels"), p.gloss(i)
        text = f"{lab} ({gl})" if p.rng.random() < 0.5 else f"{gl} / {lab}"
        lines.append(f"{text}: {yes if on else no}")
    return _head(p) + "\n" + "\n".join(lines)


SIMPLE: dict[str, Render] = {
    "mdcalc_sentences": r_mdcalc,
    "prose": r_prose,
    "yn_columns": r_yn_columns,
    "ticks": r_ticks,
    "points_list": r_points,
    "pipe_table": r_pipe_table,
    "csv": r_csv,
    "item_value": r_item_value,
    "numbered_q": r_numbered_q,
    "soap": r_soap,
    "referral_letter": r_letter,
    "bullets_yesno": r_bullets,
    "plus_minus": r_plus_minus,
    "box_table": r_box,
    "json": r_json,
    "positives_only": r_positives,
    "bilingual": r_bilingual,
}
SENTENCE_LAYOUTS = {"prose", "soap", "referral_letter"}


@dataclass
class Note:
    id: str
    part: str
    layout: str
    text: str
    wells: int
    findings: dict[str, str] = field(default_factory=dict)

    def as_case(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "wells": self.wells,
            "expect": {"findings": self.findings},
        }


def _states(rng: random.Random, target: int, points: dict[str, int]) -> list[State]:
    """Item states whose total is `target` (-2..8), in the score's order."""
    others = [i for i in points if i != ALT]
    if target < 0:
        alt = True
    elif target + 2 > len(others):
        alt = False
    else:
        alt = rng.random() < 0.35
    k = target - (points[ALT] if alt else 0)
    on = set(rng.sample(others, k))
    return [(i, (i in on) if i != ALT else alt) for i in points]


def make_note(part: str, k: int, data: dict[str, Any], points: dict[str, int]) -> Note:
    rng = random.Random(f"wells-stress-{SEED}-{part}-{k}")
    target = k % 11 - 2
    states = _states(rng, target, points)
    layouts = list(data["layouts"]["dev"]) + (
        list(data["layouts"]["held"]) if part == "held" else []
    )
    layout = layouts[k % len(layouts)] if part == "dev" else rng.choice(layouts)
    if part == "dev":
        parts: tuple[str, ...] = ("dev",)
    else:
        parts = ("dev", "held") if layout in data["layouts"]["held"] else ("held",)
    p = Picker(rng, data, parts)
    stated = list(states)
    if layout in SENTENCE_LAYOUTS:  # prose leaves some negatives unsaid
        stated = [(i, on) for i, on in states if on or rng.random() < 0.7]
    unknown: set[str] = set()
    if layout == "coded_019":
        unknown = {i for i, on in states if not on and rng.random() < 0.25}
        text = r_coded(p, stated, unknown)
    else:
        text = SIMPLE[layout](p, stated)
    findings = {i: ("present" if on else "absent") for i, on in stated if i not in unknown}
    total = sum(points[i] for i, on in states if on)
    return Note(f"stress_{part}_{k:04d}", part, layout, text, total, findings)


def generate(part: str, n: int) -> list[Note]:
    data, points = load_data(), score_points()
    return [make_note(part, k, data, points) for k in range(n)]


def measure(notes: list[Note]) -> tuple[Any, dict[str, tuple[int, int]]]:
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    import intake_eval  # bench/ script, on the path only now

    from legwise.kb.loader import load_knowledge

    kb = load_knowledge()
    rep = intake_eval.eval_notes(kb, [x.as_case() for x in notes])
    by: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for note, res in zip(notes, rep.results, strict=True):
        by[note.layout][0] += res.wells == res.true_wells
        by[note.layout][1] += 1
    return rep, {k: (v[0], v[1]) for k, v in sorted(by.items())}


def report(part: str, notes: list[Note], show_misses: bool) -> float:
    rep, by = measure(notes)
    right = sum(r.wells == r.true_wells for r in rep.results)
    print(f"[{part}] Wells exact {right}/{len(notes)} ({100 * right / len(notes):.1f}%)")
    for layout, (ok, total) in by.items():
        print(f"    {layout:<18} {ok:>3}/{total:<3}")
    missed, added = Counter(rep.items_missed), Counter(rep.items_added)
    print("    items missed:", dict(missed.most_common()))
    print("    items added: ", dict(added.most_common()))
    if show_misses:
        for note, res in zip(notes, rep.results, strict=True):
            if res.wells != res.true_wells:
                print(f"\n--- {note.id} [{note.layout}] Wells {res.wells} vs {res.true_wells}")
                print(f"    missed {res.missed_items} added {res.added_items}")
                print("    " + note.text.replace("\n", "\n    "))
    return right / len(notes)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--part", choices=["dev", "held", "both"], default="dev")
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--misses", action="store_true", help="print every wrong note")
    ap.add_argument("--dump", type=Path, help="also write the notes as a Wells notes YAML file")
    args = ap.parse_args(argv)
    parts = PARTS if args.part == "both" else (args.part,)
    dumped: list[dict[str, Any]] = []
    for part in parts:
        notes = generate(part, args.n)
        dumped += [x.as_case() for x in notes]
        report(part, notes, args.misses)
    if args.dump:
        args.dump.write_text(
            yaml.safe_dump(dumped, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
