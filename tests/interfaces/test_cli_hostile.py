"""Hostile input on the command line: one line naming the field and exit 2, never a
traceback (README: "bad input ... exit status 2").

Files given to --answers, --batch and --fhir, text given on the command line or stdin, and
diary nights: 100k-deep JSON, a 5000-digit integer, lone surrogates, NaN, an ancient night.
`main()` is run in-process with `sys.argv` set, as the console script runs it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legwise.interfaces.cli.app import main

HOSTILE_VALUES = ["NaN", "Infinity", '"\\ud800"', "1" + "0" * 5000, "1e400"]
DEEP = "[" * 100_000 + "]" * 100_000


def run_main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    old = sys.argv
    sys.argv = ["legwise", *argv]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.argv = old
    err = capsys.readouterr().err
    return code, err


def assert_one_line(code: int, err: str, field: str) -> None:
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("legwise: error: "), err
    assert field in lines[0], err
    assert "Traceback" not in err


@pytest.fixture(autouse=True)
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEGWISE_DATABASE_URL", f"sqlite:///{tmp_path / 'diary.db'}")


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (DEEP, "--answers"),
        ('{"findings": {}, "age": 1' + "0" * 5000 + "}", "--answers.age"),
        ('{"findings": {}, "id": "\\ud800"}', "--answers.id"),
        ('{"findings": {"calf_pain": NaN}}', "--answers.findings.calf_pain"),
    ],
    ids=["deep", "5000-digits", "surrogate", "nan"],
)
def test_answers_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, field: str
) -> None:
    path = tmp_path / "case.json"
    path.write_text(text, encoding="utf-8")
    assert_one_line(*run_main(["assess", "--answers", str(path)], capsys), field)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (DEEP, "line 1"),
        ('{"findings": {}}\n{"findings": {}, "age": 1' + "0" * 5000 + "}", "line 2: age"),
        ('{"findings": {"\\ud800": "present"}}', "line 1: findings"),
    ],
    ids=["deep", "5000-digits", "surrogate-key"],
)
def test_batch_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, field: str
) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text(text, encoding="utf-8")
    assert_one_line(*run_main(["assess", "--batch", str(path), "--json"], capsys), field)


def test_fhir_file_too_deep(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "qr.json"
    path.write_text(DEEP, encoding="utf-8")
    assert_one_line(*run_main(["assess", "--fhir", str(path)], capsys), "--fhir")


def test_a_lone_surrogate_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    # Bytes that are not UTF-8 reach Python as lone surrogates (surrogateescape).
    bad = b"calf \xed\xa0\x80 pain".decode("utf-8", "surrogateescape")
    assert_one_line(*run_main(["assess", "--text", bad], capsys), "--text")
    assert_one_line(*run_main(["parse", f"--text={bad}"], capsys), "--text")
    assert_one_line(*run_main(["assess", "--yes", "calf_pain", "--id", bad], capsys), "--id")


def test_text_on_stdin_that_is_not_utf8(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    bad = io.TextIOWrapper(io.BytesIO(b"calf \xed\xa0\x80 pain"), errors="surrogateescape")
    monkeypatch.setattr(sys, "stdin", bad)
    assert_one_line(*run_main(["parse", "--text", "-"], capsys), "--text")


def test_an_ancient_night(capsys: pytest.CaptureFixture[str]) -> None:
    assert_one_line(
        *run_main(["diary", "add", "--night", "0001-01-01", "--pain", "3"], capsys), "--night"
    )


def test_a_night_in_the_future(capsys: pytest.CaptureFixture[str]) -> None:
    assert_one_line(
        *run_main(["diary", "add", "--night", "2999-01-01", "--pain", "3"], capsys), "--night"
    )


@st.composite
def hostile_case_files(draw: st.DrawFn) -> tuple[str, str]:
    where = draw(st.sampled_from(["id", "age", "sex", "text", "findings.calf_pain"]))
    value = draw(st.sampled_from(HOSTILE_VALUES))
    if where.startswith("findings."):
        text = '{"findings": {"calf_pain": ' + value + "}}"
    else:
        text = '{"findings": {"calf_pain": "present"}, "' + where + '": ' + value + "}"
    return text, where


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(drawn=hostile_case_files(), batch=st.booleans())
def test_hostile_values_in_case_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], drawn: tuple[str, str], batch: bool
) -> None:
    text, where = drawn
    path = tmp_path / "in.json"
    path.write_text(text, encoding="utf-8")
    option = "--batch" if batch else "--answers"
    code, err = run_main(["assess", option, str(path), "--json"], capsys)
    assert_one_line(code, err, where.split(".")[0])


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    option=st.sampled_from(["--text", "--id", "--sex", "--age", "--yes", "--label"]),
    text=st.text(min_size=0, max_size=8).map(lambda t: t + "\udc80"),
)
def test_hostile_text_in_any_option(
    capsys: pytest.CaptureFixture[str], option: str, text: str
) -> None:
    code, err = run_main(["assess", "--yes", "calf_pain", option, text], capsys)
    assert_one_line(code, err, option)
