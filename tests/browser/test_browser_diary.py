"""The diary pages in Debian's Chromium: start a diary, add a night with the form, see it in
the table and the chart; axe-core on the start, link and diary pages at both widths."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import VIEWPORTS
from tests.browser.flow import check_page, submit

pytestmark = pytest.mark.browser


@pytest.fixture(params=sorted(VIEWPORTS))
def tab(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[Page, str]]:
    name: str = request.param
    size = VIEWPORTS[name]
    context = browser.new_context(
        viewport={"width": size["width"], "height": size["height"]},
        is_mobile=name == "phone",
        has_touch=name == "phone",
    )
    context.set_default_timeout(15_000)
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "response",
        lambda r: (
            errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico")
            else None
        ),
    )
    yield page, name
    context.close()
    assert not errors, f"errors in the browser: {errors}"


def test_add_a_night_and_see_it(
    tab: tuple[Page, str], server: str, axe_source: str, artifacts: Path
) -> None:
    page, viewport = tab
    problems: list[str] = []
    page.goto(server + "/diary")
    expect(page.locator("main")).to_contain_text("Nothing is kept unless you start one.")
    problems += check_page(page, axe_source, artifacts, f"diary-start-{viewport}")

    submit(page, page.get_by_role("button", name="Start my diary"))
    link = page.locator("a.private-link")
    expect(link).to_contain_text("/diary/open/")
    problems += check_page(page, axe_source, artifacts, f"diary-created-{viewport}")
    submit(page, page.get_by_role("link", name="Open my diary"))
    expect(page.locator("h1")).to_have_text("My night diary")

    form = page.locator("form.diary-form")
    night = form.locator("#night").input_value()
    assert night, "last night is filled in"
    form.get_by_text("6", exact=True).click()  # the big pain button
    form.get_by_label("How many bouts").fill("2")
    form.get_by_label("About how long").fill("15")
    form.get_by_label(page.locator('label[for="f-brief_cramp_episodes"]').inner_text()).check()
    form.locator('label[for="sleep-yes"]').click()
    form.get_by_label("Note").fill("Woke twice, stretched the calf.")
    form.get_by_role("button", name="Save this night").click()

    expect(page.locator("h1")).to_have_text("My night diary")
    rows = page.locator("table.nights tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("6/10")
    expect(page.locator("svg.diary-chart rect.diary-pain")).to_have_count(1)
    expect(page.locator("svg.diary-chart desc")).to_contain_text("pain 6 of 10, 2 bouts")
    problems += check_page(page, axe_source, artifacts, f"diary-{viewport}")

    rows.first.get_by_role("link").click()
    expect(page.locator("main")).to_contain_text("Woke twice, stretched the calf.")
    assert not problems, "axe-core (WCAG 2.1 A/AA) found violations:\n" + "\n".join(problems)
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    assert wide <= VIEWPORTS[viewport]["width"]


def test_the_diary_on_a_phone_edit_in_place_copy_and_print(
    tab: tuple[Page, str], server: str, axe_source: str, artifacts: Path
) -> None:
    page, viewport = tab
    problems: list[str] = []
    page.goto(server + "/diary")
    submit(page, page.get_by_role("button", name="Start my diary"))
    copy = page.get_by_role("button", name="Copy the link")
    if page.evaluate("() => Boolean(navigator.clipboard)"):  # a secure page can copy
        expect(copy).to_be_visible()
    submit(page, page.get_by_role("link", name="Open my diary"))

    form = page.locator("form.diary-form")
    tried = form.locator('input[name="self_care"]').evaluate_all("bs => bs.map(b => b.value)")
    assert tried and "stop_smoking" not in tried and "walking_program" not in tried
    form.get_by_text("4", exact=True).click()
    form.get_by_label("How many bouts").fill("1")
    form.locator('label[for="sleep-no"]').click()
    form.get_by_role("button", name="Save this night").click()
    rows = page.locator("table.nights tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("4/10")
    # the nights table fits the screen: no sideways scrolling inside its box
    box = page.locator(".table-scroll")
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1"), "the nights table is too wide"
    legend = page.locator(".chart-legend")
    for colour in ("Blue bar", "Red bar", "Purple line", "Green bar"):
        expect(legend).to_contain_text(colour)
    problems += check_page(page, axe_source, artifacts, f"new-diary-{viewport}")

    rows.first.get_by_role("link").click()
    page.get_by_role("link", name="Change this night").click()
    edit = page.locator("form.diary-form")
    expect(edit.locator('input[name="worst_pain"][value="4"]')).to_be_checked()  # filled in
    edit.get_by_text("8", exact=True).click()
    edit.get_by_role("button", name="Save the changes").click()
    expect(rows).to_have_count(1)  # changed in place, not added
    expect(rows.first).to_contain_text("8/10")

    page.get_by_role("link", name="Summary for my doctor (printable)").click()
    expect(page.locator("h1")).to_contain_text("Night diary: summary for a clinician")
    expect(page.locator("main")).to_contain_text("8/10")
    problems += check_page(page, axe_source, artifacts, f"new-diary-summary-{viewport}")
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    assert wide <= VIEWPORTS[viewport]["width"]
    assert not problems, "axe-core (WCAG 2.1 A/AA) found violations:\n" + "\n".join(problems)
