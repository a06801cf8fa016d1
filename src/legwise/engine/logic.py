"""Three-valued evaluation of the knowledge base's condition language.

Expressions are compiled once into small closures (`compile_expr`), or into one generated
function each (`compile_fast`, `compile_is_true`, `compile_truth`) where they are compiled once
per knowledge base, so a test costs one call per case. Each returns True, False or None
(unknown), following Kleene's logic: `all` is false if any part is false, `any` is true if any
part is true, and otherwise unknown wins.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from legwise.kb.expr import Expr

Truth = bool | None
_EMPTY: Mapping[str, float] = MappingProxyType({})  # shared; Facts replaces, never mutates


@dataclass(slots=True)
class Facts:
    """What expressions can look at: answers, and (after scoring) probabilities."""

    states: Mapping[str, int]
    numbers: Mapping[str, float]
    sex: str | None
    probabilities: Mapping[str, float] = field(default_factory=lambda: _EMPTY)
    suspected: frozenset[str] = frozenset()
    score_upper: Mapping[str, float] = field(default_factory=lambda: _EMPTY)


Compiled = Callable[[Facts], Truth]


def _compile_leaf(expr: Expr) -> Compiled | None:
    """A closure for an expression that tests one thing (an answer, a number, sex, a
    probability, suspicion or a score); None for `not`, `all` and `any`."""
    if expr.present is not None:
        fid = expr.present

        def present(f: Facts) -> Truth:
            v = f.states.get(fid, 0)
            return None if v == 0 else v > 0

        return present
    if expr.absent is not None:
        fid_a = expr.absent

        def absent(f: Facts) -> Truth:
            v = f.states.get(fid_a, 0)
            return None if v == 0 else v < 0

        return absent
    if expr.number is not None:
        test = expr.number

        def number(f: Facts) -> Truth:
            v = f.numbers.get(test.finding)
            if v is None:
                return True if test.or_unknown else None
            return test.holds(v)

        return number
    if expr.sex is not None:
        want = expr.sex

        def sex(f: Facts) -> Truth:
            return None if f.sex is None else f.sex == want

        return sex
    if expr.probability is not None:
        cond, lo = expr.probability.condition, expr.probability.min

        def probability(f: Facts) -> Truth:
            p = f.probabilities.get(cond)
            return None if p is None else p >= lo

        return probability
    if expr.suspected is not None:
        cond_s = expr.suspected

        def suspected(f: Facts) -> Truth:
            return cond_s in f.suspected

        return suspected
    if expr.score is not None:
        sid, smin = expr.score.id, expr.score.min

        def score(f: Facts) -> Truth:
            v = f.score_upper.get(sid)
            return None if v is None else v >= smin

        return score
    return None


def compile_expr(expr: Expr) -> Compiled:
    """Turn an Expr tree into a closure returning True, False or None."""
    leaf = _compile_leaf(expr)
    if leaf is not None:
        return leaf
    if expr.not_ is not None:
        inner = compile_expr(expr.not_)

        def negate(f: Facts) -> Truth:
            v = inner(f)
            return None if v is None else not v

        return negate
    if expr.all is not None:
        parts = tuple(compile_expr(e) for e in expr.all)

        def all_of(f: Facts) -> Truth:
            unknown = False
            for part in parts:
                v = part(f)
                if v is False:
                    return False
                if v is None:
                    unknown = True
            return None if unknown else True

        return all_of
    assert expr.any is not None
    options = tuple(compile_expr(e) for e in expr.any)

    def any_of(f: Facts) -> Truth:
        unknown = False
        for part in options:
            v = part(f)
            if v is True:
                return True
            if v is None:
                unknown = True
        return None if unknown else False

    return any_of


Truthy = Callable[[Facts], bool]


def compile_truth(expr: Expr) -> Truthy:
    """A fast test that is True exactly when the three-valued value is True, for the rules.

    Rules are monotone (no `absent`, no `not`) and read no `suspected`: a rule sets the level
    that "suspected" depends on. Ids are validated snake_case and bounds are passed as named
    constants, so the generated source holds no outside text.
    """
    if not expr.is_monotone() or expr.conditions() - {
        n.probability.condition for n in expr.walk() if n.probability
    }:
        raise ValueError("compile_truth needs a monotone expression (no absent, not, suspected)")
    src = _Source()
    return src.function(src.true(expr))


class _Source:
    """Python source for the three-valued value of an expression, as two two-valued parts:
    "is true" and "is false" (unknown when neither holds). Kleene's logic maps onto them
    exactly: `not` swaps the parts, `all` is true when every part is true and false when any
    is, `any` the other way round. Numbers the source needs are passed as named constants, so
    the generated text holds only validated snake_case ids and names."""

    def __init__(self) -> None:
        self.consts: dict[str, object] = {}

    def _const(self, value: object) -> str:
        name = f"_k{len(self.consts)}"
        self.consts[name] = value
        return name

    def _inside(self, var: str, expr: Expr) -> str:
        t = expr.number
        assert t is not None
        parts = [
            f"{var} {op} {self._const(float(bound))}"
            for op, bound in ((">=", t.min), ("<=", t.max), (">", t.gt), ("<", t.lt))
            if bound is not None
        ]
        return " and ".join(parts)

    def true(self, e: Expr) -> str:
        if e.present is not None:
            return f"(st.get({e.present!r}, 0) > 0)"
        if e.absent is not None:
            return f"(st.get({e.absent!r}, 0) < 0)"
        if e.number is not None:
            get = f"(_v := nu.get({e.number.finding!r}))"
            if e.number.or_unknown:  # an unanswered value counts as inside (a danger window)
                return f"({get} is None or ({self._inside('_v', e)}))"
            return f"({get} is not None and {self._inside('_v', e)})"
        if e.sex is not None:
            return f"(f.sex == {e.sex!r})"
        if e.probability is not None:
            c, m = e.probability.condition, self._const(float(e.probability.min))
            return f"((_p := f.probabilities.get({c!r})) is not None and _p >= {m})"
        if e.suspected is not None:
            return f"({e.suspected!r} in f.suspected)"
        if e.score is not None:
            s, m = e.score.id, self._const(float(e.score.min))
            return f"((_s := f.score_upper.get({s!r})) is not None and _s >= {m})"
        if e.not_ is not None:
            return self.false(e.not_)
        if e.all is not None:
            return "(" + " and ".join(self.true(c) for c in e.all) + ")"
        assert e.any is not None
        return "(" + " or ".join(self.true(c) for c in e.any) + ")"

    def false(self, e: Expr) -> str:
        if e.present is not None:
            return f"(st.get({e.present!r}, 0) < 0)"
        if e.absent is not None:
            return f"(st.get({e.absent!r}, 0) > 0)"
        if e.number is not None:
            get = f"(_v := nu.get({e.number.finding!r}))"
            return f"({get} is not None and not ({self._inside('_v', e)}))"
        if e.sex is not None:
            return f"(f.sex is not None and f.sex != {e.sex!r})"
        if e.probability is not None:
            c, m = e.probability.condition, self._const(float(e.probability.min))
            return f"((_p := f.probabilities.get({c!r})) is not None and _p < {m})"
        if e.suspected is not None:
            return f"({e.suspected!r} not in f.suspected)"
        if e.score is not None:
            s, m = e.score.id, self._const(float(e.score.min))
            return f"((_s := f.score_upper.get({s!r})) is not None and _s < {m})"
        if e.not_ is not None:
            return self.true(e.not_)
        if e.all is not None:
            return "(" + " or ".join(self.false(c) for c in e.all) + ")"
        assert e.any is not None
        return "(" + " and ".join(self.false(c) for c in e.any) + ")"

    def function(self, body: str) -> Callable[[Facts], Any]:
        code = f"def _test(f):\n    st = f.states\n    nu = f.numbers\n    return {body}\n"
        scope: dict[str, Any] = {"__builtins__": {}, **self.consts}
        exec(code, scope)  # generated from validated ids and named constants only
        fn: Callable[[Facts], Any] = scope["_test"]
        return fn


def compile_fast(expr: Expr) -> Compiled:
    """`compile_expr` as one generated function: the same True, False or None, several times
    faster (no call per node). Compiling costs more, so this is for what is compiled once per
    knowledge base."""
    src = _Source()
    return src.function(f"True if {src.true(expr)} else False if {src.false(expr)} else None")


def compile_is_true(expr: Expr) -> Truthy:
    """A generated test that is True exactly when `compile_expr(expr)` gives True (for the
    many places that act only on a true condition: avoid tests, populations, `only_when`)."""
    src = _Source()
    return src.function(src.true(expr))
