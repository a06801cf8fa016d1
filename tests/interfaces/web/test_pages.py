"""The web pages through a test app: interview, emergency screen, result, report, PDF."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response

from legwise.interfaces.web.state import CSRF_COOKIE, verify
from legwise.kb.loader import Knowledge
from tests.interfaces.web.pages import Form, forms, make_app, post, question_form, state_form

SECRET = b"test-secret"
CRAMPS = {
    "pain_at_night",
    "brief_cramp_episodes",
    "muscle_knot_during_pain",
    "relieved_by_stretching",
}
DVT = {"one_leg_swollen", "calf_tenderness", "recent_surgery_or_bedridden", "joint_replacement"}


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(make_app()) as c:
        yield c


def start(client: TestClient, text: str = "") -> Response:
    page = client.get("/")
    assert page.status_code == 200
    (form,) = [f for f in forms(page.text) if f.hidden.get("action") == "start"]
    return post(client, form, text=text)


def reply(form: Form, yes: set[str], age: str, sex: str) -> dict[str, str | list[str]]:
    """An answer to the question on `form`: yes to findings in `yes`, no to the rest."""
    qid = form.hidden["question"]
    values = [o.value for o in form.options]
    if qid == "age":
        return {"answer": age}
    if qid == "sex":
        return {"answer": sex}
    if form.has_text_answer:
        return {"not_sure": "1"}
    if form.options and form.options[0].kind == "checkbox":
        ticked = [v for v in values if v in yes]
        return {"answer": ticked or ["none"]}
    if "present" in values:
        return {"answer": "present" if qid in yes else "absent"}
    return {"answer": "unknown" if "unknown" in values else values[0]}


def run_interview(
    client: TestClient, yes: set[str], age: str, sex: str
) -> tuple[Response, list[str]]:
    """Answer question by question until the result page; the pages seen along the way."""
    page = start(client)
    seen: list[str] = []
    for _ in range(60):
        assert page.status_code == 200, page.text
        seen.append(page.text)
        form = question_form(page.text)
        if form is None:
            extra = [
                f for f in forms(page.text) if f.hidden.get("state") and "extra" in str(f.buttons)
            ]
            if extra:  # the closing "anything else?" box, left empty
                page = post(client, extra[0], action="extra", text="")
                continue
            return page, seen
        page = post(client, form, **reply(form, yes, age, sex))
    raise AssertionError("the interview never finished")


def case_of(html: str) -> dict[str, object]:
    form = question_form(html) or state_form(html, "/report")
    return verify(form.hidden["state"], SECRET).case()


def test_start_page(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert '<html lang="en">' in page.text
    assert "does not replace a doctor" in page.text
    assert 'for="text"' in page.text and "Start" in page.text
    assert 'href="#main"' in page.text  # skip link
    assert "<script>" not in page.text and " style=" not in page.text
    assert CSRF_COOKIE in page.cookies
    assert client.get("/static/web.css").status_code == 200
    assert client.get("/static/web.js").status_code == 200


def test_first_question_is_one_per_screen_with_progress(client: TestClient) -> None:
    page = start(client)
    form = question_form(page.text)
    assert form is not None and form.hidden["question"] == "age"
    assert "Question 1" in page.text and "<progress" in page.text
    assert 'label for="answer"' in page.text
    assert ("not_sure", "1", "Not sure") in form.buttons
    assert not any(value == "back" for _, value, _ in form.buttons)  # nothing to go back to


def test_cramp_interview_reaches_the_result(client: TestClient, kb: Knowledge) -> None:
    page, seen = run_interview(client, CRAMPS, "45", "female")
    html = page.text
    case = case_of(html)
    assert case["age"] == 45
    assert "Night leg cramps" in html
    assert "<svg" in html and "<title" in html
    levels = [lv.label for lv in kb.levels.values()]
    shown = [label for label in levels if label in html]
    assert shown and shown[0] in (kb.levels["self_care"].label, kb.levels["consultation"].label)
    assert "<details" in html and "Makes it more likely" in html
    assert "Likelihood ratio" not in html  # jargon stays in the clinician report
    assert "Doctor&#39;s report" in html or "Doctor's report" in html
    assert all('class="emergency' not in p for p in seen)
    # one question per screen, and its options inside a fieldset with a legend
    assert any("<fieldset" in p and "<legend>" in p for p in seen)


def test_dvt_case_shows_the_emergency_screen(client: TestClient, kb: Knowledge) -> None:
    page, seen = run_interview(client, DVT, "64", "female")
    first = next(i for i, p in enumerate(seen) if 'class="emergency' in p)
    assert first < len(seen)
    html = page.text
    assert 'class="emergency level-emergency' in html
    assert 'role="alert"' in html
    label = kb.levels["emergency"].label
    assert f"</span> {label}</h1>" in html
    assert kb.levels["emergency"].action in html
    assert "Why:" in html  # the top reason
    assert "Deep vein" in html or "clot" in html


def test_back_undoes_the_last_answer(client: TestClient) -> None:
    page = start(client)
    form = question_form(page.text)
    assert form is not None
    page = post(client, form, answer="70")
    form = question_form(page.text)
    assert form is not None and form.hidden["question"] == "sex"
    page = post(client, form, answer="male")
    form = question_form(page.text)
    assert form is not None
    third = form.hidden["question"]
    assert case_of(page.text)["sex"] == "male"

    page = post(client, form, action="back")
    form = question_form(page.text)
    assert form is not None and form.hidden["question"] == "sex"
    assert "sex" not in case_of(page.text)
    assert "Question 2" in page.text
    checked = [o.value for o in form.options]
    assert "male" in checked and 'value="male" checked' in page.text  # previous answer shown

    page = post(client, form, action="back")
    form = question_form(page.text)
    assert form is not None and form.hidden["question"] == "age"
    assert 'value="70"' in page.text
    page = post(client, form, answer="70")
    page = post(client, question_form(page.text) or form, answer="male")
    assert question_form(page.text) is not None
    assert (question_form(page.text) or form).hidden["question"] == third


def test_not_sure(client: TestClient) -> None:
    page = start(client)
    form = question_form(page.text)
    assert form is not None
    page = post(client, form, not_sure="1")  # age: not sure
    form = question_form(page.text)
    assert form is not None and form.hidden["question"] == "sex"
    page = post(client, form, answer="female")
    form = question_form(page.text)
    assert form is not None
    assert any(o.value == "unknown" and o.label == "Not sure" for o in form.options)
    qid = form.hidden["question"]
    page = post(client, form, answer="unknown")
    assert page.status_code == 200
    case = case_of(page.text)
    findings = case["findings"]
    assert isinstance(findings, dict)
    assert findings.get("age") == "unknown"
    assert qid in findings or all(v == "unknown" for k, v in findings.items() if k != "age")


def test_bad_answers_are_explained_not_crashed(client: TestClient) -> None:
    form = question_form(start(client).text)
    assert form is not None
    page = post(client, form, answer="400")
    assert page.status_code == 422
    # web words (no terminal "?"), and the page keeps what was typed
    assert "Type a number from 0 to 120" in page.text and 'role="alert"' in page.text
    assert '"?"' not in page.text and 'value="400"' in page.text
    page = post(client, form)
    assert page.status_code == 422


def test_tampered_state_is_rejected(client: TestClient) -> None:
    form = question_form(start(client).text)
    assert form is not None
    page = post(client, form, answer="70")
    form = question_form(page.text)
    assert form is not None
    payload, mac = form.hidden["state"].split(".")
    forged = payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB")
    assert post(client, form, state=f"{forged}.{mac}", answer="male").status_code == 400
    assert post(client, form, state="not-a-state", answer="male").status_code == 400
    other = TestClient(make_app())
    other.app.state.web_secret = "another secret"  # type: ignore[attr-defined]
    assert post(client, form, answer="male").status_code == 200
    other.cookies.set(CSRF_COOKIE, form.hidden["csrf"])
    assert post(other, form, answer="male").status_code == 400


def test_missing_or_wrong_csrf_token_is_rejected(client: TestClient) -> None:
    form = question_form(start(client).text)
    assert form is not None
    data = {k: v for k, v in form.hidden.items() if k != "csrf"}
    assert client.post("/interview", data={**data, "answer": "70"}).status_code == 403
    assert client.post("/interview", data={**data, "csrf": "x", "answer": "70"}).status_code == 403
    fresh = TestClient(make_app())  # no cookie at all
    assert post(fresh, form, answer="70").status_code == 403


def test_free_text_fills_in_answers(client: TestClient) -> None:
    page = start(client, "I am 70 and wake at night with sudden painful cramps in my calf.")
    assert page.status_code == 200
    assert "we noted" in page.text
    case = case_of(page.text)
    assert case.get("age") == 70
    page = start(client, "hello there")
    form = question_form(page.text)
    assert form is not None and form.hidden["question"] == "age"


def test_report_and_pdf(client: TestClient, kb: Knowledge) -> None:
    page, _ = run_interview(client, DVT, "64", "female")
    form = state_form(page.text, "/report")
    report = post(client, form)
    assert report.status_code == 200
    html = report.text
    label = kb.levels["emergency"].label
    today = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d")
    assert label in html and kb.version in html and today in html
    # scores only where they apply: Wells for a suspected clot, not IRLSSG or an unmeasured ABI
    assert "Wells" in html and "IRLSSG" not in html and "Ankle-brachial" not in html
    assert "Deep vein thrombosis" in html  # clinical names in the differential
    assert not any(rule in html for rule in kb.rules)  # no internal rule ids
    assert 'href="/result"' in html  # the report links back to the result
    assert "Swelling" in html or "swollen" in html  # finding labels, not ids
    assert "@media print" not in html  # the CSS is a file, not inline

    pdf = post(client, state_form(page.text, "/report.pdf"))
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert label in " ".join(text.split())
    assert kb.version in text


def test_report_needs_a_valid_state(client: TestClient) -> None:
    client.get("/")
    csrf = client.cookies[CSRF_COOKIE]
    assert client.post("/report", data={"csrf": csrf, "state": "x.y"}).status_code == 400
    assert client.post("/report.pdf", data={"csrf": csrf}).status_code == 400


def test_pdf_without_its_system_libraries_says_to_print(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server missing WeasyPrint's Pango libraries explains itself instead of failing."""
    from legwise.interfaces.web import routes

    def no_pango(*args: object) -> bytes:
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(routes, "report_pdf_bytes", no_pango)
    page, _ = run_interview(client, CRAMPS, "45", "female")
    pdf = post(client, state_form(page.text, "/report.pdf"))
    assert pdf.status_code == 503
    assert "Print" in pdf.text and "libpango" not in pdf.text
