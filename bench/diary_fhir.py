"""Speed of the diary and the FHIR face, in process.

    .venv/bin/python bench/diary_fhir.py

Times saving a night in a fresh SQLite store (synced to disk), reading the trends of a
14-night and a 365-night diary, and FHIR `$assess` (QuestionnaireResponse in, validated
RiskAssessment out) on 200 realistic responses of 13 answers each (age, sex and 11 findings,
yes/no and a number now and then; bench/run.py's seeded generator) and on the old 3-answer
one, and reports the size of the generated Questionnaire.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import timeit
from typing import Any

from tables import cpu_name, table  # bench/ is on the path when a script runs

from legwise import load_knowledge
from legwise.diary.entry import DiaryEntry
from legwise.diary.trends import read_diary
from legwise.fhir.questionnaire import build_questionnaire
from legwise.fhir.service import assess_response
from legwise.store import open_store

QR = {
    "resourceType": "QuestionnaireResponse",
    "status": "completed",
    "questionnaire": "urn:legwise:questionnaire:legwise",
    "item": [
        {"linkId": "age", "answer": [{"valueInteger": 67}]},
        {"linkId": "one_leg_swollen", "answer": [{"valueBoolean": True}]},
        {"linkId": "calf_tenderness", "answer": [{"valueBoolean": True}]},
    ],
}


def realistic_responses(kb: Any, n: int = 200, answers: int = 13) -> list[dict[str, Any]]:
    """`n` QuestionnaireResponses of `answers` answers each: age, sex, and yes/no or numbers."""
    import numpy as np

    rng = np.random.default_rng(13)
    states = [f.id for f in kb.findings.values() if f.type == "state"]
    numbers = [f for f in kb.findings.values() if f.type == "number" and f.id != "age"]
    sexes = list(kb.findings["sex"].choices or ())
    out = []

    def fits(spec: Any, age: int, sex: str) -> bool:  # $assess refuses hidden items
        return spec.applies is None or bool(spec.applies.allows(age, sex))

    all_states, all_numbers = states, numbers
    for _ in range(n):
        age, sex = int(rng.integers(18, 95)), sexes[int(rng.integers(len(sexes)))]
        states = [fid for fid in all_states if fits(kb.findings[fid], age, sex)]
        numbers = [f for f in all_numbers if fits(f, age, sex)]
        items: list[dict[str, Any]] = [
            {"linkId": "age", "answer": [{"valueInteger": age}]},
            {"linkId": "sex", "answer": [{"valueCoding": {"code": sex}}]},
        ]
        k = answers - 2
        n_num = int(rng.integers(0, 2))
        for j in rng.choice(len(numbers), n_num, replace=False):
            spec = numbers[int(j)]
            lo = spec.min if spec.min is not None else 0.0
            hi = spec.max if spec.max is not None else 100.0
            value = round(float(rng.uniform(lo, hi)), 2)
            items.append({"linkId": spec.id, "answer": [{"valueDecimal": value}]})
        for j in rng.choice(len(states), k - n_num, replace=False):
            yes = bool(rng.random() < 0.4)
            items.append({"linkId": states[int(j)], "answer": [{"valueBoolean": yes}]})
        out.append({**QR, "item": items})
    return out


def per_call_ms(fn: object, number: int) -> float:
    return timeit.timeit(fn, number=number) / number * 1000  # type: ignore[arg-type]


def main() -> int:
    kb = load_knowledge()
    rows: list[tuple[str, ...]] = [("what", "calls", "ms per call")]
    with (
        tempfile.TemporaryDirectory(prefix="legwise-bench-") as tmp,
        open_store(f"sqlite:///{tmp}/bench.db") as store,
    ):
        me = store.local_person()
        nights = iter(dt.date(2000, 1, 1) + dt.timedelta(days=i) for i in range(10_000))

        def add() -> None:
            store.add_entry(me, DiaryEntry(night=next(nights), worst_pain=5, episodes=1))

        rows.append(("save a night, SQLite (synced)", "300", f"{per_call_ms(add, 300):.2f}"))
    year = [
        DiaryEntry(
            night=dt.date(2025, 1, 1) + dt.timedelta(days=i),
            worst_pain=i % 10,
            episodes=1,
            findings=("pain_at_night",),
        )
        for i in range(365)
    ]
    for label, entries in (("14 nights", year[-14:]), ("365 nights", year)):
        ms = per_call_ms(lambda e=entries: read_diary(e, kb=kb), 200)
        rows.append((f"read the trends of {label}", "200", f"{ms:.3f}"))
    assess_response(kb, QR)
    rows.append(
        (
            "FHIR $assess, 3 answers",
            "200",
            f"{per_call_ms(lambda: assess_response(kb, QR), 200):.2f}",
        )
    )
    responses = realistic_responses(kb)
    for qr in responses[:5]:
        assess_response(kb, qr)
    turn = iter(responses * 2)
    ms = per_call_ms(lambda: assess_response(kb, next(turn)), len(responses))
    rows.append(("FHIR $assess, 13 answers (200 distinct)", "200", f"{ms:.2f}"))
    size = len(json.dumps(build_questionnaire(kb), separators=(",", ":")).encode())
    print(f"legwise diary and FHIR bench, {cpu_name()}")
    print(table(rows))
    print(f"  generated Questionnaire: {size:,} bytes (compact JSON)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
