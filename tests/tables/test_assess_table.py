"""`assess_table` gives the numbers `legwise.assess` gives, whichever shape the table has."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest

import legwise
from legwise.errors import InputError
from legwise.kb.loader import Knowledge
from legwise.tables.cases import RowError
from legwise.tables.core import assess_table
from tests.tables.cases import random_cases, wide

N = 2000


@pytest.fixture(scope="module")
def cases(kb: Knowledge) -> list[dict[str, Any]]:
    return random_cases(kb, N)


@pytest.fixture(scope="module")
def results(kb: Knowledge, cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return list(legwise.assess_table(pa.Table.from_pylist(cases), kb=kb).to_pylist())


def test_every_row_agrees_with_assess(
    kb: Knowledge, cases: list[dict[str, Any]], results: list[dict[str, Any]]
) -> None:
    assert len(results) == N
    for case, row in zip(cases, results, strict=True):
        single = legwise.assess(case, kb=kb)
        assert row["id"] == case["id"]
        assert row["level"] == single.level, case["id"]
        assert row["unexplained"] == (single.unexplained is not None), case["id"]
        fired = [r.rule for r in single.triage.reasons if r.rule in kb.rules]
        assert sorted(row["rules"]) == sorted(fired), case["id"]
        assert row["knowledge_version"] == single.knowledge_version
        top = single.conditions[: len(row["causes"])]
        assert len(row["causes"]) == min(3, len(single.conditions))
        for cause, expected in zip(row["causes"], top, strict=True):
            # the same probabilities; near-ties may swap places, so compare by id
            assert abs(cause["probability"] - single.probability(cause["id"])) < 1e-6
            assert abs(cause["probability"] - expected.probability) < 1e-6
        wells = single.scores.get("wells_dvt")
        for variant in ("two_level", "three_level"):
            value = row[f"scores.wells_dvt.{variant}"]
            if wells is None:
                assert value is None
            else:
                assert value == wells["variants"][variant]["value"]
                worst = row[f"scores.wells_dvt.{variant}.worst_case"]
                assert worst == wells["variants"][variant]["worst_case"]


def test_a_wide_table_gives_the_same_results(
    kb: Knowledge, cases: list[dict[str, Any]], results: list[dict[str, Any]]
) -> None:
    table = pa.table(wide(cases[:300]))
    assert legwise.assess_table(table, kb=kb).to_pylist() == results[:300]


def test_odd_but_valid_values_are_read_as_assess_reads_them(kb: Knowledge) -> None:
    """Numbers written as text, "unknown" numbers and integer ids take the one-by-one path."""
    table = pa.table(
        {
            "id": [7, 8],
            "age": ["67", "unknown"],
            "pain_score": ["8", None],
            "one_leg_swollen": ["present", "absent"],
        }
    )
    rows = legwise.assess_table(table, kb=kb).to_pylist()
    assert [r["id"] for r in rows] == ["7", "8"]
    for row, case in zip(
        rows,
        [
            {"age": 67, "findings": {"pain_score": 8, "one_leg_swollen": "present"}},
            {"findings": {"one_leg_swollen": "absent"}},
        ],
        strict=True,
    ):
        single = legwise.assess(case, kb=kb)
        assert row["level"] == single.level
        assert abs(row["causes"][0]["probability"] - single.conditions[0].probability) < 1e-6


@pytest.mark.parametrize(
    ("column", "values", "field"),
    [
        ("one_leg_swollen", ["present", "maybe"], "findings.one_leg_swollen"),
        ("age", [50, 400], "age"),
        ("sex", ["female", "robot"], "sex"),
        ("no_such_finding", [None, "present"], "findings.no_such_finding"),
        ("pain_score", [3, 11], "findings.pain_score"),
    ],
)
def test_a_bad_row_is_named_and_the_rest_can_still_be_scored(
    kb: Knowledge, column: str, values: list[Any], field: str
) -> None:
    table = pa.table({"id": ["good", "bad"], column: values})
    with pytest.raises(InputError) as info:
        legwise.assess_table(table, kb=kb)
    assert info.value.field == f"[1].{field}"
    errors: list[RowError] = []
    rows = assess_table(table, kb, errors=errors).to_pylist()
    assert [r["id"] for r in rows] == ["good"]
    assert [(e.row, e.field) for e in errors] == [(1, field)]


def test_findings_and_top_level_age_must_agree(kb: Knowledge) -> None:
    table = pa.Table.from_pylist([{"age": 40, "findings": {"age": 41}}])
    with pytest.raises(InputError) as info:
        legwise.assess_table(table, kb=kb)
    assert info.value.field == "[0].findings.age"


def test_dictionary_columns_as_parquet_gives_them_read_the_same(
    kb: Knowledge, cases: list[dict[str, Any]], results: list[dict[str, Any]]
) -> None:
    """Parquet's yes/no columns come as dictionaries, each with its own word order (and an
    empty one when every row is null): the codes are the same as from plain text."""
    columns = wide(cases[:300])
    table = pa.table(columns)
    encoded = []
    for i, name in enumerate(table.column_names):
        col = table.column(name)
        if name not in ("id", "age", "sex") and pa.types.is_string(col.type):
            col = col.dictionary_encode()
            if i % 2:  # another word order: the dictionary sorted backwards
                words = sorted(col.chunk(0).dictionary.to_pylist(), reverse=True)
                values = col.to_pylist()
                col = pa.DictionaryArray.from_arrays(
                    pa.array([None if v is None else words.index(v) for v in values], pa.int32()),
                    pa.array(words),
                )
        encoded.append(col)
    table = pa.table(encoded, names=table.column_names)
    empty = pa.DictionaryArray.from_arrays(pa.nulls(300, pa.int32()), pa.array([], pa.string()))
    assert legwise.assess_table(table, kb=kb).to_pylist() == results[:300]
    at = table.column_names.index("one_leg_swollen")
    with_empty = table.set_column(at, "one_leg_swollen", empty)
    plain = pa.table(columns).set_column(at, "one_leg_swollen", pa.nulls(300, pa.string()))
    expected = legwise.assess_table(plain, kb=kb).to_pylist()
    assert legwise.assess_table(with_empty, kb=kb).to_pylist() == expected


def test_a_dictionary_word_that_is_not_a_state_is_named(kb: Knowledge) -> None:
    words = pa.array(["present", "maybe", "absent"])
    col = pa.DictionaryArray.from_arrays(pa.array([0, None, 2, 1], pa.int32()), words)
    table = pa.table({"id": ["a", "b", "c", "d"], "one_leg_swollen": col})
    with pytest.raises(InputError) as info:
        legwise.assess_table(table, kb=kb)
    assert info.value.field == "[3].findings.one_leg_swollen"
    errors: list[RowError] = []
    rows = assess_table(table, kb, errors=errors).to_pylist()
    assert [r["id"] for r in rows] == ["a", "b", "c"]
    plain = pa.table({"id": ["a", "b", "c"], "one_leg_swollen": ["present", None, "absent"]})
    assert rows == legwise.assess_table(plain, kb=kb).to_pylist()
