"""Patient-facing text is plain: about a 7th-grade reading level, short, and our own words."""

from __future__ import annotations

import statistics

import pytest
import textstat

from legwise.kb.loader import Knowledge


def _patient_texts(kb: Knowledge) -> list[tuple[str, str]]:
    """Text a person reads on the result screen or in the interview, with where it is from."""
    out: list[tuple[str, str]] = []
    for c in kb.conditions.values():
        out.append((f"conditions/{c.id}/description", c.description))
    for f in kb.findings.values():
        if f.asked_by != "patient":
            continue  # examination findings are worded for clinicians
        out += [(f"findings/{f.id}/question", f.question), (f"findings/{f.id}/why", f.why)]
        if f.help:
            out.append((f"findings/{f.id}/help", f.help))
    for r in kb.rules.values():
        out.append((f"rules/{r.id}/reason", r.reason))
        if r.action:
            out.append((f"rules/{r.id}/action", r.action))
    for a in kb.advice.values():
        out.append((f"advice/{a.id}/how", a.how))
        out += [(f"advice/{a.id}/helps/{h.condition}", h.why) for h in a.helps]
        out += [(f"advice/{a.id}/avoid", x.why) for x in a.avoid]
    for lv in kb.levels.values():
        out.append((f"levels/{lv.id}/action", lv.action))
    for q in kb.questions.values():
        if q.asked_by != "patient":
            continue
        out += [(f"questions/{q.id}/text", q.text), (f"questions/{q.id}/why", q.why)]
    if kb.diary is not None:
        out += [(f"diary/{name}/sentence", r.sentence) for name, r in kb.diary.rules().items()]
    return out


def _grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


def test_patient_text_reads_at_about_grade_seven(kb: Knowledge) -> None:
    grades = [_grade(t) for _, t in _patient_texts(kb)]
    assert len(grades) > 500
    assert statistics.mean(grades) <= 7.0
    assert statistics.quantiles(grades, n=20)[-1] <= 10.0  # 95th percentile


@pytest.mark.parametrize("kind", ["rules", "levels", "questions"])
def test_what_to_do_now_is_never_hard_to_read(kb: Knowledge, kind: str) -> None:
    # Warning-sign reasons, level actions and interview questions are read under stress.
    hard = [
        (where, round(_grade(text), 1))
        for where, text in _patient_texts(kb)
        if where.startswith(kind) and _grade(text) > 12
    ]
    assert not hard, hard


def test_sentences_are_short(kb: Knowledge) -> None:
    long = [
        where
        for where, text in _patient_texts(kb)
        for sentence in text.replace("?", ".").split(". ")
        if len(sentence.split()) > 30
    ]
    assert not long, long
