"""Issue 13's words on the person's screens, checked from the knowledge and through the web
pages and the terminal as a person meets them:

- each option of a question reads one thing: no option's words name another option of the same
  question (read with the knowledge's own phrases), unless it is a narrower case of it;
- the avoid list reads as things to avoid ("Do not raise your legs"), never as an instruction;
- a reason on a patient screen is in words for the person: no rule title, and a risk factor
  only when this person has it ("cancer" is never said to a woman who has just given birth);
- for a child, help texts and option labels speak to a parent, and adult-only items
  (pregnancy, sexual function, ankle-brachial index, alcohol, smoking) are never asked or listed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from rich.console import Console
from typer.testing import CliRunner

from legwise import assess
from legwise.interfaces import views
from legwise.interfaces.cli.app import app as cli
from legwise.interfaces.cli.render import render_assessment
from legwise.kb.checks import names_finding
from legwise.kb.loader import Knowledge
from tests.interfaces.web.pages import forms, make_app, post, question_form
from tests.interfaces.web.test_pages import reply, run_interview, start

# Options whose words name another option of the same question because they are a narrower case
# of it: a person who has the narrow one has the broad one too and rightly ticks both.
NARROWER = {
    ("whole_leg_swollen", "one_leg_swollen"): "the whole leg swollen is one leg swollen",
    ("rapidly_spreading_redness", "leg_red"): "spreading redness is redness",
    ("hot_swollen_joint", "one_leg_swollen"): "a swollen joint is swelling in the leg",
    ("hot_swollen_joint", "leg_warm"): "a hot joint is a warm painful area",
    ("sudden_numbness_or_weakness", "leg_weakness"): "a leg suddenly weak is a weak leg",
    ("sudden_numbness_or_weakness", "sudden_onset"): "both came on suddenly; each says what did",
    ("rapidly_worsening_weakness", "leg_weakness"): "weakness getting worse is weakness",
    ("both_legs_weak_or_numb", "leg_weakness"): "both legs weak is a weak leg",
}
ADULT_ONLY = (
    "pregnant_or_postpartum",
    "new_sexual_dysfunction",
    "ankle_brachial_index",
    "heavy_alcohol_use",
    "smoker",
)
ADULT_WORDS = re.compile(r"pregnan|gave birth|sexual|erection|ankle-brachial|alcohol|drinking|smok")
NEGATION = re.compile(r"^(do not|don't|avoid|never|no)\b|\bnot\b", re.IGNORECASE)
POSTPARTUM_CALF = {"calf_tenderness", "pregnant_or_postpartum"}
SWOLLEN_CALF = {"one_leg_swollen", "calf_tenderness", "recent_surgery_or_bedridden"}


def _squash(text: str) -> str:
    """One line of plain words: entities, the terminal's panel borders and wrapping removed."""
    text = re.sub(r"[│╭╮╰╯─]", " ", html.unescape(text))
    return " ".join(text.replace("’", "'").split())


def _speaks_to_a_parent(text: str) -> bool:
    """Says "your" only as "your child('s)": nothing in it asks the parent about themselves
    ("your leg") as if they were the one in pain."""
    low = text.lower().replace("’", "'")
    return re.search(r"\byour(s|self)?\b", re.sub(r"your child('s)?", "", low)) is None


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(make_app()) as c:
        yield c


# --- each option reads one thing ------------------------------------------------------------


def test_no_option_of_a_question_names_another_option(kb: Knowledge) -> None:
    overlaps = []
    for group in kb.questions.values():
        for a in group.findings:
            for b in group.findings:
                if a != b and names_finding(kb, kb.findings[a].label, b) and (a, b) not in NARROWER:
                    overlaps.append(f"{group.id}: '{kb.findings[a].label}' also says {b}")
    assert not overlaps, "\n".join(overlaps)
    labels = [kb.findings[f].label.lower() for g in kb.questions.values() for f in g.findings]
    assert len(labels) == len(set(labels)), "two options read the same"


def test_the_narrower_options_listed_are_still_in_one_question(kb: Knowledge) -> None:
    """The allowance above is for real pairs only: each one still overlaps, in one question."""
    for a, b in NARROWER:
        group = next(g for g in kb.questions.values() if a in g.findings)
        assert b in group.findings, (a, b)
        assert names_finding(kb, kb.findings[a].label, b), (a, b)


def test_position_and_keeping_still_read_as_two_different_things(kb: Knowledge) -> None:
    """The issue's pair: "Some positions make it worse" caught people whose pain comes when
    they sit or lie still. Neither option's words (label, question, help) say the other."""
    position, still = kb.findings["worse_lying_flat_or_position"], kb.findings["worse_when_resting"]
    for text in (position.label, position.question, position.help or ""):
        assert not names_finding(kb, text, still.id), text
        assert "some positions" not in text.lower() or "such as" in text.lower()
    for text in (still.label, still.question, still.help or ""):
        assert not names_finding(kb, text, position.id), text
    assert "position" not in position.label.lower()  # it names the postures themselves
    assert "still" in still.label.lower()


# --- the avoid list reads as things to avoid -------------------------------------------------


def test_everything_the_avoid_list_can_show_reads_as_a_thing_to_avoid(kb: Knowledge) -> None:
    shown = []
    for advice in kb.advice.values():
        if not advice.avoid:
            continue  # never on the avoid list
        names = [views.avoid_name(kb, {"id": advice.id, "kind": advice.kind, "name": advice.name})]
        if advice.kind == "caution":  # a measure's variants are replaced by its avoid_name
            names += [v.name for v in advice.variants if v.name]
        shown += names
        for name in names:
            assert NEGATION.search(name), f"{advice.id}: '{name}' reads as an instruction"
    assert len(shown) >= 20


def _avoid_section(page: str) -> str:
    text = _squash(page)
    return text.split('id="avoid-title">What to avoid</h2>')[1].split("</section>")[0]


def test_the_web_avoid_list_says_what_not_to_do(client: TestClient, kb: Knowledge) -> None:
    page, _ = run_interview(client, SWOLLEN_CALF, "60", "male")
    avoid = _avoid_section(page.text)
    items = re.findall(r"<li><strong>(.*?)\.</strong>", avoid)
    assert "Do not rub or massage the leg" in items
    assert "Gentle leg massage" not in avoid and "Calf stretches before bed" not in avoid
    for item in items:
        assert NEGATION.search(item), item


def _terminal(*args: str) -> str:
    result = CliRunner().invoke(cli, ["assess", *args], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_terminal_avoid_list_says_what_not_to_do() -> None:
    yes = [a for f in sorted(SWOLLEN_CALF) for a in ("--yes", f)]
    out = _terminal("--age", "60", "--sex", "male", *yes)
    avoid = _squash(out.split("What to avoid")[1].split("What a doctor may do")[0])
    items = re.findall(r"• ([^:]+):", avoid)
    assert "Do not rub or massage the leg" in items
    assert "Gentle leg massage" not in avoid
    for item in items:
        assert NEGATION.search(item), item


# --- reasons in words for the person --------------------------------------------------------


def test_the_terminal_result_gives_reasons_in_words_for_the_person(kb: Knowledge) -> None:
    rule = kb.rules["dvt_signs_with_high_risk"]
    assert rule.patient_reason and "cancer" in rule.title.lower() + rule.reason.lower()
    yes = [a for f in sorted(POSTPARTUM_CALF) for a in ("--yes", f)]
    out = _squash(_terminal("--age", "31", "--sex", "female", *yes))
    assert _squash(rule.patient_reason) in out
    assert "In your answers: Pregnant or just gave birth" in out
    assert "cancer" not in out.lower() and "earlier clot" not in out and "previous clot" not in out
    case = {"age": 31, "sex": "female", "findings": dict.fromkeys(POSTPARTUM_CALF, "present")}
    result = assess(case, kb=kb).to_dict()
    for reason in result["triage"]["reasons"]:
        assert reason["title"] not in out, reason["title"]  # titles are for the clinician
    # no score jargon or ratios (a test named "Wells score" and cited titles may name it)
    assert "Wells score 2 or more" not in out and "Level set by" not in out
    assert "(LR " not in out and "odds x" not in out and "likelihood ratio" not in out.lower()


def test_the_clinician_screen_keeps_the_rule_titles_and_full_reasons(kb: Knowledge) -> None:
    case = {"age": 31, "sex": "female", "findings": dict.fromkeys(POSTPARTUM_CALF, "present")}
    result = assess(case, kb=kb).to_dict()
    shown = {}
    for audience in ("patient", "clinician"):
        console = Console(record=True, width=100)
        render_assessment(console, result, kb, case, audience)
        shown[audience] = _squash(console.export_text())
    rule = kb.rules["dvt_signs_with_high_risk"]
    assert rule.title in shown["clinician"] and _squash(rule.reason) in shown["clinician"]
    assert rule.title not in shown["patient"] and _squash(rule.reason) not in shown["patient"]


def test_the_web_result_shows_no_rule_title(client: TestClient, kb: Knowledge) -> None:
    page, _ = run_interview(client, POSTPARTUM_CALF, "31", "female")
    text = _squash(page.text)
    case = {"age": 31, "sex": "female", "findings": dict.fromkeys(POSTPARTUM_CALF, "present")}
    for reason in assess(case, kb=kb).to_dict()["triage"]["reasons"]:
        assert _squash(reason["title"]) not in text, reason["title"]
    assert "cancer" not in text.lower()


def test_terminal_and_web_list_the_same_causes(client: TestClient, kb: Knowledge) -> None:
    """One cut-off pair for every screen: the causes on the web result are the terminal's."""
    yes = {"brief_cramp_episodes", "pain_at_night", "relieved_by_stretching"}
    page, _ = run_interview(client, yes, "70", "female")
    web = re.findall(r'<details class="cause">\s*<summary>(.*?):', page.text)
    from tests.interfaces.web.test_pages import case_of

    case = case_of(run_interview(client, yes, "70", "female")[1][-1])
    result = assess(case, kb=kb).to_dict()
    console = Console(record=True, width=100)
    render_assessment(console, result, kb, case)
    terminal = console.export_text().split("Likely causes")[1].split("What ")[0]
    listed = [c["name"] for c in views.shown(result["conditions"])]
    assert [html.unescape(n) for n in web] == listed
    assert all(name in terminal for name in listed)
    assert len(listed) <= views.SHOWN_MAX
    hidden = [c["name"] for c in result["conditions"] if c["name"] not in listed]
    assert all(name not in terminal for name in hidden)


# --- children ---------------------------------------------------------------------------------


def _child_walk(client: TestClient, age: str, sex: str) -> tuple[list[str], list[str]]:
    """A parent's walk through the web interview ("Not sure" on each warning-sign list, so the
    signs are asked one by one too): the question ids and option values met, and the pages."""
    screens = {"whole_body_warning_signs", "leg_skin_and_swelling"}
    page = start(client)
    met: list[str] = []
    pages: list[str] = []
    for _ in range(150):
        form = question_form(page.text)
        if form is None:
            extra = next((f for f in forms(page.text) if "extra" in str(f.buttons)), None)
            if extra is None:
                break
            page = post(client, extra, action="extra", text="")
            continue
        qid = form.hidden["question"]
        met += [qid, *(o.value for o in form.options)]
        pages.append(page.text)
        if qid in screens:
            page = post(client, form, answer=["unknown"])
        else:
            page = post(client, form, **reply(form, set(), age, sex))
    pages.append(page.text)  # the result
    return met, pages


@pytest.mark.parametrize(("age", "sex"), [("8", "female"), ("15", "female"), ("12", "male")])
def test_a_child_is_never_asked_or_shown_adult_only_items(
    client: TestClient, kb: Knowledge, age: str, sex: str
) -> None:
    met, pages = _child_walk(client, age, sex)
    for adult in ADULT_ONLY:
        assert adult not in met, adult
    assert "smoker" in kb.findings and "heavy_alcohol_use" in kb.findings
    for text in pages[2:]:  # after the age and sex
        shown = _squash(re.sub(r"<[^>]+>", " ", text.split("<main", 1)[1]))
        found = ADULT_WORDS.search(shown.lower())
        assert found is None, (found, shown[max(0, found.start() - 200) : found.end() + 50])


def test_a_childs_help_texts_and_option_labels_speak_to_a_parent(
    client: TestClient, kb: Knowledge
) -> None:
    _, pages = _child_walk(client, "8", "male")
    helps = labels = 0
    for text in pages[2:-1]:
        for hint in re.findall(r'<p class="hint" id="answer-help">(.*?)</p>', text, re.S):
            assert _speaks_to_a_parent(_squash(hint)), hint
            helps += 1
        for label in re.findall(r'<label for="opt-\d+">(.*?)</label>', text, re.S):
            assert _speaks_to_a_parent(_squash(label)), label
            labels += 1
    assert helps >= 10 and labels >= 40
    adult_helps = [_squash(g.help) for g in kb.questions.values() if g.help and g.child_help]
    adult_helps += [_squash(f.help) for f in kb.findings.values() if f.help and f.child_help]
    shown = _squash(" ".join(pages))
    assert not [h for h in adult_helps if h in shown]


def test_every_help_a_child_can_meet_speaks_to_a_parent(kb: Knowledge) -> None:
    """From the data: a help that says "you" or "your" has a parent's version, which names the
    child and says "your" only as "your child"."""
    from legwise.interfaces.unsure import for_a_parent

    age = 8.0
    checked = 0
    items: list[tuple[str, str | None, dict[str, Any]]] = [
        *(
            (g.id, g.help, {"id": g.id, "text": g.text, "help": g.help})
            for g in kb.questions.values()
            if not (g.applies and not g.applies.allows(age, None)) and g.asked_by == "patient"
        ),
        *(
            (f.id, f.help, {"id": f.id, "text": f.question, "help": f.help, "findings": [f.id]})
            for f in kb.findings.values()
            if f.id != "age"
            and f.asked_by == "patient"
            and not (f.applies and not f.applies.allows(age, None))
        ),
    ]
    for item_id, adult, question in items:
        if not adult or not re.search(r"\byou(r|rs|rself)?\b", adult, re.IGNORECASE):
            continue
        told = for_a_parent(kb, question)["help"]
        assert told != adult, f"{item_id}: no child_help"
        assert "child" in told and _speaks_to_a_parent(told), (item_id, told)
        checked += 1
    assert checked >= 30
