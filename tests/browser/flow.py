"""Driving the interview in a real browser: read each screen, answer it like a person would."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MAX_QUESTIONS = 60


@dataclass
class Walk:
    """What an interview showed on the way: question ids in order and the input kinds seen."""

    questions: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    emergency_at: int | None = None


def question_id(page: Page) -> str | None:
    box = page.locator('form.question-form input[name="question"]')
    return box.get_attribute("value") if box.count() else None


def next_button(page: Page) -> Locator:
    return page.locator('form.question-form button[name="action"][value="answer"]')


def submit(page: Page, control: Locator) -> None:
    """Click a control that posts the form, and wait for the next page to load.

    Playwright's click returns before the navigation it starts has finished, so reading the
    page straight after it can still see the old screen (the first question read as no
    question at all ends a walk on the start page).
    """
    with page.expect_navigation():
        control.click()


def answer(page: Page, yes: set[str], age: str, sex: str, js: bool) -> str:
    """Answer the question on screen; the kind of answer given (for the walk's record)."""
    form = page.locator("form.question-form")
    qid = question_id(page)
    if qid == "age":
        page.locator("form.question-form input#answer").fill(age)
        submit(page, next_button(page))
        return "number"
    if page.locator("form.question-form input#answer[type=text]").count():
        submit(page, form.get_by_role("button", name="Not sure"))
        return "not sure"
    boxes = form.locator('input[name="answer"]')
    values = [boxes.nth(i).get_attribute("value") or "" for i in range(boxes.count())]
    if boxes.first.get_attribute("type") == "checkbox":
        ticked = [v for v in values if v in yes] or ["none"]
        for value in ticked:
            form.locator(f'label[for="{_id_of(page, value)}"]').click()
        submit(page, next_button(page))
        return "checkbox"
    if qid == "sex":
        choice = sex
    elif "present" in values:
        choice = "present" if qid in yes else "absent"
    else:
        choice = "unknown" if "unknown" in values else values[0]
    label = form.locator(f'label[for="{_id_of(page, choice)}"]')
    if js:  # web.js answers a one-choice question as soon as a row is tapped
        submit(page, label)
    else:
        label.click()
        submit(page, next_button(page))
    return "radio"


def _id_of(page: Page, value: str) -> str:
    box = page.locator(f'form.question-form input[name="answer"][value="{value}"]')
    return box.get_attribute("id") or ""


def walk(
    page: Page,
    base: str,
    yes: set[str],
    age: str,
    sex: str,
    js: bool = True,
    on_question: Callable[[Page, Walk], None] | None = None,
) -> Walk:
    """From the start page to the result page; `on_question(page, walk)` sees each screen."""
    page.goto(base + "/")
    submit(page, page.get_by_role("button", name="Start"))
    seen = Walk()
    for _ in range(MAX_QUESTIONS):
        qid = question_id(page)
        if seen.emergency_at is None and page.locator("section.emergency").count():
            seen.emergency_at = len(seen.questions)
        if qid is None and page.locator("form.extra-form").count():
            seen.questions.append("anything_else")  # the closing free-text box, left empty
            submit(page, page.get_by_role("button", name="Show my result"))
            continue
        if qid is None:
            return seen
        seen.questions.append(qid)
        if on_question is not None:
            on_question(page, seen)
        seen.kinds.append(answer(page, yes, age, sex, js))
    raise AssertionError(f"the interview never finished: {seen.questions}")


def run_axe(page: Page, source: str) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A/AA violations on the page (injected by evaluate: CSP-proof)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(source)
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    assert result["passes"], "axe-core ran no checks"  # it really ran on this page
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '')}")
    return "\n".join(lines)


def check_page(page: Page, axe: str, shots: Path, name: str) -> list[str]:
    """Screenshot the page to `shots/name.png` and run axe; problems found, as text."""
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    violations = run_axe(page, axe)
    if not violations:
        return []
    (shots / f"{name}.axe.json").write_text(json.dumps(violations, indent=1))
    return [f"{name}:\n{describe(violations)}"]
