"""Issue 13 through the test app: nothing lost (Back, unsure warning signs, emergencies in
free text), nothing confusing (natural frequencies, one voice, a call button) and a report
whose every link goes to the publisher of the cited work."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from fastapi.testclient import TestClient

from legwise.interfaces import views as view
from legwise.interfaces.web.state import verify
from legwise.kb.loader import Knowledge
from tests.interfaces.web.pages import Form, forms, make_app, post, question_form, state_form
from tests.interfaces.web.test_pages import CRAMPS, DVT, reply, run_interview, start


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(make_app()) as c:
        yield c


def _extra_form(html: str) -> Form | None:
    return next((f for f in forms(html) if "extra" in str(f.buttons)), None)


def test_the_interview_ends_with_anything_else_and_reads_it(client: TestClient) -> None:
    page = start(client)
    for _ in range(60):
        form = question_form(page.text)
        if form is None:
            break
        page = post(client, form, **reply(form, set(), "45", "male"))
    assert "Is there anything else you want to tell us?" in page.text
    extra = _extra_form(page.text)
    assert extra is not None
    answered = verify(extra.hidden["state"], b"test-secret").case()["findings"]
    said = {
        "limp": "I have started limping.",
        "smoker": "I smoke twenty cigarettes a day.",
        "family_history_rls": "My mother has restless legs too.",
        "diabetes": "I have type 2 diabetes.",
        "dark_urine": "My pee has turned dark like cola.",
    }
    finding = next(f for f in said if f not in answered)
    page = post(client, extra, action="extra", text=said[finding])
    for _ in range(20):  # what the text gave may raise new questions; answer them "no"
        form = question_form(page.text)
        if form is None:
            break
        page = post(client, form, **reply(form, set(), "45", "male"))
    assert _extra_form(page.text) is None  # asked once only
    state = verify(state_form(page.text, "/report").hidden["state"], b"test-secret")
    assert state.case()["findings"].get(finding) == "present"  # the words were read


# --- could harm or lose a user ----------------------------------------------------------------


def test_not_sure_on_a_warning_sign_list_asks_each_sign_then_lists_the_open_ones_first(
    client: TestClient, kb: Knowledge
) -> None:
    page = start(client)
    screens = {g.id for g in kb.questions.values() if g.phase == "screen"}
    followed: list[str] = []
    unsure_list: list[str] = []
    for _ in range(80):
        form = question_form(page.text)
        if form is None:
            extra = _extra_form(page.text)
            if extra is None:
                break
            page = post(client, extra, action="extra", text="")
            continue
        qid = form.hidden["question"]
        if qid in screens and not unsure_list:
            unsure_list = [o.value for o in form.options if o.value not in ("none", "unknown")]
            page = post(client, form, answer=["unknown"])
            continue
        if qid in unsure_list:
            followed.append(qid)
            labels = [o.value for o in form.options]
            assert labels == ["present", "absent", "unknown"]  # yes / no / not sure each
            # sure about all but the first: that one stays "not sure"
            page = post(client, form, answer="unknown" if len(followed) == 1 else "absent")
            continue
        page = post(client, form, **reply(form, set(), "50", "male"))
    assert followed == unsure_list  # every sign of the list, one by one, in order
    assert question_form(page.text) is None
    html = page.text
    first = kb.findings[unsure_list[0]].label
    assert "Warning signs you were not sure about" in html and first in html
    assert html.index("Warning signs you were not sure about") < html.index("Why this level")
    assert "If you have any of these" in html


def test_the_result_survives_back_and_reload_and_the_report_links_back(
    client: TestClient,
) -> None:
    page, _ = run_interview(client, CRAMPS, "45", "male")
    assert str(page.url).endswith("/result")  # post-redirect-get: the result is a GET page
    again = client.get("/result")  # what Back or reload does
    assert again.status_code == 200 and "Your result" in again.text
    report = post(client, state_form(again.text, "/report"))
    assert str(report.url).endswith("/result/report") and report.status_code == 200
    assert 'href="/result"' in report.text  # back to the result from the report
    assert client.get("/result/report").status_code == 200  # reload of the report
    assert "legwise_result" not in str(page.url)  # answers never in an address


def test_no_result_cookie_is_a_plain_message_not_an_error(client: TestClient) -> None:
    page = client.get("/result")
    assert page.status_code == 404 and "Answer the questions again" in page.text


def test_an_emergency_in_the_free_text_shows_the_emergency_screen_at_once(
    client: TestClient,
) -> None:
    page = start(client, "My calf is swollen and I have chest pain and cannot breathe.")
    form = question_form(page.text)
    assert 'class="emergency' in page.text
    assert form is None or form.hidden["question"] not in ("age", "sex")
    assert "What is your sex?" not in page.text


def test_free_text_without_warning_signs_is_followed_by_the_warning_sign_questions(
    client: TestClient, kb: Knowledge
) -> None:
    text = "I am a 45 year old man and I get painful calf cramps at night that wake me."
    page = start(client, text)
    form = question_form(page.text)
    assert form is not None
    group = kb.questions.get(form.hidden["question"])
    assert group is not None and group.phase == "screen"  # not age, not sex, not detail
    assert "warning signs you did not mention" in page.text


# --- confusing ----------------------------------------------------------------------------------


def test_causes_read_as_natural_frequencies_with_how_to_read_the_list(client: TestClient) -> None:
    page, _ = run_interview(client, CRAMPS, "70", "female")
    assert " in 10" in page.text and "add up to more than 10 in 10" in page.text
    assert "Likelihood ratio" not in page.text


def test_an_emergency_leads_with_the_dangerous_cause_and_folds_the_rest(
    client: TestClient, kb: Knowledge
) -> None:
    page, _ = run_interview(client, DVT, "64", "female")
    html = page.text
    dvt = kb.conditions["deep_vein_thrombosis"].name
    assert "lead-cause" in html and dvt in html
    assert html.index(dvt, html.index("What may be causing it")) < html.index(
        "Other possible causes"
    )
    assert "within a few hours" not in html.split("What may be causing it")[0]  # one voice
    # no jargon on the patient's screen: rule titles with score thresholds, ratios, rule ids
    for rule in kb.rules.values():
        if rule.level in ("emergency", "emergency_ambulance", "consultation_24"):
            assert f"<li>{rule.title}" not in html and rule.id not in html
    assert "score 2 or more" not in html and "Likelihood ratio" not in html


@pytest.mark.parametrize(
    ("language", "number"),
    [("en-GB,en;q=0.8", "999"), ("en-US", "911"), ("de-DE", "112"), (None, "112")],
)
def test_the_call_button_dials_the_local_emergency_number(
    client: TestClient, language: str | None, number: str
) -> None:
    headers = {"accept-language": language} if language else {}
    page = client.get("/", headers=headers)
    form = next(f for f in forms(page.text) if f.hidden.get("action") == "start")
    res = client.post(
        "/interview",
        data={**form.hidden, "text": "My leg is swollen and I have chest pain and cannot breathe."},
        headers=headers,
    )
    assert f'href="tel:{number}"' in res.text and f"Call {number}" in res.text


def test_the_emergency_number_setting_wins(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEGWISE_EMERGENCY_NUMBER", "911")
    assert "call 911" in client.get("/", headers={"accept-language": "en-GB"}).text


def test_one_day_not_one_days(kb: Knowledge) -> None:
    days = next(f for f in kb.findings.values() if f.unit == "days")
    assert view.answer_text(kb, days.id, 1) == "1 day"
    assert view.answer_text(kb, days.id, 3) == "3 days"


def test_a_conflict_error_keeps_the_ticks(client: TestClient) -> None:
    page = start(client)
    for _ in range(5):
        form = question_form(page.text)
        assert form is not None
        if form.options and form.options[0].kind == "checkbox":
            break
        page = post(client, form, **reply(form, set(), "50", "male"))
    assert form is not None
    first = form.options[0].value
    page = post(client, form, answer=[first, "none"])
    assert page.status_code == 422
    assert f'value="{first}" checked' in page.text and 'value="none" checked' in page.text


# --- the doctor's report ------------------------------------------------------------------------


def test_every_source_link_goes_to_the_publisher(kb: Knowledge) -> None:
    for src in kb.sources.values():
        href = view.source_href(src)
        if href is None:
            continue
        host = urlparse(href).hostname or ""
        assert view.publisher_link(href), f"{src.id}: {host} is not the publisher"
        if src.authors and "National Institute for Health and Care Excellence" in src.authors:
            assert host.endswith("nice.org.uk"), f"{src.id}: a NICE work links to {host}"
    cks = kb.sources["nice_cks_ces_2018"]
    assert "cks.nice.org.uk" in (view.source_href(cks) or "")


def test_a_copy_on_another_site_is_not_linked() -> None:
    for url in (
        "https://www.penningtonslaw.com/news/cauda-equina",
        "https://doczz.net/doc/123/aan-guideline",
        "http://www.nice.org.uk/guidance/ng158",  # not https
        "https://nice.org.uk.example.com/ng158",
    ):
        assert not view.publisher_link(url), url


def test_for_a_child_the_questions_speak_to_a_parent_and_skip_adult_items(
    client: TestClient, kb: Knowledge
) -> None:
    page = start(client)
    seen: list[str] = []
    texts: list[str] = []
    for _ in range(80):
        form = question_form(page.text)
        if form is None:
            extra = _extra_form(page.text)
            if extra is None:
                break
            page = post(client, extra, action="extra", text="")
            continue
        qid = form.hidden["question"]
        seen.append(qid)
        seen.extend(o.value for o in form.options)
        if qid not in ("age", "sex"):
            assert "You are answering for your child" in page.text, qid
            group = kb.questions.get(qid)
            if group is not None and group.child_text:
                texts.append(group.child_text)
                assert group.child_text.replace("'", "&#39;") in page.text
        page = post(client, form, **reply(form, set(), "8", "female"))
    assert texts, "no question spoke to the parent"
    for adult in ("pregnant_or_postpartum", "new_sexual_dysfunction", "ankle_brachial_index"):
        assert adult not in seen, adult


def test_diary_chart_date_labels_sit_at_the_two_ends_and_never_overlap() -> None:
    import datetime as dt

    from legwise.diary.entry import DiaryEntry
    from legwise.interfaces.charts import diary_chart

    last = dt.date(2026, 11, 30)
    entries = [
        DiaryEntry(night=last - dt.timedelta(days=d), worst_pain=3, episodes=1) for d in (0, 1)
    ]
    ticks = diary_chart(entries)["ticks"]
    assert [t["x"] for t in ticks] == [0.0, 100.0]  # two adjacent nights: labels still apart
    assert ticks[-1]["label"] == "30 Nov"


def _squash(text: str) -> str:
    return " ".join(text.split()).replace("&#39;", "'")


def test_an_alarming_reason_names_only_what_applies_to_this_person(
    client: TestClient, kb: Knowledge
) -> None:
    # A woman who has just given birth, with a swollen, sore calf: the clot rule also fires for
    # cancer and an earlier clot, but she is told only about her own answer.
    rule = kb.rules["dvt_signs_with_high_risk"]
    assert rule.patient_reason and "cancer" in rule.reason
    page, _ = run_interview(client, {"calf_tenderness", "pregnant_or_postpartum"}, "31", "female")
    html = _squash(page.text)
    why = html.split("Why this level")[1].split("</section>")[0]
    banner = html.split("Why this level")[0]
    for shown in (why, banner):
        assert _squash(rule.patient_reason) in shown
        assert "Pregnant or just gave birth" in shown
        assert "cancer" not in shown.lower() and "earlier clot" not in shown
    assert _squash(rule.reason) not in html
    # the clinician's report keeps the full reason
    report = client.post("/report", data=state_form(page.text, "/report").hidden)
    assert _squash(rule.reason) in _squash(report.text)


def test_every_reason_naming_several_risk_factors_has_words_for_the_person(kb: Knowledge) -> None:
    from legwise.kb.checks import names_finding, risk_alternatives

    told = 0
    for rule in kb.rules.values():
        risks = risk_alternatives(kb, rule.id)
        if sum(names_finding(kb, rule.reason, f) for f in risks) >= 2:
            assert rule.patient_reason, rule.id
            told += 1
        if rule.patient_reason:
            assert not any(names_finding(kb, rule.patient_reason, f) for f in risks), rule.id
    assert told >= 3


def test_an_emergency_screen_never_says_rest_and_get_up_and_move(client: TestClient) -> None:
    # Sudden numbness with sciatica: "keep the leg still" is said; "do not stay in bed, get up
    # and move around" (a caution for sciatica) must not sit beside it, nor "walk around".
    yes = {"sudden_numbness_or_weakness", "pain_radiates_down_leg", "back_pain"}
    page, _ = run_interview(client, yes, "50", "male")
    text = _squash(page.text).lower()
    assert "keep the leg still" in text
    for clash in ("get up and move around", "stay in bed", "walk around"):
        assert clash not in text, clash


# --- children: every question speaks to a parent ------------------------------------------------


def _reads_to_a_parent(text: str) -> bool:
    """Names the child, and says "your" only as "your child": a parent reads it, and nothing
    in it speaks to the child ("your leg", "do you have") as if the child were answering."""
    import re

    low = text.lower().replace("’", "'")
    if "your child" not in low and "the child" not in low:
        return False
    rest = re.sub(r"your child('s)?", "", low)
    return re.search(r"\byour(s|self)?\b", rest) is None


def test_every_question_a_child_can_be_asked_reads_to_a_parent(kb: Knowledge) -> None:
    from legwise.interfaces.unsure import for_a_parent

    age = 8.0
    assert kb.meta.interview and kb.meta.interview.child_age_below
    assert age < kb.meta.interview.child_age_below
    asked = 0
    for group in kb.questions.values():
        if group.asked_by != "patient" or (group.applies and not group.applies.allows(age, None)):
            continue
        text = for_a_parent(kb, {"id": group.id, "text": group.text})["text"]
        assert _reads_to_a_parent(text), (group.id, text)
        asked += 1
    for f in kb.findings.values():
        if f.id == "age" or f.asked_by != "patient":
            continue  # the age is asked before anyone knows it is a child
        if f.applies and not f.applies.allows(age, None):
            continue
        question = {"id": f.id, "text": f.question, "findings": [f.id]}
        text = for_a_parent(kb, question)["text"]
        assert _reads_to_a_parent(text), (f.id, text)
        asked += 1
    assert asked > 90


def test_the_single_questions_of_a_child_interview_speak_to_a_parent(
    client: TestClient, kb: Knowledge
) -> None:
    import re

    screens = {g.id for g in kb.questions.values() if g.phase == "screen"}
    page = start(client)
    texts: list[str] = []
    singles: list[str] = []
    for _ in range(120):
        form = question_form(page.text)
        if form is None:
            extra = _extra_form(page.text)
            if extra is None:
                break
            page = post(client, extra, action="extra", text="")
            continue
        qid = form.hidden["question"]
        shown = re.search(r'class="question-text">(?:<label[^>]*>)?(.*?)<', page.text, re.S)
        assert shown is not None
        if qid != "age":
            texts.append(_squash(shown.group(1)))
        if qid in kb.findings:
            singles.append(qid)
        if qid in screens:
            page = post(client, form, answer=["unknown"])  # then each sign is asked singly
        else:
            page = post(client, form, **reply(form, set(), "9", "male"))
    assert len(singles) > 10  # the unsure warning signs, each asked on its own
    for text in texts:
        assert _reads_to_a_parent(text), text
