"""Module docstrings name symbols and dotted modules, never file paths or migration numbers.

A path (`shop/orders/states.py`) or a migration number ("migration 0014") goes stale the day
a module moves or a migration is squashed, and nothing says so; `shop.orders.states` or
`OrderStatus` is found by grep and by the reader's editor. Commands keep their file
(`manage.py`, `gunicorn.conf.py`). Read with `ast`, so nothing is imported.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("smartshop", "core", "accounts", "shop", "blog", "pages", "monitoring")
ALLOWED_FILES = frozenset({"manage.py", "gunicorn.conf.py"})

# `shop/orders/states.py`, `terms.py`, `django/conf/locale/<lang>/formats.py`.
PYTHON_FILE = re.compile(r"(?<![\w./<>-])[\w./<>-]*\w\.py\b")
# "migration 0014", "pages migration\n0002", "0016_order_indexes".
MIGRATION = re.compile(r"\bmigrations?\s+\d{4}\b|\b\d{4}_[a-z]\w*")


def stale_references(docstring: str) -> list[str]:
    """What in `docstring` names a Python file (other than a command's) or a migration."""
    files = [m for m in PYTHON_FILE.findall(docstring) if m not in ALLOWED_FILES]
    return files + [" ".join(m.split()) for m in MIGRATION.findall(docstring)]


def module_docstrings(root: Path, packages: tuple[str, ...]) -> dict[str, str]:
    """Each module's docstring by its path under `root`, migrations and tests left out."""
    found = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).parts
            if "migrations" in parts or "tests" in parts:
                continue
            docstring = ast.get_docstring(ast.parse(path.read_text(), filename=str(path)))
            if docstring:
                found["/".join(parts)] = docstring
    return found


def stale_modules(root: Path, packages: tuple[str, ...]) -> dict[str, list[str]]:
    found = {
        module: stale_references(docstring)
        for module, docstring in module_docstrings(root, packages).items()
    }
    return {module: refs for module, refs in found.items() if refs}


def test_module_docstrings_name_symbols_not_files_or_migrations() -> None:
    stale = stale_modules(ROOT, PACKAGES)
    assert not stale, "\n".join(
        f"{module}: {', '.join(refs)} (name the module or symbol: `shop.orders.states`)"
        for module, refs in stale.items()
    )


def test_the_walk_reads_every_app_package() -> None:
    modules = module_docstrings(ROOT, PACKAGES)
    assert {module.split("/")[0] for module in modules} == set(PACKAGES)


def test_a_module_that_cites_a_file_or_a_migration_is_named(tmp_path: Path) -> None:
    package = tmp_path / "app"
    (package / "migrations").mkdir(parents=True)
    (package / "good.py").write_text(
        '"""Run by `manage.py expire_orders` and gunicorn.conf.py; see `shop.orders.states`."""\n'
    )
    (package / "by_path.py").write_text('"""The table is in shop/orders/states.py."""\n')
    (package / "bare.py").write_text('"""Words as terms.py reads them."""\n')
    (package / "numbered.py").write_text('"""Seeded once (pages migration\n0002)."""\n')
    (package / "named.py").write_text('"""Built by 0016_order_indexes."""\n')
    (package / "migrations" / "0001_initial.py").write_text('"""See shop/models.py."""\n')

    assert stale_modules(tmp_path, ("app",)) == {
        "app/bare.py": ["terms.py"],
        "app/by_path.py": ["shop/orders/states.py"],
        "app/named.py": ["0016_order_indexes"],
        "app/numbered.py": ["migration 0002"],
    }
