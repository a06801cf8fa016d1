"""Issue 13 in Debian's Chromium, phone and desktop: the result survives Back and the report
links back; an emergency in the free text shows the emergency screen (with a call button) at
once; "Not sure" warning signs are asked one by one and listed first; forms keep what was
typed and never submit twice; the report's page count for the test personas is printed.

Screenshots of the new result, emergency, report and diary pages go to test-artifacts/.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from legwise.kb.loader import Knowledge
from tests.browser.conftest import VIEWPORTS
from tests.browser.flow import answer, check_page, question_id, submit, walk

pytestmark = pytest.mark.browser

CRAMPS = {
    "pain_at_night",
    "brief_cramp_episodes",
    "muscle_knot_during_pain",
    "relieved_by_stretching",
}
DVT = {"one_leg_swollen", "calf_tenderness"}
RLS = {"urge_to_move_legs", "worse_when_resting", "relieved_by_movement", "worse_evening_or_night"}
PERSONAS = {  # name: (ticked findings, age, sex, typical case)
    "cramps": (CRAMPS, "70", "female", True),
    "restless-legs": (RLS, "52", "female", True),
    "clot": (DVT, "64", "female", False),
}
EMERGENCY_TEXT = "My calf is swollen and hot, and now I have chest pain and I can't breathe."
MAX_REPORT_PAGES = 2


def _context(browser: Browser, viewport: str, locale: str = "en-GB") -> BrowserContext:
    size = VIEWPORTS[viewport]
    context = browser.new_context(
        viewport={"width": size["width"], "height": size["height"]},
        locale=locale,
        is_mobile=viewport == "phone",
        has_touch=viewport == "phone",
        accept_downloads=True,
    )
    # 60 s: the server's first free text loads the text reader, its first PDF WeasyPrint; on a
    # busy machine either can take longer than a page normally does
    context.set_default_timeout(60_000)
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
    yield tab
    context.close()
    assert not errors, f"errors in the browser: {errors}"


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1 if page.viewport_size else True


def test_the_result_survives_back_and_the_report_links_back(
    page: Page, server: str, axe_source: str, artifacts: Path, viewport: str
) -> None:
    walk(page, server, CRAMPS, "70", "female")
    assert page.url.endswith("/result")  # a GET page: Back and reload cannot resubmit
    expect(page.locator("h1")).to_have_text("Your result")
    expect(page.locator("main")).to_contain_text(" in 10")  # natural frequencies
    expect(page.locator("main")).to_contain_text("add up to more than 10 in 10")
    expect(page.locator("main")).not_to_contain_text("Likelihood ratio")
    problems = check_page(page, axe_source, artifacts, f"new-result-{viewport}")
    _fits(page)
    cut = page.evaluate(
        """() => [...document.querySelectorAll('svg.chart')].flatMap(svg => {
             const right = svg.getBoundingClientRect().right + 1;
             return [...svg.querySelectorAll('text.chart-label')]
               .filter(t => t.getBoundingClientRect().right > right).map(t => t.textContent);
           })"""
    )
    assert not cut, f"chart labels cut off at the right: {cut}"

    submit(page, page.get_by_role("button", name="Doctor's report"))
    assert page.url.endswith("/result/report")
    expect(page.locator("h1")).to_contain_text("summary for a clinician")
    problems += check_page(page, axe_source, artifacts, f"new-report-{viewport}")
    _fits(page)

    page.go_back()  # the browser's Back button: the result again, no "Confirm resubmission"
    expect(page.locator("h1")).to_have_text("Your result")
    page.go_forward()
    page.get_by_role("link", name="Back to my result").click()  # the report's own way back
    expect(page.locator("h1")).to_have_text("Your result")
    page.reload()
    expect(page.locator("h1")).to_have_text("Your result")
    assert not problems, "axe-core found violations:\n" + "\n".join(problems)


def test_an_emergency_in_the_free_text_shows_the_emergency_screen_at_once(
    page: Page, server: str, axe_source: str, artifacts: Path, viewport: str
) -> None:
    page.goto(server + "/")
    page.locator("#text").fill(EMERGENCY_TEXT)
    submit(page, page.get_by_role("button", name="Start"))
    banner = page.locator("section.emergency[role=alert]")
    expect(banner).to_be_visible()
    assert question_id(page) not in ("age", "sex")  # nothing asked before it
    call = banner.get_by_role("link", name="Call 999")  # en-GB browser: 999
    expect(call).to_have_attribute("href", "tel:999")
    box = call.bounding_box()
    assert box is not None and box["height"] >= 44  # a thumb-sized tap target
    problems = check_page(page, axe_source, artifacts, f"new-emergency-{viewport}")
    _fits(page)
    assert not problems, "axe-core found violations:\n" + "\n".join(problems)


def test_the_call_button_follows_the_browser_locale(browser: Browser, server: str) -> None:
    context = _context(browser, "phone", locale="en-US")
    try:
        tab = context.new_page()
        tab.goto(server + "/")
        tab.locator("#text").fill(EMERGENCY_TEXT)
        submit(tab, tab.get_by_role("button", name="Start"))
        expect(tab.get_by_role("link", name="Call 911")).to_have_attribute("href", "tel:911")
    finally:
        context.close()


def test_not_sure_warning_signs_are_asked_one_by_one_and_listed_first(
    page: Page, server: str, kb: Knowledge, axe_source: str, artifacts: Path, viewport: str
) -> None:
    screens = {g.id for g in kb.questions.values() if g.phase == "screen"}
    page.goto(server + "/")
    submit(page, page.get_by_role("button", name="Start"))
    answer(page, set(), "50", "male", js=True)  # age
    answer(page, set(), "50", "male", js=True)  # sex
    qid = question_id(page)
    assert qid in screens
    listed = [
        v
        for v in page.locator('form.question-form input[name="answer"]').evaluate_all(
            "boxes => boxes.map(b => b.value)"
        )
        if v not in ("none", "unknown")
    ]
    page.locator('form.question-form input[value="unknown"] + label').click()
    submit(page, page.get_by_role("button", name="Next"))
    for n, finding in enumerate(listed):
        assert question_id(page) == finding
        expect(page.locator("form.question-form .option label")).to_have_text(
            ["Yes", "No", "Not sure"]
        )
        choice = "unknown" if n == 0 else "absent"
        with page.expect_navigation():
            page.locator(f'form.question-form input[value="{choice}"] + label').click()
    for _ in range(60):
        if question_id(page) is None:
            if page.locator("form.extra-form").count():  # "anything else?", left empty
                submit(page, page.get_by_role("button", name="Show my result"))
                continue
            break
        answer(page, set(), "50", "male", js=True)
    signs = page.locator("section.open-signs")
    expect(signs).to_be_visible()
    expect(signs).to_contain_text(kb.findings[listed[0]].label)
    expect(signs).to_contain_text("If you have any of these")
    main = page.locator("main").inner_text()
    assert main.index("Warning signs you were not sure about") < main.index("Why this level")
    problems = check_page(page, axe_source, artifacts, f"new-result-unsure-{viewport}")
    assert not problems, "axe-core found violations:\n" + "\n".join(problems)


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_forms_keep_what_was_typed_and_never_submit_twice(page: Page, server: str) -> None:
    page.goto(server + "/")
    submit(page, page.get_by_role("button", name="Start"))
    page.locator("#answer").fill("400")
    submit(page, page.get_by_role("button", name="Next"))
    expect(page.locator(".error-box")).to_contain_text("Type a number from 0 to 120")
    expect(page.locator(".error-box")).not_to_contain_text('"?"')
    expect(page.locator("#answer")).to_have_value("400")  # what was typed is kept
    page.locator("#answer").fill("45")
    submit(page, page.get_by_role("button", name="Next"))
    assert question_id(page) == "sex"
    # A tap that answers, then Next as well: one answer, not two.
    with page.expect_navigation():
        page.evaluate(
            """() => {
              const form = document.querySelector('form.question-form');
              const next = form.querySelector('button[value="answer"]');
              form.querySelector('input[value="male"]').checked = true;
              form.requestSubmit(next);
              form.requestSubmit(next);
            }"""
        )
    expect(page.locator(".progress-text")).to_have_text("Question 3")
    # A conflict keeps the ticks.
    boxes = page.locator('form.question-form input[type="checkbox"]')
    first = boxes.first.get_attribute("value")
    page.locator(f'form.question-form input[value="{first}"] + label').click()
    page.evaluate(
        "() => { document.querySelector('form.question-form input[value=\"none\"]')"
        ".checked = true; }"
    )
    submit(page, page.get_by_role("button", name="Next"))
    expect(page.locator(".error-box")).to_be_visible()
    expect(page.locator(f'form.question-form input[value="{first}"]')).to_be_checked()


def _print(page: Page) -> bytes:
    """The page printed to A4 by Chromium. Its print call now and then answers "Printing
    failed" on a busy machine (seen in one of three CI runs); once more settles it, and a
    second failure still fails the test."""
    from playwright.sync_api import Error

    try:
        return page.pdf(format="A4")
    except Error as exc:
        if "Printing failed" not in str(exc):
            raise
        page.wait_for_timeout(500)
        return page.pdf(format="A4")


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_report_page_counts_for_the_personas(
    page: Page, server: str, artifacts: Path, viewport: str
) -> None:
    from pypdf import PdfReader

    counts: dict[str, tuple[int, int]] = {}
    for name, (yes, age, sex, _) in PERSONAS.items():
        walk(page, server, yes, age, sex)
        with page.expect_download() as download:
            page.get_by_role("button", name="Download report (PDF)").click()
        pdf = Path(download.value.path()).read_bytes()
        (artifacts / f"report-{name}.pdf").write_bytes(pdf)
        weasy = len(PdfReader(io.BytesIO(pdf)).pages)
        submit(page, page.get_by_role("button", name="Doctor's report"))
        printed = _print(page)
        chrome = len(PdfReader(io.BytesIO(printed)).pages)
        counts[name] = (weasy, chrome)
    for name, (weasy, chrome) in counts.items():
        print(f"report pages [{name}]: PDF download {weasy}, browser print {chrome}")
    for name, (_, _, _, typical) in PERSONAS.items():
        if typical:
            assert max(counts[name]) <= MAX_REPORT_PAGES, (name, counts[name])


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_report_first_page_holds_the_summary(page: Page, server: str) -> None:
    from pypdf import PdfReader

    walk(page, server, DVT, "64", "female")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download report (PDF)").click()
    reader = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    first = " ".join(reader.pages[0].extract_text().split())
    for part in ("Name", "Date of birth", "Urgency", "Positive findings", "Deep vein thrombosis"):
        assert part in first, part
    assert "Wells" in first
    assert "IRLSSG" not in first  # a score that does not apply is left out


ADULT_ONLY = (
    "pregnant_or_postpartum",
    "new_sexual_dysfunction",
    "ankle_brachial_index",
    "heavy_alcohol_use",
    "smoker",
)


def _speaks_to_a_parent(text: str) -> bool:
    """Says "your" only as "your child('s)"."""
    import re

    low = text.lower().replace("’", "'")
    return re.search(r"\byour(s|self)?\b", re.sub(r"your child('s)?", "", low)) is None


def test_a_parent_reads_help_and_options_for_their_child_and_no_adult_items(
    page: Page, server: str, axe_source: str, artifacts: Path, viewport: str
) -> None:
    seen: dict[str, list[str]] = {"values": [], "helps": [], "labels": []}
    problems: list[str] = []

    def look(tab: Page, walked: object) -> None:
        form = tab.locator("form.question-form")
        seen["values"] += form.locator('input[name="answer"]').evaluate_all(
            "boxes => boxes.map(b => b.value)"
        )
        seen["helps"] += form.locator("#answer-help").all_inner_texts()
        seen["labels"] += form.locator(".option label").all_inner_texts()
        if question_id(tab) == "leg_skin_and_swelling":
            problems.extend(
                check_page(tab, axe_source, artifacts, f"new-child-question-{viewport}")
            )

    walked = walk(page, server, set(), "8", "female", on_question=look)
    for adult in ADULT_ONLY:
        assert adult not in walked.questions and adult not in seen["values"], adult
    assert seen["helps"] and any("your child" in h.lower() for h in seen["helps"])
    for text in seen["helps"][2:] + seen["labels"]:  # after the age and sex
        assert _speaks_to_a_parent(text), text
    result = page.locator("main").inner_text().lower()
    for words in ("pregnan", "sexual", "alcohol", "smok", "ankle-brachial"):
        assert words not in result, words
    assert not problems, "axe-core found violations:\n" + "\n".join(problems)


def test_the_result_gives_reasons_in_the_persons_words_and_an_avoid_list_of_donts(
    page: Page, server: str, kb: Knowledge, axe_source: str, artifacts: Path, viewport: str
) -> None:
    import re

    labels: dict[str, list[str]] = {}

    def look(tab: Page, walked: object) -> None:
        qid = question_id(tab)
        if qid:
            labels[qid] = tab.locator("form.question-form .option label").all_inner_texts()

    rule = kb.rules["dvt_signs_with_high_risk"]
    walk(
        page,
        server,
        {"calf_tenderness", "pregnant_or_postpartum"},
        "31",
        "female",
        on_question=look,
    )
    for qid, shown in labels.items():  # each option of a question reads one thing
        assert len(shown) == len(set(shown)), qid
    main = page.locator("main")
    expect(main).to_contain_text(" ".join((rule.patient_reason or "").split()))
    expect(main).to_contain_text("In your answers: Pregnant or just gave birth")
    text = main.inner_text()
    assert rule.title not in text and "cancer" not in text.lower()
    banner = page.locator("section.emergency").inner_text()
    assert "within a few hours" not in banner  # "go now" speaks with one voice
    expect(page.locator(".lead-cause").first).to_contain_text(
        kb.conditions["deep_vein_thrombosis"].name
    )
    expect(page.locator("details.other-causes")).not_to_have_attribute("open", "")
    avoid = page.locator("ul.advice.avoid li strong").all_inner_texts()
    assert "Do not rub or massage the leg." in avoid
    for item in avoid:
        assert re.search(r"^(Do not|Avoid|Never)\b|\bnot\b", item), item
    problems = check_page(page, axe_source, artifacts, f"new-result-reasons-{viewport}")
    _fits(page)
    assert not problems, "axe-core found violations:\n" + "\n".join(problems)
