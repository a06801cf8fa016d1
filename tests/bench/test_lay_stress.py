"""The generated lay stress set (bench/lay_stress_gen.py): deterministic, names only existing
findings, and its labels follow the frame rules. No accuracy floor (the held part is measured,
never tuned on)."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.bench.conftest import load_bench

FINDINGS = Path(__file__).resolve().parents[2] / "src" / "legwise" / "knowledge" / "findings"
gen = load_bench("lay_stress_gen")


def _finding_ids() -> set[str]:
    ids: set[str] = set()
    for path in FINDINGS.glob("*.yaml"):
        ids |= {f["id"] for f in yaml.safe_load(path.read_text(encoding="utf-8"))}
    return ids


def test_the_same_texts_every_run() -> None:
    a = [t.as_entry() for t in gen.generate("dev", 40)]
    b = [t.as_entry() for t in gen.generate("dev", 40)]
    assert a == b
    assert a != [t.as_entry() for t in gen.generate("held", 40)]


def test_every_finding_id_exists() -> None:
    ids = _finding_ids()
    data = gen.load_data()
    named = set(data["findings"])
    for spec in data["findings"].values():
        named |= set(spec.get("also") or {})
    for t in gen.generate("dev", 150) + gen.generate("held", 150):
        named |= set(t.expect["findings"]) | set(t.expect.get("also_ok") or {})
    assert named - ids == set()


def test_labels_follow_the_frame_rules() -> None:
    data = gen.load_data()
    held_frames = {f["id"] for fs in data["frames"].values() for f in fs if f["held"]}
    for part in ("dev", "held"):
        for t in gen.generate(part, 200):
            found = t.expect["findings"]
            if part == "dev":
                assert not set(t.frames) & held_frames, t.id
            for fid, kind in t.mentions:
                time = data["findings"][fid].get("time")
                if kind in ("ot", "hd"):
                    assert fid not in found, (t.id, fid)
                elif kind in ("aff", "du"):
                    assert found[fid] == "present", (t.id, fid)
                elif kind in ("den", "dl"):
                    assert found[fid] == "absent", (t.id, fid)
                elif kind == "rs":
                    assert found[fid] == ("present" if time == "ever" else "absent"), (t.id, fid)
            if any(f.startswith("du_") for f in t.frames):
                assert found["symptom_duration_days"] >= 1, t.id
            else:
                assert "symptom_duration_days" not in found, t.id
            assert 2 <= len(t.frames) <= 5


def test_voices_change_the_words_not_the_labels() -> None:
    assert (
        gen.phone("I've got a temperature of 38.5, and you?")
        == "ive got a temperature of 38.5 and u"
    )
    assert gen.third_person("Should I worry? I get cramps in my calf", "female") == (
        "Should she worry? she gets cramps in her calf"
    )
