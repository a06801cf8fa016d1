"""The learned back-off experiment (bench/train_backoff.py): its features mark a negation's
scope, the back-off never overrides a rule reading, and the training data never holds a
held-out folder. No model is fitted here (scikit-learn is only needed to run the experiment)."""

from __future__ import annotations

from tests.bench.conftest import load_bench

tb = load_bench("train_backoff")


def test_negation_scope_runs_to_the_clause_break() -> None:
    f = tb.features("No swelling or redness, calf sore")
    assert {"~swelling", "~redness", "calf", "sore", "calf sore", "no ~swelling"} <= f
    assert "swelling" not in f and "~calf" not in f
    assert "~hurts" in tb.features("it doesn't really hurts")


def test_the_rules_reading_always_wins() -> None:
    rules = {"fever_or_chills": "absent", "pain_score": 7.0}
    probs = {
        ("fever_or_chills", "present"): 0.99,
        ("leg_red", "present"): 0.91,
        ("leg_red", "absent"): 0.95,
        ("leg_warm", "present"): 0.2,
    }
    got = tb.backed_off(rules, probs, 0.9)
    assert got == {"fever_or_chills": "absent", "pain_score": 7.0, "leg_red": "absent"}
    assert tb.backed_off(rules, probs, 0.999) == rules


def test_training_groups_are_development_material_only() -> None:
    groups = tb.load_groups(stress_n=5)
    own = {g for g in groups if g.startswith("own_heldout")}
    assert own == {f"own_heldout{n}" for n in range(3, 16)}
    assert len(groups["stress_dev"]) == 5
    assert all(t["id"].startswith("dev") for t in groups["stress_dev"])
    assert all(g.startswith(("dev", "own_heldout", "stress_dev")) for g in groups)
