"""The web pages in Debian's Chromium: interviews, emergency screen, report, PDF, axe-core.

Each checked page is saved to test-artifacts/ as a PNG (and, on failure, axe's findings as
JSON). Run `python3 dev.py test -m browser` for these alone.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from legwise.kb.loader import Knowledge
from tests.browser.conftest import VIEWPORTS
from tests.browser.flow import Walk, check_page, question_id, submit, walk

pytestmark = pytest.mark.browser

CRAMPS = {
    "pain_at_night",
    "brief_cramp_episodes",
    "muscle_knot_during_pain",
    "relieved_by_stretching",
}
DVT = {"one_leg_swollen", "calf_tenderness"}


def _context(browser: Browser, viewport: str, js: bool = True) -> BrowserContext:
    size = VIEWPORTS[viewport]
    context = browser.new_context(
        viewport={"width": size["width"], "height": size["height"]},
        java_script_enabled=js,
        accept_downloads=True,
        is_mobile=viewport == "phone",
        has_touch=viewport == "phone",
    )
    context.set_default_timeout(15_000)
    return context


@pytest.fixture(params=sorted(VIEWPORTS))
def viewport(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


@pytest.fixture
def page(browser: Browser, viewport: str) -> Iterator[Page]:
    context = _context(browser, viewport)
    errors: list[str] = []
    tab = context.new_page()
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on(
        "console",
        lambda msg: (
            errors.append(msg.text)
            if msg.type == "error" and not msg.text.startswith("Failed to load resource")
            else None
        ),
    )
    tab.on(  # the browser asks for /favicon.ico on its own; the app has none
        "response",
        lambda r: (
            errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico")
            else None
        ),
    )
    yield tab
    context.close()
    assert not errors, f"errors in the browser console: {errors}"


def _level_labels(kb: Knowledge) -> list[str]:
    return [lv.label for lv in kb.levels.values()]


def test_cramp_interview_result_and_accessibility(
    page: Page, server: str, kb: Knowledge, axe_source: str, artifacts: Path, viewport: str
) -> None:
    problems: list[str] = []
    checked: set[str] = set()

    def on_question(tab: Page, seen: Walk) -> None:
        qid = question_id(tab)
        kind = tab.locator("form.question-form").get_attribute("data-kind")
        name = f"question-{kind}"
        if len(seen.questions) == 1:
            name = "question-first"
        if name in checked:
            return
        checked.add(name)
        problems.extend(check_page(tab, axe_source, artifacts, f"{name}-{viewport}"))
        assert qid

    page.goto(server + "/")
    expect(page.locator("h1")).to_have_text("Leg pain at rest or at night")
    problems.extend(check_page(page, axe_source, artifacts, f"start-{viewport}"))

    seen = walk(page, server, CRAMPS, "45", "female", on_question=on_question)
    assert seen.questions[:2] == ["age", "sex"]
    assert "checkbox" in seen.kinds and "radio" in seen.kinds
    assert seen.emergency_at is None
    main = page.locator("main")
    expect(main.locator("h1")).to_have_text("Your result")
    expect(main).to_contain_text("Night leg cramps")
    shown = [label for label in _level_labels(kb) if label in main.inner_text()]
    assert shown and shown[0] in (kb.levels["self_care"].label, kb.levels["consultation"].label)
    expect(page.locator(".urgency .level-label")).to_contain_text(shown[0])
    page.locator("details.cause summary").first.click()  # opens without JavaScript help
    expect(page.locator("details.cause").first).to_have_attribute("open", "")
    problems.extend(check_page(page, axe_source, artifacts, f"result-{viewport}"))

    submit(page, page.get_by_role("button", name="Doctor's report"))
    expect(page.locator("h1")).to_contain_text("summary for a clinician")
    expect(page.locator("main")).to_contain_text(shown[0])
    problems.extend(check_page(page, axe_source, artifacts, f"report-{viewport}"))

    assert {"question-first", "question-any_of"} <= checked, checked
    assert not problems, "axe-core (WCAG 2.1 A/AA) found violations:\n" + "\n".join(problems)
    _no_horizontal_scroll(page)


def _no_horizontal_scroll(page: Page) -> None:
    """Nothing sticks out sideways: the page never scrolls horizontally."""
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    size = page.viewport_size
    assert size is not None and wide <= size["width"], f"page is {wide}px wide on {size}"


def test_dvt_case_reaches_the_emergency_screen(
    page: Page, server: str, kb: Knowledge, axe_source: str, artifacts: Path, viewport: str
) -> None:
    problems: list[str] = []

    def on_question(tab: Page, seen: Walk) -> None:
        if seen.emergency_at == len(seen.questions) - 1:  # the first emergency screen
            problems.extend(check_page(tab, axe_source, artifacts, f"emergency-{viewport}"))
            _no_horizontal_scroll(tab)

    seen = walk(page, server, DVT, "64", "female", on_question=on_question)
    assert seen.emergency_at is not None, seen.questions
    assert "leg_skin_and_swelling" in seen.questions[: seen.emergency_at]
    banner = page.locator("section.emergency[role=alert]")
    expect(banner).to_be_visible()
    label = kb.levels["emergency"].label
    expect(banner.locator("h1")).to_contain_text(label)
    expect(banner).to_contain_text(kb.levels["emergency"].action)
    expect(banner).to_contain_text("Why:")
    problems.extend(check_page(page, axe_source, artifacts, f"emergency-result-{viewport}"))
    assert not problems, "axe-core (WCAG 2.1 A/AA) found violations:\n" + "\n".join(problems)


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_back_and_not_sure(page: Page, server: str, viewport: str) -> None:
    page.goto(server + "/")
    submit(page, page.get_by_role("button", name="Start"))
    assert question_id(page) == "age"
    expect(page.locator("form.question-form button", has_text="Back")).to_have_count(0)
    expect(page.locator("#answer")).to_be_focused()  # web.js puts the cursor in the box
    submit(page, page.get_by_role("button", name="Not sure"))
    assert question_id(page) == "sex"
    expect(page.locator(".progress-text")).to_have_text("Question 2")

    submit(page, page.get_by_role("button", name="Back"))
    assert question_id(page) == "age"
    expect(page.locator(".progress-text")).to_have_text("Question 1")
    page.locator("#answer").fill("70")
    submit(page, page.get_by_role("button", name="Next"))
    assert question_id(page) == "sex"
    with page.expect_navigation():
        page.get_by_text("Male", exact=True).click()
    third = question_id(page)
    assert third not in (None, "age", "sex")

    submit(page, page.get_by_role("button", name="Back"))
    assert question_id(page) == "sex"
    expect(page.get_by_label("Male", exact=True)).to_be_checked()  # the answer is kept
    submit(page, page.get_by_role("button", name="Back"))
    expect(page.locator("#answer")).to_have_value("70")

    submit(page, page.get_by_role("button", name="Next"))
    assert question_id(page) == "sex"
    with page.expect_navigation():
        page.get_by_text("Male", exact=True).click()
    assert question_id(page) == third
    unknown = page.locator('form.question-form input[value="unknown"]')
    if unknown.count():  # a choice with a "Not sure" option
        label = page.locator(f'label[for="{unknown.get_attribute("id")}"]')
        kind = page.locator("form.question-form").get_attribute("data-kind")
        if kind in ("single", "choice"):  # web.js posts a one-choice answer on the tap
            submit(page, label)
        else:
            label.click()
            submit(page, page.get_by_role("button", name="Next"))
    else:
        page.locator('form.question-form input[value="none"] + label').click()
        submit(page, page.get_by_role("button", name="Next"))
    assert question_id(page) not in (None, third)
    expect(page.locator(".progress-text")).to_have_text("Question 4")


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_report_pdf(page: Page, server: str, kb: Knowledge, viewport: str) -> None:
    page.set_default_timeout(90_000)  # the server's first PDF loads WeasyPrint (slow when busy)
    walk(page, server, CRAMPS, "45", "female")
    level = next(label for label in _level_labels(kb) if label in page.locator("main").inner_text())
    with page.expect_download() as from_result:
        page.get_by_role("button", name="Download report (PDF)").click()
    submit(page, page.get_by_role("button", name="Doctor's report"))
    with page.expect_download() as from_report:
        page.get_by_role("button", name="Download PDF").click()
    from pypdf import PdfReader

    for download in (from_result.value, from_report.value):
        assert download.suggested_filename.startswith("legwise-report-")
        assert download.suggested_filename.endswith(".pdf")
        data = Path(download.path()).read_bytes()
        assert data.startswith(b"%PDF")
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
        assert level in " ".join(text.split())
        assert kb.conditions["nocturnal_leg_cramps"].clinical_name in " ".join(text.split())
        assert kb.version in text


def test_cramp_interview_without_javascript(
    browser: Browser, server: str, kb: Knowledge, artifacts: Path
) -> None:
    context = _context(browser, "phone", js=False)
    page = context.new_page()
    try:
        seen = walk(page, server, CRAMPS, "45", "female", js=False)
        assert "radio" in seen.kinds and "checkbox" in seen.kinds
        main = page.locator("main")
        expect(main).to_contain_text("Night leg cramps")
        assert any(label in main.inner_text() for label in _level_labels(kb))
        page.screenshot(path=str(artifacts / "result-nojs-phone.png"), full_page=True)
        submit(page, page.get_by_role("button", name="Doctor's report"))
        expect(page.locator("h1")).to_contain_text("summary for a clinician")
        with page.expect_download() as pdf:
            page.get_by_role("button", name="Download PDF").click()
        assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
    finally:
        context.close()
