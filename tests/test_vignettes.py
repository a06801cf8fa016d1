"""Clinical vignettes (data files in tests/vignettes/): expected causes, triage range, advice.

Each vignette is a case a clinician wrote with the answer they expect; the knowledge base must
reproduce it. A case may never come out below its acceptable triage range.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from legwise import assess
from legwise.kb.loader import Knowledge
from legwise.kb.schema import LEVELS

from .conftest import VIGNETTES


def _load() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in sorted(VIGNETTES.glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")):
            item["_file"] = path.name
            out.append(item)
    return out


VIGNETTE_LIST = _load()


def test_there_are_enough_vignettes() -> None:
    assert len(VIGNETTE_LIST) >= 40
    ids = [v["id"] for v in VIGNETTE_LIST]
    assert len(ids) == len(set(ids)), "vignette ids must be unique"


def test_every_condition_is_a_top_cause_somewhere(kb: Knowledge) -> None:
    tops = {c for v in VIGNETTE_LIST for c in v["expect"].get("top", [])}
    assert set(kb.conditions) <= tops


def _param(v: dict[str, Any]) -> Any:
    """A vignette as a test case; one that records a known open failure (`open:` says which
    class and why) is expected to fail, strictly, so fixing it shows up as a pass to record."""
    if "open" in v:
        return pytest.param(v, id=v["id"], marks=pytest.mark.xfail(strict=True, reason=v["open"]))
    return pytest.param(v, id=v["id"])


@pytest.mark.parametrize("v", [_param(v) for v in VIGNETTE_LIST])
def test_vignette(v: dict[str, Any], kb: Knowledge) -> None:
    case = dict(v["case"], id=v["id"])
    result = assess(case, kb=kb)
    expect = v["expect"]
    rank = LEVELS.index(result.triage.level)
    lo, hi = LEVELS.index(expect["triage"]["min"]), LEVELS.index(expect["triage"]["max"])
    ranking = [(c.id, round(c.probability, 3)) for c in result.conditions[:4]]
    fired = [r.rule for r in result.triage.reasons]
    info = f"level={result.triage.level} rules={fired} top={ranking}"
    assert rank >= lo, f"below the acceptable triage range: {info}"
    assert rank <= hi, f"above the acceptable triage range: {info}"
    if "top" in expect:
        assert result.top in expect["top"], info
    top3 = [c.id for c in result.conditions[:3]]
    for c in expect.get("in_top3", []):
        assert c in top3, info
    for c in expect.get("not_top", []):
        assert result.top != c, info
    if "unexplained" in expect:
        assert (result.unexplained is not None) == expect["unexplained"], info
    avoided = {a.id for a in result.advice.avoid}
    recommended = {a.id for a in result.advice.recommended}
    for a in expect.get("avoid", []):
        assert a in avoided, f"{a} should be avoided; avoid={sorted(avoided)}"
    for a in expect.get("recommend", []):
        assert a in recommended, f"{a} should be recommended; rec={sorted(recommended)}"
    for a in expect.get("not_recommend", []):
        assert a not in recommended, f"{a} must not be recommended; rec={sorted(recommended)}"
    _check_care_and_text(expect, result)


def _patient_text(result: Any) -> str:
    """What the person reads: recommended advice, the reasons and actions, tests, treatments."""
    parts: list[str] = []
    for a in result.advice.recommended:
        parts += [a.name, a.how, a.why]
    for r in result.triage.reasons:
        parts += [r.title, r.text, r.action or ""]
    for c in (*result.advice.tests, *result.advice.treatments):
        parts += [c.item.name, c.item.detail]
    return "\n".join(parts).lower()


def _check_care_and_text(expect: dict[str, Any], result: Any) -> None:
    """The tests and treatments shown (their line and population variant), what the level is
    about, and phrases the person must not be told (issue 11 population classes)."""
    care = [*result.advice.tests, *result.advice.treatments]
    tests = {c.item.id for c in result.advice.tests}
    for t in expect.get("tests_include", []):
        assert t in tests, f"test {t} should be listed; tests={sorted(tests)}"
    lines = {c.item.id: c.item.line for c in care}
    for item, line in expect.get("care_line", {}).items():
        assert lines.get(item, "not shown") == line, f"{item}: line {lines.get(item, 'not shown')}"
    pops = {c.item.id: c.population for c in care}
    for item, pop in expect.get("care_population", {}).items():
        shown = pops.get(item, "not shown")
        assert shown == pop, f"{item}: population {shown}"
    for c in expect.get("level_about", []):
        assert c in result.triage.about, f"the level should be about {c}: {result.triage.about}"
    text = _patient_text(result)
    for phrase in expect.get("not_says", []):
        assert phrase.lower() not in text, f"must not say {phrase!r}"
