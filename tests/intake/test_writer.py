"""The writer's own words around a message (`legwise.intake.writer`): a greeting before it and
thanks after it do not change whom the message is about, nor what it says.

The figure asserted is over the development sets' one-line lay texts, each read as written and
again with a greeting and a sign-off a carer might add.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from legwise.intake.text import extract
from legwise.intake.writer import blank_asides, lead_in_end
from legwise.kb.loader import Knowledge, load_knowledge

DATA = Path(__file__).parent
KIN_OPENINGS = ("my mum", "my dad", "my husband", "my wife", "my son", "my daughter", "my mother",
                "my father")  # fmt: skip
WRAPPINGS = [
    ("Hi doctor, hope you are well. ", " Thanks, I'd appreciate any advice."),
    ("Good evening. I'm writing about ", " Should I take them to A&E? Many thanks."),
    ("Hello, sorry to bother you. ", " I'm really worried, please let me know."),
]


@pytest.fixture(scope="module")
def kb() -> Knowledge:
    return load_knowledge()


def _relative_texts() -> list[str]:
    """One-line development lay texts that open on the writer's relative ("My mum's ...")."""
    out = []
    for path in sorted(DATA.glob("*.yaml")):
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in data if isinstance(data, list) else []:
            text = entry.get("text") if isinstance(entry, dict) else None
            if (
                isinstance(text, str)
                and "wells" not in entry
                and "\n" not in text.strip()
                and text.lower().startswith(KIN_OPENINGS)
            ):
                out.append(text)
    return out


@pytest.mark.parametrize(("before", "after"), WRAPPINGS)
def test_greetings_and_thanks_keep_a_relatives_message(
    kb: Knowledge, before: str, after: str
) -> None:
    texts = _relative_texts()
    assert len(texts) >= 40
    same = 0
    for text in texts:
        body = text[3:] if before.endswith("about ") else text  # "... writing about my mum"
        wrapped = before + (("my " + body) if before.endswith("about ") else body) + after
        same += dict(extract(text, kb).findings) == dict(extract(wrapped, kb).findings)
    # before the writer's words were read apart, 73/90 of these read the same with each wrapping
    assert same / len(texts) >= 0.95, f"{same}/{len(texts)} read the same"


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("Hi doctor, hope you are well. Dad's leg", "Dad's leg"),
        ("Good morning doctor, I write for my mother, she", "my mother, she"),
        ("Hello. Sorry to bother you. I'm really worried about my husband.", "my husband."),
        ("My dad's leg is swollen", "My dad's leg is swollen"),
        ("Subject: leg problem\nMum's left foot is cold", "Mum's left foot is cold"),
        ("I have had a swollen leg", "I have had a swollen leg"),
    ],
)
def test_the_message_starts_after_the_openers(text: str, rest: str) -> None:
    assert text[lead_in_end(text) :].strip() == rest


def test_asides_are_blanked_and_the_writers_own_words_are_not() -> None:
    text = "Her calf is swollen. Thanks, I'd appreciate any advice. I have diabetes myself."
    blanked = blank_asides(text)
    assert len(blanked) == len(text)
    assert "appreciate" not in blanked and "I have diabetes myself" in blanked


def test_a_relatives_swollen_leg_is_theirs_after_a_greeting(kb: Knowledge) -> None:
    res = extract(
        "Hello. My husband's right calf is swollen and red. Thanks, I'd value advice.", kb
    )
    assert res.findings.get("one_leg_swollen") == "present"
    assert res.sex == "male"
