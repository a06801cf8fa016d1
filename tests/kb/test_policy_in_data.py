"""Clinical policy lives in the knowledge YAML, with its source, not in Python constants.

`policy_constants` reads every module of src/legwise except the knowledge loader and schema
(which define the shapes and read the files) and lists what looks like clinical policy written
as code:

- a probability-like number: a float literal above 0.001 and below 1 (cut-offs such as 0.25 or
  0.7; 0.001 and smaller are numerical tolerances);
- an urgency cut-off: `LEVELS.index("<level>")`, or a level id assigned to a name (as
  `RED_FLAG_FLOOR = "consultation_24"` was);
- a whole number compared with an age, pain, probability, score or ratio (`age < 16`,
  `worst_pain >= 7`), other than 0, 1 and -1 (fractions are caught by the first rule);
- a list of clinical ids: a module- or class-level constant holding two or more strings that
  are all finding or condition ids of the shipped knowledge (as the diary's night symptoms
  and `ACTIVE_ONLY` were); age and sex, the case's own fields, do not count.

What remains is in `ALLOWED` below, each with why it is not clinical policy or who moves it;
an entry that no longer matches anything fails too, so the list only shrinks.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from legwise.errors import KnowledgeError
from legwise.kb.loader import Knowledge, load_from
from legwise.kb.schema import LEVELS

SRC = Path(__file__).resolve().parents[2] / "src" / "legwise"
LOADER = re.compile(r"kb/(schema\w*|loader|expr)\.py")  # the knowledge loader and schema
CLINICAL_NAME = re.compile(
    r"\b(\w*age|\w*pain\w*|p|prob\w*|probability|\w*score\w*|\w*ratio\w*|odds|lr\w*)\b",
    re.IGNORECASE,
)

# (path under src/legwise, what was found) -> why it stays in Python.
ALLOWED: dict[tuple[str, str], str] = {
    ("engine/case.py", "0.6"): "difflib's spelling closeness for 'did you mean' hints",
    (
        "engine/question_gain.py",
        "0.99",
    ): "numerical guard: a yes is never certain in the answer model",
    (
        "engine/question_choice.py",
        "level emergency",
    ): "the scale's meaning: an emergency stops asking",
    (
        "engine/question_choice.py",
        "level emergency_ambulance",
    ): "the top of the scale (ask once more)",
    (
        "interfaces/api/access_log.py",
        "0.5",
    ): "seconds between access-log flushes: I/O, not clinical",
    (
        "interfaces/views.py",
        "0.01",
    ): "display: the least probability any screen lists",
    ("intake/number_rules.py", "0.5"): "half a day for 'this morning' in a duration: a unit",
    ("intake/wells_values.py", "0.5"): "the half in 'four and a half centimetres': a number word",
    (
        "intake/wells_lists.py",
        "ids ['active_cancer', 'calf_difference_3cm', 'recent_surgery_or_bedridden']",
    ): "reading rule: the Wells items a bracketed number can date or measure, so the bracket is "
    "not a list answer; no threshold",
    ("interfaces/api/examples.py", "0.45"): "an example case's ABI in the API docs, not a cut-off",
    ("interfaces/frequencies.py", "0.01"): "wording: 'fewer than 1 in 100'",
    ("interfaces/frequencies.py", "0.095"): "wording: where 'in 100' turns into 'in 10'",
    ("interfaces/frequencies.py", "0.95"): "wording: 'more than 9 in 10'",
    ("interfaces/charts.py", "0.15"): "bar position in the diary chart",
    ("interfaces/charts.py", "0.7"): "bar width in the diary chart",
    ("interfaces/web/interview_pages.py", "0.88"): "the progress bar's fill per answer",
    ("interfaces/web/report.py", "0.01"): "display: causes listed (hD's presentation layer)",
    ("interfaces/web/report.py", "0.05"): "display: when the report prints a cause's score",
    ("interfaces/cli/diary_view.py", "compare e.worst_pain >= 7"): "display: red bar (hD)",
    ("store/reassess.py", "0.01"): "reporting: a change under 1 point is not news",
}


def clinical_ids(kb: Knowledge) -> frozenset[str]:
    return (frozenset(kb.findings) | frozenset(kb.conditions)) - {"age", "sex"}


def policy_constants(source: str, clinical_ids: frozenset[str]) -> Iterator[tuple[int, str]]:
    """(line, what) for each thing in `source` that looks like clinical policy (see above)."""
    levels = frozenset(LEVELS)
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, float):
            if 0.001 < abs(node.value) < 1:
                yield node.lineno, repr(node.value)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            arg = node.args[0] if node.args else None
            if node.func.attr == "index" and isinstance(arg, ast.Constant) and arg.value in levels:
                yield node.lineno, f"level {arg.value}"
        elif isinstance(node, ast.Compare):
            parts = [node.left, *node.comparators]
            numbers = [
                p
                for p in parts
                if isinstance(p, ast.Constant)
                and type(p.value) is int
                and p.value not in (0, 1, -1)
            ]
            others = [ast.unparse(p) for p in parts if p not in numbers]
            if numbers and any(CLINICAL_NAME.search(o) for o in others):
                yield node.lineno, f"compare {ast.unparse(node)}"
    scopes: list[ast.Module | ast.ClassDef] = [tree]
    scopes += [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]
    for scope in scopes:
        for stmt in scope.body:
            if not isinstance(stmt, ast.Assign | ast.AnnAssign) or stmt.value is None:
                continue
            value = stmt.value
            if isinstance(value, ast.Call) and value.args:  # frozenset({...}), tuple([...])
                value = value.args[0]
            if isinstance(value, ast.Constant) and value.value in levels:
                yield stmt.lineno, f"level {value.value}"
            if isinstance(value, ast.Set | ast.Tuple | ast.List):
                texts = [
                    e.value
                    for e in value.elts
                    if isinstance(e, ast.Constant) and isinstance(e.value, str)
                ]
                if len(texts) == len(value.elts) >= 2 and set(texts) <= clinical_ids:
                    yield stmt.lineno, f"ids {sorted(texts)}"


def _found(kb: Knowledge) -> dict[tuple[str, str], list[int]]:
    ids = clinical_ids(kb)
    found: dict[tuple[str, str], list[int]] = {}
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if LOADER.fullmatch(rel):
            continue
        for line, what in policy_constants(path.read_text(encoding="utf-8"), ids):
            found.setdefault((rel, what), []).append(line)
    return found


def test_no_clinical_threshold_is_left_as_a_python_constant(kb: Knowledge) -> None:
    found = _found(kb)
    new = [
        f"{p}:{lines[0]}: {what}" for (p, what), lines in found.items() if (p, what) not in ALLOWED
    ]
    assert not new, (
        "clinical policy in Python: move it to the knowledge YAML with its source "
        "(or, if it is not clinical, add it to ALLOWED with the reason):\n" + "\n".join(new)
    )


def test_the_allow_list_names_only_what_is_still_there(kb: Knowledge) -> None:
    found = _found(kb)
    stale = [f"{p}: {what}" for p, what in ALLOWED if (p, what) not in found]
    assert not stale, "no longer in the code; remove from ALLOWED:\n" + "\n".join(stale)


def test_the_scan_finds_each_kind_of_clinical_constant(kb: Knowledge) -> None:
    """The scan is not vacuous: the constants this issue moved to the knowledge are found."""
    ids = clinical_ids(kb)
    old = """
RED_FLAG_FLOOR = "consultation_24"
ACTIVE_ONLY = {"active_cancer", "on_anticoagulant", "pregnant_or_postpartum"}
NIGHT = ("pain_at_night", "leg_red")
CONSULTATION_24 = LEVELS.index("consultation_24")
def f(p, age, case):
    bonus = 0.25 if p >= 0.7 else 0.0
    return age < 16 or case.worst_pain >= 7
"""
    found = {what for _, what in policy_constants(old, ids)}
    assert found >= {
        "level consultation_24",
        "ids ['active_cancer', 'on_anticoagulant', 'pregnant_or_postpartum']",
        "ids ['leg_red', 'pain_at_night']",
        "0.25",
        "0.7",
        "compare age < 16",
        "compare case.worst_pain >= 7",
    }
    quiet = (
        "TIMEOUT = 600\nEPS = 1e-9\nSLACK = 1e-3\nNAMES = ('a', 'b')\n"
        "DEMOGRAPHICS = ('age', 'sex')\n"
        "if len(text) > 20000: pass\nif p <= 1e-12: pass\n"
    )
    assert not list(policy_constants(quiet, ids))


# --- the moved settings are knowledge: validated, and a broken one is named --------------------


@pytest.fixture()
def kb_copy(tmp_path: Path) -> Path:
    import shutil
    from importlib import resources

    dst = tmp_path / "knowledge"
    shutil.copytree(str(resources.files("legwise").joinpath("knowledge")), dst)
    return dst


def _edit(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def test_a_night_symptom_must_be_a_yes_no_finding(kb_copy: Path) -> None:
    _edit(kb_copy / "diary.yaml", lambda d: d["night_symptoms"]["findings"].append("age"))
    with pytest.raises(KnowledgeError, match=r"night_symptoms.findings\[14\]: 'age'"):
        load_from(kb_copy)


def test_a_night_self_care_choice_must_be_a_measure(kb_copy: Path) -> None:
    _edit(kb_copy / "diary.yaml", lambda d: d["night_self_care"].append("no_such_measure"))
    with pytest.raises(KnowledgeError, match=r"night_self_care.*'no_such_measure'"):
        load_from(kb_copy)


def test_the_night_choices_need_their_sources(kb_copy: Path) -> None:
    _edit(kb_copy / "diary.yaml", lambda d: d.pop("night_symptoms")["sources"])
    assert load_from(kb_copy).diary is not None  # optional: no symptoms to tick
    _edit(kb_copy / "diary.yaml", lambda d: d.pop("night_self_care_sources"))
    with pytest.raises(KnowledgeError, match="night_self_care_sources"):
        load_from(kb_copy)


def test_a_record_active_only_finding_must_exist(kb_copy: Path) -> None:
    _edit(kb_copy / "meta.yaml", lambda d: d["record_active_only"]["findings"].append("cancer"))
    with pytest.raises(KnowledgeError, match=r"record_active_only.findings\[3\]: 'cancer'"):
        load_from(kb_copy)


@pytest.mark.parametrize("key", ["interview", "warning_signs"])
def test_interview_and_warning_sign_settings_are_required(kb_copy: Path, key: str) -> None:
    _edit(kb_copy / "meta.yaml", lambda d: d.pop(key))
    with pytest.raises(KnowledgeError, match=key):
        load_from(kb_copy)


def test_the_warning_sign_level_decides_which_findings_are_warning_signs(kb: Knowledge) -> None:
    from legwise.kb.checks import red_flag_findings

    def at(level: str) -> set[str]:
        meta = kb.meta.model_copy(
            update={"warning_signs": kb.meta.warning_signs.model_copy(update={"level": level})}
        )
        return red_flag_findings(dataclasses.replace(kb, meta=meta))

    same_day = at("consultation_24")
    assert same_day == red_flag_findings(kb)
    assert at("consultation") > same_day > at("emergency")
