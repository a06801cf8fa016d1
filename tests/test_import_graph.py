"""The structure drawn from the imports of src/legwise has no cycles.

A cycle (the chart module importing the web routes that import the chart module; a CLI
command module importing the app that registers it) means neither side can be read, tested
or moved alone, and it hides behind imports placed inside functions or at the bottom of a
file. So every import counts here, wherever it sits, except those under `TYPE_CHECKING`
(types only, never run). The graph is read with `ast` from the source files, so it also sees
imports a test run never reaches.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "legwise"


def _modules() -> dict[str, tuple[Path, bool]]:
    """Dotted module name -> (file, is a package's __init__)."""
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        out[".".join(parts)] = (path, is_package)
    return out


def _type_checking_only(tree: ast.AST) -> set[int]:
    """ids of the nodes inside `if TYPE_CHECKING:` blocks."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                skip |= {id(n) for n in ast.walk(inner)}
    return skip


def import_graph() -> dict[str, set[str]]:
    """Module -> the legwise modules it imports (a name imported from a package counts as
    its submodule when there is one: `from legwise.interfaces import views`)."""
    modules = _modules()

    def known(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {m: set() for m in modules}
    for module, (path, is_package) in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _type_checking_only(tree)
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            targets: list[str | None] = []
            if isinstance(node, ast.Import):
                targets = [known(a.name) for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    here = module.split(".") if is_package else module.split(".")[:-1]
                    here = here[: len(here) - node.level + 1]
                    base = ".".join([*here, *([base] if base else [])])
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    targets.append(full if full in modules else known(base))
            graph[module] |= {t for t in targets if t and t.startswith("legwise") and t != module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of two or more modules (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_graph_sees_imports_inside_functions_and_from_packages() -> None:
    graph = import_graph()
    assert "legwise.interfaces.cli.batch" in graph["legwise.interfaces.cli.app"]  # in a function
    assert "legwise.interfaces.views" in graph["legwise.interfaces.web.report"]


def test_the_imports_of_src_legwise_have_no_cycles() -> None:
    found = cycles(import_graph())
    assert not found, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in found)


def test_the_cli_and_the_rest_api_do_not_import_the_web_pages() -> None:
    """Shared pieces (signing key, templates, view models, charts) live in neutral modules;
    the only way in is the app factory mounting the pages (`mount_web`)."""
    graph = import_graph()
    allowed = {("legwise.interfaces.api.app", "legwise.interfaces.web")}
    wrong = sorted(
        (m, t)
        for m, targets in graph.items()
        if m.startswith(("legwise.interfaces.cli", "legwise.interfaces.api"))
        for t in targets
        if t.startswith("legwise.interfaces.web") and (m, t) not in allowed
    )
    assert not wrong, wrong
    web = [m for m, targets in graph.items() if m.startswith("legwise.interfaces.web")]
    assert not [(m, t) for m in web for t in graph[m] if t.startswith("legwise.interfaces.cli")], (
        "the web pages import the terminal's modules"
    )
