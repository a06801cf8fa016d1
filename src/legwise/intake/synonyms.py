"""Phrases generated from reviewed synonym sets (`knowledge/intake/synonyms*.yaml`).

A finding's literal phrase list cannot keep up with the ways people say one thing ("numb down
there", "no feeling where I sit", "can't feel it when I wipe"). Here each finding has a few
templates built from shared word sets, and every combination becomes a phrase for medspaCy's
target matcher (which matches plain phrases far faster than token patterns). Template syntax:

    {a|b|c}   one of the alternatives ({a|b|} makes it optional)
    {@set}    one of the words of a named set (sets may name other sets)

Word forms are listed in the sets (no lemmatiser is loaded: a blank spaCy pipeline has none).
Each template may expand to at most MAX_PER_TEMPLATE phrases (a check against runaway sets).
"""

from __future__ import annotations

import functools
import itertools
import re
from importlib import resources
from typing import Any

import yaml

from legwise.errors import KnowledgeError

MAX_PER_TEMPLATE = 4000
SLOT = re.compile(r"\{([^{}]*)\}")


class _WordLoader(yaml.SafeLoader):
    """YAML 1.1 reads on, off, yes and no as booleans; in a word list they are words ("cramp
    on walking" needs "on"), so this loader leaves every plain scalar but numbers a string."""


_WordLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _choices(slot: str, sets: dict[str, list[str]], seen: tuple[str, ...] = ()) -> list[str]:
    out: list[str] = []
    for alt in slot.split("|"):  # spaces inside an alternative count: "{are |is |}"
        if alt.strip().startswith("@"):
            name = alt.strip()[1:]
            if name not in sets or name in seen:
                raise KnowledgeError([f"intake synonyms: unknown or circular set @{name}"])
            for word in sets[name]:  # an empty word ("") makes the set optional
                out.extend(expand(word, sets, (*seen, name)) if word.strip() else [""])
        else:
            out.append(alt)
    return out


def expand(template: str, sets: dict[str, list[str]], seen: tuple[str, ...] = ()) -> list[str]:
    """Every phrase a template stands for, lower-cased with single spaces."""
    parts = SLOT.split(template)  # literal, slot, literal, slot, ...
    options = [[p] if i % 2 == 0 else _choices(p, sets, seen) for i, p in enumerate(parts)]
    count = 1
    for o in options:
        count *= max(1, len(o))
    if count > MAX_PER_TEMPLATE:
        raise KnowledgeError([f"intake synonyms: {template!r} makes {count} phrases"])
    out = []
    for combo in itertools.product(*options):
        phrase = " ".join("".join(combo).lower().split())
        if phrase:
            out.append(phrase)
    return list(dict.fromkeys(out))


KINDS = ("phrases", "history_phrases", "absent_phrases", "denied_phrases")
IGNORE = "_ignore"


def _files() -> list[Any]:
    """`synonyms.yaml` first, then every other `synonyms_*.yaml` (by name): one file per
    reviewed area (lay wording, clinical wording), so that they can grow apart."""
    folder = resources.files("legwise").joinpath("knowledge", "intake")
    names = sorted(f.name for f in folder.iterdir())
    extra = [folder.joinpath(n) for n in names if n.startswith("synonyms_") and n.endswith(".yaml")]
    return [folder.joinpath("synonyms.yaml"), *extra]


@functools.cache
def generated() -> dict[str, dict[str, tuple[str, ...]]]:
    """Finding id -> kind -> generated phrases. Kinds: "phrases" (the finding is present),
    "history_phrases" (present when said about the past), "absent_phrases" (words that mean
    it is absent: "pulses palpable", "SLR negative"), "denied_phrases" (absent when denied,
    nothing otherwise: "no joint swelling" denies a hot swollen joint, while a swollen joint
    alone is not one). Under the id "_ignore", "phrases" lists
    words that look like a finding's phrase but are not ("pallor on elevation" is no pale
    cold leg; "goes away when I sit down" is not worse when resting): matched and dropped.
    A later file may use an earlier file's sets; a set named twice is an error."""
    sets: dict[str, list[str]] = {}
    templates: dict[str, dict[str, list[str]]] = {}
    ignore_templates: list[str] = []
    for path in _files():
        data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), _WordLoader) or {}
        for k, v in (data.get("sets") or {}).items():
            if str(k) in sets:
                raise KnowledgeError([f"intake synonyms: set @{k} is defined twice ({path.name})"])
            sets[str(k)] = [str(w) for w in v]
        for fid, kinds in (data.get("findings") or {}).items():
            for kind, items in kinds.items():
                if kind not in KINDS:
                    raise KnowledgeError([f"intake synonyms: {fid}: unknown list {kind!r}"])
                templates.setdefault(str(fid), {}).setdefault(kind, []).extend(map(str, items))
        ignore_templates += [str(t) for t in data.get("ignore") or []]
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for fid, kinds in templates.items():
        for kind, items in kinds.items():
            phrases = [p for t in items for p in expand(t, sets)]
            out.setdefault(fid, {})[kind] = tuple(dict.fromkeys(phrases))
    ignore = [p for t in ignore_templates for p in expand(t, sets)]
    out[IGNORE] = {"phrases": tuple(dict.fromkeys(ignore))}
    return out
