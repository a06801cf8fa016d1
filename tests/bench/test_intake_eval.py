"""The free-text intake evaluation (bench/intake_eval.py).

Safety: no vignette whose acceptable range starts at consultation_24 or above may get a lower
triage level from its text version than from its structured case (a text that yields nothing
counts as lower). The quality figures (lay-text F1, Wells exact match) must be computed; their
targets are reported by the bench. Timing is never asserted here.
"""

from __future__ import annotations

import math
from types import ModuleType
from typing import Any

import pytest

from legwise.kb.loader import Knowledge

from .conftest import load_bench


@pytest.fixture(scope="module")
def ev() -> ModuleType:
    return load_bench("intake_eval")


@pytest.fixture(scope="module")
def report(ev: ModuleType, kb: Knowledge) -> Any:
    return ev.evaluate(kb, speed_repeats=1)


def test_data_sizes(ev: ModuleType) -> None:
    assert len(ev.load_yaml_list(ev.DATA / "lay_texts.yaml")) >= 80
    assert len(ev.load_yaml_list(ev.DATA / "clinician_notes.yaml")) >= 40
    assert len(ev.load_yaml_list(ev.DATA / "vignette_texts.yaml")) >= 60


def test_data_uses_known_ids(ev: ModuleType, kb: Knowledge) -> None:
    vignettes = ev.load_vignettes()
    for name in ("lay_texts.yaml", "clinician_notes.yaml"):
        for t in ev.load_yaml_list(ev.DATA / name):
            exp = t["expect"]
            for key in ("findings", "also_ok"):
                for fid in exp.get(key) or {}:
                    assert fid in kb.findings, f"{name} {t['id']}: unknown finding {fid}"
    for t in ev.load_yaml_list(ev.DATA / "vignette_texts.yaml"):
        assert t["vignette_id"] in vignettes, t["vignette_id"]


def test_true_wells_follows_from_expected_findings(ev: ModuleType, kb: Knowledge) -> None:
    items = ev.wells_items(kb)
    assert len(items) == 10
    for n in ev.load_yaml_list(ev.DATA / "clinician_notes.yaml"):
        found = n["expect"]["findings"]
        total = sum(p for f, p in items.items() if found.get(f) == "present")
        assert total == n["wells"], n["id"]


def test_quality_figures_are_computed(report: Any) -> None:
    assert 0.0 <= report.lay.f1 <= 1.0 and not math.isnan(report.lay.f1)
    assert 0.0 <= report.notes.wells_accuracy <= 1.0
    assert len(report.notes.results) == report.notes.notes
    assert report.agreement.texts >= 60
    assert report.lay.per_finding


def test_text_understanding_meets_its_targets(report: Any) -> None:
    # The targets: F1 over the lay descriptions, and the Wells score from notes.
    assert report.lay.f1 >= 0.90
    assert report.notes.wells_accuracy >= 0.95


def test_no_urgent_vignette_gets_a_lower_level_from_text(report: Any) -> None:
    lower = [
        f"{r.id}: text {r.text_level} vs structured {r.structured_level}"
        + (f" ({r.error})" if r.error else "")
        for r in report.agreement.results
        if r.urgent and r.lower
    ]
    assert report.agreement.urgent > 0
    assert not lower, "\n".join(lower)


def test_any_folder_in_the_held_out_shape_is_read_by_kind(ev: ModuleType, tmp_path: Any) -> None:
    # The lead's command: bench/intake_eval.py tests/intake/heldout/ (lay_texts.yaml,
    # wells_notes.yaml, clinical_stems.yaml); h12's own held-out folder has that shape.
    sets = ev.load_sets([ev.DATA / "own_heldout"])
    assert (len(sets.lay), len(sets.notes), len(sets.stems)) == (8, 6, 6)
    assert not sets.vignette_texts


def test_every_wells_note_scores_what_its_findings_say(ev: ModuleType, kb: Knowledge) -> None:
    items = ev.wells_items(kb)
    sets = ev.load_sets([ev.DATA, ev.DATA / "own_heldout"])
    for n in sets.notes:
        found = n["expect"]["findings"]
        assert sum(p for f, p in items.items() if found.get(f) == "present") == n["wells"], n["id"]


def test_every_new_text_uses_known_ids(ev: ModuleType, kb: Knowledge) -> None:
    sets = ev.load_sets([ev.DATA, ev.DATA / "own_heldout", ev.DATA / "own_heldout2"])
    for t in sets.lay + sets.notes + sets.stems:
        for key in ("findings", "also_ok"):
            for fid in t["expect"].get(key) or {}:
                assert fid in kb.findings, f"{t['id']}: unknown finding {fid}"
    assert len(sets.lay) >= 124 and len(sets.notes) >= 72 and len(sets.stems) >= 30


def test_targets_only_prints_no_text_and_no_id(ev: ModuleType, capsys: Any) -> None:
    # held-out sets are run with --targets-only: totals and targets, never a text or an id
    data = ev.load_yaml_list(ev.DATA / "dev4_lay.yaml")
    ev.main(["--targets-only", "--speed-repeats", "1", str(ev.DATA / "dev4_lay.yaml")])
    out = capsys.readouterr().out
    assert "lay findings micro" in out and "target" in out
    for t in data:
        assert t["id"] not in out and t["text"][:30] not in out
