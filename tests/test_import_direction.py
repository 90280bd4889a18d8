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
    module.write_text("def f():\n    from shop.cart import views\n    import blog.models\n")
    assert imports_of(module) == ["shop.cart.views", "blog.models"]


# --- inside shop/ -------------------------------------------------------------------------
# shop/ holds Django's conventional modules and one package per domain, nothing else.
SHOP_TOP = {
    "__init__.py", "apps.py", "admin", "checks.py", "context_processors.py", "management",
    "migrations", "models", "monitoring.py", "signals.py", "sitemaps.py", "tasks.py",
    "templatetags", "translation.py", "urls.py",
    # the domains
    "catalogue", "cart", "checkout", "orders", "payments", "delivery",
}  # fmt: skip

# Layers inside shop/, lowest first: a module imports shop modules of its own layer or lower
# ones only. The first pattern that matches a module names its layer ("*" is one name).
#   leaf    data and pure rules that know no model: the state machine, the shipping table,
#           the address fields, search words, Nova Poshta's tariffs
#   models  shop.models: imports leaves only (no display text, no services, no providers)
#   domain  selectors (reads), services (writes) and what they share: sessions, presenters,
#           providers, e-mails, and the background tasks (thin wrappers the services enqueue)
#   forms   forms
#   http    views, page caches and responses, SEO data, the admin, template tags, URLs
#   wiring  what Django calls: app config, checks, signals, tasks, commands, monitoring hooks
SHOP_LAYERS: list[tuple[str, list[str]]] = [
    ("leaf", [
        "shop",
        "shop.orders.states", "shop.delivery.shipping", "shop.delivery.tariffs",
        "shop.delivery.fields", "shop.delivery.search", "shop.catalogue.search.terms",
    ]),
    ("models", ["shop.models", "shop.models.*"]),
    ("forms", ["shop.*.forms", "shop.admin.price_input"]),
    ("http", [
        "shop.*.views", "shop.*.*.views", "shop.catalogue.pages", "shop.catalogue.seo",
        "shop.payments.redirect",
        "shop.admin", "shop.admin.*", "shop.templatetags.*", "shop.urls",
        "shop.context_processors", "shop.sitemaps",
    ]),
    ("wiring", [
        "shop.apps", "shop.checks", "shop.signals", "shop.monitoring",
        "shop.management.*", "shop.management.commands.*",
    ]),
    ("domain", ["shop.*", "shop.*.*", "shop.*.*.*"]),
]  # fmt: skip
LAYER_ORDER = ["leaf", "models", "domain", "forms", "http", "wiring"]


def _matches(module: str, pattern: str) -> bool:
    parts, wanted = module.split("."), pattern.split(".")
    return len(parts) == len(wanted) and all(
        w in ("*", p) for p, w in zip(parts, wanted, strict=True)
    )


def shop_module(path: Path) -> str:
    dotted = path.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".")
    return dotted.removesuffix(".__init__")


def shop_layer(module: str) -> str:
    for layer, patterns in SHOP_LAYERS:
        if any(_matches(module, p) for p in patterns):
            return layer
    raise AssertionError(f"{module} is in no layer")


def shop_target(imported: str, known: set[str]) -> str | None:
    """The shop module an import names: `from shop.cart import views` is shop.cart.views."""
    while imported and imported not in known:
        imported = imported.rpartition(".")[0]
    return imported or None


def shop_layer_violations() -> list[str]:
    modules = {shop_module(p): p for p in sources("shop")}
    found = []
    for module, path in sorted(modules.items()):
        rank = LAYER_ORDER.index(shop_layer(module))
        for imported in imports_of(path):
            target = shop_target(imported, set(modules)) if within(imported, "shop") else None
            if target in (None, "shop", module) or within(module, target):
                continue
            if LAYER_ORDER.index(shop_layer(target)) > rank:
                found.append(
                    f"{module} ({shop_layer(module)}) imports {target} ({shop_layer(target)})"
                )
    return found


def test_shop_holds_conventional_modules_and_domain_packages_only():
    present = {p.name for p in (ROOT / "shop").iterdir() if p.name != "__pycache__"}
    assert present - SHOP_TOP == set()


def test_every_shop_module_has_a_layer():
    for path in sources("shop"):
        shop_layer(shop_module(path))


def test_inside_shop_imports_go_down_the_layers_only():
    assert shop_layer_violations() == []


def test_the_layer_check_sees_a_model_importing_display_code(tmp_path, monkeypatch):
    models = ROOT / "shop" / "models" / "orders.py"
    text = models.read_text() + "\n\ndef f():\n    from shop.orders import presenters\n"
    real = Path.read_text
    monkeypatch.setattr(
        Path, "read_text", lambda self, *a, **k: text if self == models else real(self, *a, **k)
    )
    assert "shop.models.orders (models) imports shop.orders.presenters (domain)" in (
        shop_layer_violations()
    )
