"""Apps import each other in one direction only, so there are no cycles between them.

    smartshop  →  any app (settings, root URLs, the site map)
    pages      →  shop (the add-to-cart confirmation), blog (Markdown rendering), core
    blog       →  shop (product links), core, monitoring.api
    shop       →  accounts (the sudo check), core, monitoring.api
    accounts   →  core, monitoring.api
    monitoring →  core
    core       →  nothing of ours

Nothing imports smartshop (apps read settings through django.conf.settings). Imports are read
from the source with `ast`, function-local ones included, so a late import cannot hide one.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = ("smartshop", "core", "accounts", "shop", "blog", "pages", "monitoring")
# Apps other than monitoring reach it through its small API only.
MONITORING_API = "monitoring.api"

ALLOWED: dict[str, set[str]] = {
    "smartshop": {"core", "accounts", "shop", "blog", "pages", "monitoring"},
    "pages": {"core", "shop", "blog", "monitoring"},
    "blog": {"core", "shop", "monitoring"},
    "shop": {"accounts", "core", "monitoring"},
    "accounts": {"core", "monitoring"},
    "monitoring": {"core"},
    "core": set(),
}


def imports_of(path: Path) -> list[str]:
    """Every name `path` imports, at any depth (module level, functions, TYPE_CHECKING), in
    full: `from shop import selectors` is "shop.catalogue.selectors"."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


def within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def sources(app: str) -> list[Path]:
    return sorted(p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts)


def violations(app: str) -> list[str]:
    found = []
    for path in sources(app):
        name = path.relative_to(ROOT).as_posix()
        for module in imports_of(path):
            target = module.split(".")[0]
            if target not in OURS or target == app:
                continue
            if target not in ALLOWED[app]:
                found.append(f"{name} imports {module}")
            elif (
                target == "monitoring" and app != "smartshop" and not within(module, MONITORING_API)
            ):
                found.append(f"{name} imports {module} (use {MONITORING_API})")
    return found


def test_the_allowed_directions_have_no_cycle():
    def reaches(start: str, goal: str, seen: frozenset[str] = frozenset()) -> bool:
        return any(
            nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt}))
            for nxt in ALLOWED[start]
        )

    assert [app for app in ALLOWED if reaches(app, app)] == []


@pytest.mark.parametrize("app", ["smartshop", "core", "accounts", "shop", "blog"])
def test_apps_import_only_in_the_allowed_direction(app):
    assert violations(app) == []


def test_monitoring_imports_none_of_the_apps_it_watches():
    assert violations("monitoring") == []


def test_no_view_imports_another_view():
    found = []
    for app in ("accounts", "shop", "blog", "monitoring", "core"):
        for path in sources(app):
            if path.parent.name != "views" and path.stem != "views":
                continue
            found += [
                f"{path.relative_to(ROOT).as_posix()} imports {module}"
                for module in imports_of(path)
                if ".views" in module and module.split(".")[0] in OURS
            ]
    assert found == []


def test_the_check_sees_function_local_imports(tmp_path):
    module = tmp_path / "late.py"
    module.write_text("def f():\n    from shop.views import cart\n    import blog.models\n")
    assert imports_of(module) == ["shop.cart.views", "blog.models"]
