"""An assessment as JSON bytes, fast: orjson straight from the result's parts.

`Assessment.to_dict()` rebuilds ~55 KB of nested dicts per result (150-odd source objects,
every finding's evidence) and a JSON encoder then walks them again. Most of it is knowledge,
the same for every case: a finding's evidence for a cause, a test or a treatment, an advice
item with its sources. Those are encoded once per knowledge base and reused as
`orjson.Fragment`s; only what depends on the case (levels, probabilities, reasons, answers,
which items apply) is encoded per result. Citations come from a table made once per
knowledge version, looked up by the source ids each fragment carries.

The bytes parse to exactly `Assessment.to_dict()` (tests/engine/test_encode.py checks it on
many cases), so `to_dict()` stays the reference and this is only a faster way to the same JSON.
`summary()` is the short view (`view=summary` on the API).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

import orjson

from legwise.engine.advice import AdviceItem, CareResult
from legwise.engine.assess import Assessment
from legwise.engine.compiled import CompiledKnowledge
from legwise.engine.explain import Contribution
from legwise.engine.triage import Reason
from legwise.kb.schema import SourceRef

Fragment = orjson.Fragment


class _Pieces:
    """Encoded knowledge pieces of one compiled knowledge base, each with its source ids.

    Entries are keyed by object identity and hold the object, so an id is never reused for
    another object while its entry lives; the table belongs to one knowledge base (cached on
    it), so it is dropped with it."""

    def __init__(self, compiled: CompiledKnowledge) -> None:
        self.citations = compiled.citations
        # The sources a piece cites are a bit mask: bit i is the i-th source id in sorted
        # order, so the `sources` object of a result (its sources sorted by id) is the union
        # of its pieces' masks, written a byte of the mask at a time: each byte's run of
        # `"id":"citation"` pairs is joined once and kept (`sources_object`).
        order = sorted(compiled.citations)
        self.bit = {ref: 1 << i for i, ref in enumerate(order)}
        self.cited = [orjson.dumps({ref: compiled.citations[ref]})[1:-1] for ref in order]
        self.width = (len(order) + 7) // 8
        self.runs: dict[tuple[int, int], bytes] = {}
        self.sources: dict[int, Fragment] = {}
        self.evidence: dict[int, tuple[Contribution, Fragment, int]] = {}
        for links in compiled.state_links.values():
            for sl in links:
                self._keep(sl.explained_pos)
                self._keep(sl.explained_neg)
        for adj in compiled.adjustments:
            self._keep(adj.explained)
        self.made: dict[tuple[Any, ...], tuple[Contribution, bytes, bytes, int]] = {}
        self.care: dict[tuple[int, str, str | None], tuple[Any, Fragment, int]] = {}
        # a whole tests (or treatments) list, keyed by its items: the same few causes' lists
        # come back case after case
        self.care_lists: dict[tuple[Any, ...], tuple[list[Any], Fragment, int]] = {}
        self.advice: dict[tuple[Any, ...], tuple[tuple[SourceRef, ...], Fragment, int]] = {}
        # a reason with its sources: a few hundred distinct ones come back case after case
        self.reasons: dict[tuple[Any, ...], tuple[Reason, Fragment, int]] = {}
        self.reasons_seen: dict[int, tuple[Reason, Fragment, int]] = {}
        # an advice item by identity first: nearly every item is the knowledge's own object,
        # the same case after case (the entry holds it, so its id is not reused)
        self.advice_seen: dict[tuple[int, bool], tuple[AdviceItem, Fragment, int]] = {}

    def mask(self, sources: Iterable[SourceRef]) -> int:
        """The bit mask of these sources (those without a citation are not listed)."""
        bit = self.bit
        return _union(bit.get(s.ref, 0) for s in sources)

    def ref_mask(self, refs: Iterable[str]) -> int:
        bit = self.bit
        return _union(bit.get(r, 0) for r in refs)

    def sources_object(self, mask: int) -> Fragment:
        """The `sources` object for a mask: `{"id":"citation",...}`, ids sorted."""
        hit = self.sources.get(mask)
        if hit is None:
            if len(self.sources) > 4096:
                self.sources.clear()
            runs = self.runs
            parts = []
            for k, byte in enumerate(mask.to_bytes(self.width, "little")):
                if byte:
                    run = runs.get((k, byte))
                    if run is None:
                        run = b",".join(self.cited[8 * k + j] for j in range(8) if byte >> j & 1)
                        runs[k, byte] = run
                    parts.append(run)
            hit = Fragment(b"{%s}" % b",".join(parts))
            self.sources[mask] = hit
        return hit

    def _keep(self, c: Contribution) -> None:
        self.evidence[id(c)] = (c, Fragment(orjson.dumps(c.to_dict())), self.mask(c.sources))

    # An entry holds its object, so an id found here is that object's and no other's.

    def contribution(self, c: Contribution, refs: list[int]) -> Any:
        hit = self.evidence.get(id(c))
        if hit is not None:
            refs.append(hit[2])
            return hit[1]
        # made for this case (a numeric band): the same few bands come back case after case
        # with other values, so the bytes around the answer are kept per band (repr tells
        # -0.0 from 0.0, which compare equal but encode apart)
        key: tuple[Any, ...] = (c.finding, repr(c.ratio), repr(c.log_ratio), c.kind)
        key += (c.estimated, c.note)
        key += tuple(map(id, c.sources))
        made = self.made.get(key)
        if made is None:
            if len(self.made) > 4096:
                self.made.clear()
            whole = orjson.dumps({**c.to_dict(), "answer": None})
            head, _, tail = whole.partition(b'"answer":null')
            made = (c, head + b'"answer":', tail, self.mask(c.sources))
            self.made[key] = made  # the entry holds the contribution: its sources' ids live
        refs.append(made[3])
        return Fragment(made[1] + orjson.dumps(c.answer) + made[2])

    def reason(self, r: Reason, refs: list[int]) -> Fragment:
        seen = self.reasons_seen.get(id(r))  # most reasons are the same objects case after case
        if seen is None:
            if len(self.reasons_seen) > 4096:
                self.reasons_seen.clear()
            own: list[int] = []
            seen = (r, self._reason(r, own), own[0])
            self.reasons_seen[id(r)] = seen  # the entry holds the reason: its id is not reused
        refs.append(seen[2])
        return seen[1]

    def _reason(self, r: Reason, refs: list[int]) -> Fragment:
        key: tuple[Any, ...] = (r.rule, r.level, r.title, r.text, r.action, r.suspects)
        key += (r.outside, r.from_diary, *map(id, r.sources))
        hit = self.reasons.get(key)
        if hit is None:
            if len(self.reasons) > 4096:
                self.reasons.clear()
            hit = (r, Fragment(orjson.dumps(r.to_dict())), self.mask(r.sources))
            self.reasons[key] = hit  # the entry holds the reason, so its sources' ids live
        refs.append(hit[2])
        return hit[1]

    def care_item(self, t: CareResult, refs: list[int]) -> Fragment:
        key = (id(t.item), t.condition, t.population)
        hit = self.care.get(key)
        if hit is None:
            if len(self.care) > 4096:
                self.care.clear()
            hit = (t.item, Fragment(orjson.dumps(t.to_dict())), self.mask(t.item.sources))
            self.care[key] = hit
        refs.append(hit[2])
        return hit[1]

    def care_list(self, items: tuple[CareResult, ...], refs: list[int]) -> Fragment:
        # keyed by the results' identities: they are the same objects case after case
        key = tuple(map(id, items))
        hit = self.care_lists.get(key)
        if hit is None:
            if len(self.care_lists) > 4096:
                self.care_lists.clear()
            own: list[int] = []
            parts = [self.care_item(t, own) for t in items]
            kept = list(items)  # the entry holds the results its key names
            hit = (kept, Fragment(orjson.dumps(parts)), _union(own))
            self.care_lists[key] = hit
        refs.append(hit[2])
        return hit[1]

    def advice_item(self, a: AdviceItem, avoid: bool, refs: list[int]) -> Fragment:
        seen = self.advice_seen.get((id(a), avoid))
        if seen is None:
            if len(self.advice_seen) > 4096:
                self.advice_seen.clear()
            own: list[int] = []
            seen = (a, self._advice_item(a, avoid, own), own[0])
            self.advice_seen[id(a), avoid] = seen
        refs.append(seen[2])
        return seen[1]

    def _advice_item(self, a: AdviceItem, avoid: bool, refs: list[int]) -> Fragment:
        # a population variant changes the name, the text and the population shown
        key: tuple[Any, ...] = (a.id, avoid, a.name, a.how, a.why, a.population, a.conditions)
        key += tuple(map(id, a.sources))
        hit = self.advice.get(key)
        if hit is None:
            if len(self.advice) > 16384:
                self.advice.clear()
            fragment = Fragment(orjson.dumps(a.to_dict(avoid=avoid)))
            hit = (a.sources, fragment, self.mask(a.sources))
            self.advice[key] = hit
        refs.append(hit[2])
        return hit[1]


def _union(masks: Iterable[int]) -> int:
    out = 0
    for m in masks:
        out |= m
    return out


@functools.cache
def _pieces(compiled: CompiledKnowledge) -> _Pieces:
    return _Pieces(compiled)


def assessment_parts(a: Assessment, compiled: CompiledKnowledge) -> dict[str, Any]:
    """`a.to_dict()` with the knowledge-derived parts as pre-encoded fragments (`compiled`: the
    compiled knowledge the assessment was made with)."""
    pieces = _pieces(compiled)
    refs: list[int] = []
    reasons = [pieces.reason(r, refs) for r in a.triage.reasons]
    conditions = [_condition(c, pieces, refs) for c in a.conditions]
    advice = a.advice
    out: dict[str, Any] = {
        "id": a.id,
        "triage": {
            "level": a.triage.level,
            "label": a.level_label,
            "action": a.level_action,
            "reasons": reasons,
            "unanswered_red_flags": list(a.triage.unanswered_red_flags),
            "level_is_about": list(a.triage.about),
        },
        "conditions": conditions,
        "unexplained": None if a.unexplained is None else a.unexplained.to_dict(),
        "scores": a.scores,
        "advice": {
            "recommended": [pieces.advice_item(x, False, refs) for x in advice.recommended],
            "avoid": [pieces.advice_item(x, True, refs) for x in advice.avoid],
            "tests": pieces.care_list(advice.tests, refs),
            "treatments": pieces.care_list(advice.treatments, refs),
        },
        "knowledge_version": a.knowledge_version,
        "disclaimer": a.disclaimer,
    }
    cited = _union(refs)
    for result in a.scores.values():
        cited |= pieces.ref_mask(x["ref"] for x in result.get("sources", ()))
    for pattern in (a.from_diary or {}).get("patterns", ()):
        cited |= pieces.ref_mask(x["ref"] for x in pattern.get("sources", ()))
    out["sources"] = pieces.sources_object(cited)
    if a.from_text is not None:
        out["from_text"] = a.from_text
    if a.from_diary is not None:
        out["from_diary"] = a.from_diary
    return out


def _condition(c: Any, pieces: _Pieces, refs: list[int]) -> dict[str, Any]:
    """One cause as in `a.to_dict()`, its evidence as pre-encoded fragments."""
    known = pieces.evidence
    add = refs.append
    evidence: list[Any] = []
    for e in c.evidence:
        hit = known.get(id(e))
        if hit is None:
            evidence.append(pieces.contribution(e, refs))
        else:
            evidence.append(hit[1])
            add(hit[2])
    out = {
        "id": c.id,
        "name": c.name,
        "probability": round(c.probability, 4),
        "prior": round(c.prior, 4),
        "dangerous": c.dangerous,
        "evidence": evidence,
    }
    if c.named_by_rule:
        out["named_by_rule"] = True
    if c.supported:
        out["supported"] = True
    return out


def encode_assessment(a: Assessment, compiled: CompiledKnowledge, newline: bool = False) -> bytes:
    """The full contract result as compact JSON bytes (UTF-8, no spaces); `newline`: with
    a newline at the end (a JSON Lines line)."""
    option = orjson.OPT_APPEND_NEWLINE if newline else None
    return orjson.dumps(assessment_parts(a, compiled), option=option)


def summary(a: Assessment) -> dict[str, Any]:
    """The short view: level and its reasons (rule, level, title), the likely causes with
    probabilities, advice ids, score values, unexplained, knowledge version."""
    scores: dict[str, Any] = {}
    for sid, s in a.scores.items():
        if "variants" in s:
            scores[sid] = {
                vid: {"value": v["value"], "worst_case": v["worst_case"], "band": v["band"]}
                for vid, v in s["variants"].items()
            }
        elif "status" in s:
            scores[sid] = {"status": s["status"], "met": s["met"], "of": s["of"]}
        else:
            scores[sid] = {"value": s.get("value"), "band": s.get("band")}
    advice = a.advice
    return {
        "id": a.id,
        "triage": {
            "level": a.triage.level,
            "label": a.level_label,
            "action": a.level_action,
            "reasons": [
                {"rule": r.rule, "level": r.level, "title": r.title} for r in a.triage.reasons
            ],
            "unanswered_red_flags": list(a.triage.unanswered_red_flags),
            "level_is_about": list(a.triage.about),
        },
        "conditions": [
            {
                "id": c.id,
                "name": c.name,
                "probability": round(c.probability, 4),
                "dangerous": c.dangerous,
            }
            for c in a.conditions
        ],
        "unexplained": a.unexplained is not None,
        "scores": scores,
        "advice": {
            "recommended": [x.id for x in advice.recommended],
            "avoid": [x.id for x in advice.avoid],
            "tests": [t.item.id for t in advice.tests],
            "treatments": [t.item.id for t in advice.treatments],
        },
        "knowledge_version": a.knowledge_version,
    }


def encode_summary(a: Assessment) -> bytes:
    return orjson.dumps(summary(a))
