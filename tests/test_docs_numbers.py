"""The numbers README.md and docs/model.md quote about the knowledge match the knowledge, so a
new rule or cause cannot leave the front page telling an old count."""

from __future__ import annotations

import re
from pathlib import Path

from legwise.kb.loader import Knowledge

ROOT = Path(__file__).resolve().parents[1]
WORDS = {
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
}


def _text(name: str) -> str:
    return " ".join((ROOT / name).read_text(encoding="utf-8").split())


def _number(said: str) -> int:
    return int(said) if said.isdigit() else WORDS[said.lower()]


def _quoted(text: str, pattern: str) -> list[int]:
    found = [_number(m) for m in re.findall(pattern, text, flags=re.IGNORECASE)]
    assert found, f"the text no longer says {pattern!r}: update this test with it"
    return found


def test_readme_what_it_does_counts_match_the_knowledge(kb: Knowledge) -> None:
    text = _text("README.md")
    section = text.split("## What it does")[1].split("## ")[0]
    assert _quoted(section, r"\*\*(\w+) causes\*\*") == [len(kb.conditions)]
    assert _quoted(section, r"\*\*(\w+) urgency levels\*\*") == [len(kb.levels)]
    assert _quoted(section, r"set by (\d+) sourced rules") == [len(kb.rules)]
    # the list after the count names as many causes as it says
    listed = section.split("at rest or at night:")[1].split(".")[0]
    names = [n for n in re.split(r",\s*(?:and\s+)?|\s+and\s+", listed) if n.strip()]
    assert len(names) == len(kb.conditions), names
    assert "Wells DVT" in section and "IRLSSG" in section and "ankle-brachial index" in section
    assert {"wells_dvt", "irlssg", "abi"} == set(kb.scores)


def test_model_doc_numbers_match_the_knowledge(kb: Knowledge) -> None:
    text = _text("docs/model.md")
    settings = kb.meta.interview
    assert settings is not None
    assert set(_quoted(text, r"the (\w+) conditions")) == {len(kb.conditions)}
    assert _quoted(text, r"or at (\d+) questions") == [settings.max_questions]
    assert _quoted(text, r"at least (\d+)% likely") == [round(settings.confident_probability * 100)]
    assert _quoted(text, r"dangerous causes weighted (\d+)x") == [round(settings.dangerous_weight)]
    # The interview's own settings (meta.yaml `interview`), quoted a third time in the docs.
    assert _quoted(text, r"\(`knowledge/rules/`, (\d+)\)") == [len(kb.rules)]
    assert _quoted(text, r"reaches (\d+)%, the result says so") == [
        round(kb.meta.unexplained_probability * 100)
    ]
    assert _quoted(text, r"probability is at least (\d+)% and") == [
        round(kb.meta.plausible_probability * 100)
    ]


SUSPICION_NAMES = {
    "DVT": "deep_vein_thrombosis",
    "leg infection": "leg_infection",
    "acute limb ischaemia": "acute_limb_ischemia",
    "cauda equina": "cauda_equina_syndrome",
    "compartment syndrome": "compartment_syndrome",
}


def test_model_doc_cut_offs_match_the_threshold_rules(kb: Knowledge) -> None:
    """The suspicion cut-offs and the example threshold the docs quote are the rules' own."""
    text = _text("docs/model.md")
    cuts = {}
    for rid in kb.meta.suspicion_rules:
        test = kb.rules[rid].when.probability
        assert test is not None and test.min is not None
        cuts[test.condition] = test.min
    quoted = text.split("`meta.suspicion_rules`: ")[1].split(")")[0]
    said = dict(re.findall(r"([A-Za-z ]+?) (\d+)%", quoted.replace(",", "")))
    assert {SUSPICION_NAMES[name.strip()]: int(p) for name, p in said.items()} == {
        c: round(p * 100) for c, p in cuts.items()
    }
    example = [float(x) for x in re.findall(r"DVT >= (0\.\d+): same day", text)]
    assert example == [cuts["deep_vein_thrombosis"]]


def test_model_doc_diary_table_matches_diary_yaml(kb: Knowledge) -> None:
    """The diary rules' numbers in docs/model.md section 7 are diary.yaml's."""
    diary = kb.diary_settings()
    text = _text("docs/model.md").split("## 7. Diary trends")[1].split("## 8.")[0]
    persistence, worsening = diary.persistence, diary.worsening
    assert _quoted(text, r"reaches back (\d+) days; at least") == [persistence.window_days]
    assert _quoted(text, r"at least (\d+) of those \d+ nights") == [persistence.min_recorded_nights]
    assert _quoted(text, r"home care tried on at least (\d+) nights") == [
        persistence.min_self_care_nights
    ]
    assert _quoted(text, r"the diary spans at least (\d+) days") == [worsening.min_window_days]
    assert _quoted(text, r"over the last (\d+) days at most") == [worsening.max_window_days]
    assert _quoted(text, r"with at least (\d+) nights recorded") == [worsening.min_recorded_nights]
    assert _quoted(text, r"sleep disturbed on (\d+) or more nights") == [
        diary.sleep_disruption.min_disturbed_nights
    ]
    assert _quoted(text, r"within the last (\d+) days \|") == [diary.sleep_disruption.lookback_days]
    assert _quoted(text, r"symptoms on at least \d+ of them \((\d+) a week\)") == [
        round(diary.frequency.min_per_week)
    ]
