"""The composition layer: findings from a site word and a quality word in one clause, in any
inflection, with common typos and texting shorthand read as meant (tests/intake/compose_table.yaml
holds the sentences), and the parts that make it safe: what is and is not a typo, and where a
respelled read points in the original text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from legwise.intake import compose_lexicon, respell
from legwise.intake.text import extract, pipeline
from legwise.kb.loader import Knowledge

TABLE = yaml.safe_load((Path(__file__).parent / "compose_table.yaml").read_text(encoding="utf-8"))
ROWS = [
    pytest.param(row, id=f"{section}: {row['text'][:50]}")
    for section, rows in TABLE.items()
    for row in rows
]


@pytest.mark.parametrize("row", ROWS)
def test_compose_table(row: dict[str, Any], kb: Knowledge) -> None:
    res = extract(row["text"], kb)
    for fid, expected in (row.get("findings") or {}).items():
        assert res.findings.get(fid) == expected, (fid, res.to_dict())
    for fid in row.get("not_read") or ():
        assert fid not in res.findings, (fid, res.to_dict())


def test_every_inflection_of_a_quality_verb() -> None:
    forms = compose_lexicon.inflections("swell", {"swell": ["swollen"]})
    assert {"swell", "swells", "swelled", "swelling", "swollen"} <= set(forms)
    assert {"throbbed", "throbbing"} <= set(compose_lexicon.inflections("throb", {}))
    assert "numbes" not in compose_lexicon.inflections(
        "numb", {}
    )  # no made-up form to collide with


def _lexicon(kb: Knowledge) -> compose_lexicon.Lexicon:
    return compose_lexicon._LEXICONS[id(pipeline(kb).vocab)]


@pytest.mark.parametrize(
    ("typo", "meant"),
    [("sweling", "swelling"), ("numbnes", "numbness"), ("tinglin", "tingling"),
     ("moveing", "moving"), ("restles", "restless")],
)  # fmt: skip
def test_a_typo_is_read_as_the_one_word_meant(kb: Knowledge, typo: str, meant: str) -> None:
    assert respell.correction(typo, _lexicon(kb)) == meant


@pytest.mark.parametrize("word", ["boxes", "flushes", "sitting", "hitting", "calf", "swollen"])
def test_a_real_word_is_never_corrected(kb: Knowledge, word: str) -> None:
    assert respell.correction(word, _lexicon(kb)) is None


def test_a_respelled_read_points_at_the_words_written(kb: Knowledge) -> None:
    text = "calf swolen n red"
    items = {i.finding: i for i in extract(text, kb).items}
    swollen = items["one_leg_swollen"]
    assert text[swollen.start : swollen.end] == swollen.text
    assert "swolen" in swollen.text


def test_a_capital_side_letter_is_not_shorthand(kb: Knowledge) -> None:
    nlp = pipeline(kb)
    doc, where = respell.respell(nlp.make_doc("R calf swollen, toes r purple"))
    assert where is not None
    assert [t.text for t in doc][:2] == ["R", "calf"]
    assert [t.text for t in doc][-2] == "are"
    assert doc.text.startswith("R calf swollen, toes are")


def test_every_lexicon_finding_is_a_shipped_yes_no_finding(kb: Knowledge) -> None:
    data = compose_lexicon._data()
    states = {f.id for f in kb.findings.values() if f.type == "state"}
    assert set(data["findings"]) <= states
    assert {r.finding for r in _lexicon(kb).rules} == set(data["findings"])


def test_every_combined_finding_is_a_shipped_yes_no_finding(kb: Knowledge) -> None:
    """The combination rules (legwise.intake.compose_findings) name real findings only: a rule
    whose finding or carrier were renamed would silently read nothing."""
    from legwise.intake import compose_findings

    states = {f.id for f in kb.findings.values() if f.type == "state"}
    for rule in compose_findings.rules():
        assert rule.finding in states
        assert rule.carriers <= states
        assert rule.settings
    for unless in compose_findings.unless_rules():
        assert unless.finding in states
        # words before or after (hL15), or patterns of what a reading is said of (round 15)
        assert unless.words and (
            unless.before or unless.after or unless.before_re or unless.after_re
        )
