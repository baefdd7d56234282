"""The shape of the code: no import cycle in plugins/ or tools/, no module
in either over 300 lines (issue 19).

The imports are read with `ast`, never executed: every `import` and
`from … import` of our own modules, at the top of a file or inside a
function (a cycle hidden in a function is still a cycle), but not those
under `if TYPE_CHECKING:`, which never run. `from pkg import name` counts
as importing `pkg.name` when that is a module, else `pkg`.

Two graphs must be free of cycles: modules, and rooms (a room is a package
folder: `smex_site`, `smex_site.convening`, `smex_site.convening.programme`…),
so two sub-packages depend on each other in one direction only. A package's
`__init__.py` re-exporting its own sub-packages is not an edge between rooms.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.sitecheck import ROOT

MAX_LINES = 300

# Imports that still close a cycle, each owned by a change scheduled
# elsewhere in issue 19; the test fails once one is gone, so the list
# shrinks with the fix instead of hiding a new cycle. Empty: keep it so.
WAIVED: set[tuple[str, str]] = set()

# Plugin modules over MAX_LINES, with their length: each may shrink, none may
# grow, and no other may pass the limit; the test fails once one is back under
# it, so the list shrinks with the split. Empty: keep it so.
LONG: dict[str, int] = {}


def our_modules() -> dict[str, Path]:
    """Dotted name -> file, for the plugin package(s) and tools/."""
    found = {}
    for base, top in ((ROOT / "plugins", ROOT / "plugins"), (ROOT, ROOT / "tools")):
        for path in sorted(top.rglob("*.py")):
            parts = path.relative_to(base).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _type_checking_only(tree: ast.Module) -> set[int]:
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(inner) for branch in node.body for inner in ast.walk(branch)}
    return skipped


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Our modules that the file imports (see the module docstring)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    skipped = _type_checking_only(tree)
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*parts, node.module] if node.module else parts)
            else:
                source = node.module
            for alias in node.names:
                inner = f"{source}.{alias.name}"
                found.add(inner if inner in modules else source)
    return {module for module in found if module in modules and module != name}


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every group of nodes that reach each other (more than one node)."""
    reach = {node: reachable(graph, node) for node in graph}
    groups = {
        tuple(sorted(other for other in reach[node] if node in reach.get(other, ())))
        for node in graph
    }
    return sorted(list(group) for group in groups if len(group) > 1)


def _graphs():
    modules = our_modules()
    graph = {name: imports_of(name, path, modules) for name, path in modules.items()}
    return modules, graph


def _room(name: str, modules: dict[str, Path]) -> str:
    return name if modules[name].name == "__init__.py" else name.rpartition(".")[0]


def rooms(modules: dict[str, Path], graph: dict[str, set[str]]) -> dict[str, set[str]]:
    joined: dict[str, set[str]] = {}
    for name, targets in graph.items():
        for target in targets:
            mine, theirs = _room(name, modules), _room(target, modules)
            reexport = modules[name].name == "__init__.py" and theirs.startswith(name + ".")
            if mine != theirs and not reexport:
                joined.setdefault(mine, set()).add(theirs)
    return joined


def test_the_walker_sees_a_cycle_and_a_climb():
    """The walker itself: the imports it must find, on files we know."""
    _, graph = _graphs()
    assert "smex_site.convening.standing" in graph["smex_site.convening.programme.calendar"]
    assert "smex_site.settings" in graph["smex_site.state"]  # `from . import settings as …`
    # an import inside a function counts: hold_future imports the build state there
    assert "smex_site.state" in graph["smex_site.publishing"]
    # a relative import two floors up, inside the programme's data layer
    assert "smex_site.convening.keys" in graph["smex_site.convening.programme.kind"]
    # TYPE_CHECKING imports never run: releasecheck names the deploy Target only for types
    assert "tools.deploy.target" not in graph["tools.deploy.releasecheck"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_between_modules():
    _, graph = _graphs()
    for source, target in WAIVED:
        assert target in graph[source], f"{source} no longer imports {target}: drop it from WAIVED"
        graph[source] = graph[source] - {target}
    assert cycles(graph) == []


def test_sub_packages_depend_in_one_direction():
    """convening/ and convening/programme/ among them: the programme uses the
    convening (its editions, keys, views), never the other way round."""
    modules, graph = _graphs()
    for source, target in WAIVED:
        graph[source] = graph[source] - {target}
    joined = rooms(modules, graph)
    assert cycles(joined) == []
    assert "smex_site.convening" in joined["smex_site.convening.programme"]
    assert "smex_site.convening.programme" not in joined.get("smex_site.convening", set())


def test_tools_rooms_depend_in_one_direction():
    """tools/ in rooms (build/, editors/, deploy/, dev/, assets/, offline/): no
    two depend on each other, and the build uses no other room."""
    modules, graph = _graphs()
    joined = {
        room: {other for other in others if other.startswith("tools")}
        for room, others in rooms(modules, graph).items()
        if room.startswith("tools")
    }
    assert cycles(joined) == []
    assert joined.get("tools.build", set()) == set()
    assert "tools.build" in joined["tools.dev"]  # the walker sees the rooms at all


def test_no_module_over_300_lines():
    """The plugin and tools/ (tools/offline/static holds no Python)."""
    long = {
        str(path.relative_to(ROOT)): lines
        for top in ("plugins", "tools")
        for path in sorted((ROOT / top).rglob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert set(long) == set(LONG), "a module passed 300 lines, or one in LONG is back under"
    grown = {name: lines for name, lines in long.items() if lines > LONG[name]}
    assert grown == {}, "split these instead of growing them"


def test_templates_compose_no_page_key():
    """A page's registry key comes from Python (generators, registry.key_content);
    a template that builds one, ("session", p.year ~ "/" ~ s.slug), would be
    a second home for the rule."""
    composed = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "theme/templates").rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"page_key\s*=\s*[(\[]", line)
    ]
    assert composed == []


def test_templates_test_no_status_phase_or_timing_words():
    """Publishing statuses, event statuses, countdown phases and an edition's
    timing are decided in Python (publishing.py, convening/model.py,
    countdown.py); the views and content objects carry booleans. A template
    comparing `x.status == "hidden"` or `cd.kind in ("countdown", …)` would be a
    second home for the rule. (`kind` and `timing` may still name a CSS class.)"""
    compared = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "theme/templates").rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.(status|kind|timing)\s*(==|!=|\bin\b|\bnot in\b)\s*[(\[\"']", line)
    ]
    assert compared == []
