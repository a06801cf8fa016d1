"""The generated Wells stress set (bench/wells_stress.py) is deterministic and self-consistent:
every item id is an item of the score, and each note's expected total is the score's total of
its labels. No accuracy floor: the held part is measured, never tuned on."""

from __future__ import annotations

import yaml

from .conftest import load_bench


def test_generator_is_deterministic() -> None:
    ws = load_bench("wells_stress")
    for part in ("dev", "held"):
        a = [n.as_case() for n in ws.generate(part, 40)]
        b = [n.as_case() for n in ws.generate(part, 40)]
        assert a == b


def test_items_and_totals_follow_the_score() -> None:
    ws = load_bench("wells_stress")
    points = ws.score_points()
    data = ws.load_data()
    assert set(data["items"]) == set(points)
    totals = set()
    for part in ("dev", "held"):
        for note in ws.generate(part, 60):
            assert set(note.findings) <= set(points)
            labelled = sum(points[i] for i, v in note.findings.items() if v == "present")
            assert note.wells == labelled
            totals.add(note.wells)
    assert totals == set(range(-2, 9))


def test_dev_part_uses_only_dev_material() -> None:
    ws = load_bench("wells_stress")
    data = ws.load_data()
    held_layouts = set(data["layouts"]["held"])
    notes = ws.generate("dev", 60)
    assert not {n.layout for n in notes} & held_layouts
    held_only = [
        s for it in data["items"].values() for k in ("present", "absent") for s in it[k]["held"]
    ]
    for note in notes:
        assert not any(s in note.text for s in held_only)


def test_phrasing_lists_are_wide_enough() -> None:
    ws = load_bench("wells_stress")
    data = yaml.safe_load(ws.DATA.read_text(encoding="utf-8"))
    for item in data["items"].values():
        assert len(item["present"]["dev"]) + len(item["present"]["held"]) >= 8
        assert len(item["absent"]["dev"]) + len(item["absent"]["held"]) >= 6
    assert len(data["layouts"]["dev"]) + len(data["layouts"]["held"]) >= 14
