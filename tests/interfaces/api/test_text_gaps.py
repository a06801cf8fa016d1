"""Issue 12 item 3 over REST: /v1/parse and /v1/assess with text say which warning-sign
questions the text left unanswered, in the order the interview asks them."""

from __future__ import annotations

from fastapi.testclient import TestClient

TEXT = "My left calf is swollen. No chest pain, no fever."


def test_parse_lists_the_open_warning_signs_and_their_questions(client: TestClient) -> None:
    body = client.post("/v1/parse", json={"text": TEXT}).json()
    open_ = body["unanswered_warning_signs"]
    assert "coughing_blood" in open_ and "chest_pain_or_breathless" not in open_
    assert [f for q in body["warning_questions"] for f in q["findings"]] == open_
    assert body["level"] in ("consultation_24", "emergency", "emergency_ambulance")


def test_assess_with_text_says_the_same_after_explicit_answers(client: TestClient) -> None:
    case = {"text": TEXT, "findings": {"coughing_blood": "absent"}}
    body = client.post("/v1/assess", json=case).json()
    open_ = body["from_text"]["unanswered_warning_signs"]
    assert "coughing_blood" not in open_ and "fainting_or_racing_heart" in open_
    assert set(open_) <= set(body["triage"]["unanswered_red_flags"])
