"""Where a test lives (docs/testing.md, "Where a test lives"): every directory under
tests/<app>/ mirrors a package of <app>/ (tests/shop/payments/stripe/ holds the tests of
shop/payments/stripe/); the only directories that mirror nothing are the cross-cutting ones
below; tests/'s top holds only test_*.py modules (and conftest.py)."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Cross-cutting: they test journeys, deployment or languages across the apps, or hold the
# stand-ins the tests use; what is inside them is theirs to arrange.
CROSS_CUTTING = frozenset({"e2e", "deploy", "i18n", "bench", "support"})
TOP_LEVEL_FILES = frozenset({"__init__.py", "conftest.py"})


def _is_package(path: Path) -> bool:
    return (path / "__init__.py").is_file()


def _directories(root: Path) -> list[Path]:
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_dir()
        and not any(part.startswith((".", "__")) for part in path.relative_to(root).parts)
    )


def layout_problems(root: Path) -> list[str]:
    """Every way the test tree under `root`/tests breaks the rule, one sentence each."""
    tests = root / "tests"
    problems = []
    for path in sorted(tests.iterdir()):
        name = path.name
        if name.startswith((".", "__")) and name != "__init__.py":
            continue
        if path.is_file():
            if not (name in TOP_LEVEL_FILES or (name.startswith("test_") and name.endswith(".py"))):
                problems.append(f"tests/{name}: only test_*.py modules live at tests/'s top")
            continue
        if name in CROSS_CUTTING:
            continue
        if not _is_package(root / name):
            problems.append(f"tests/{name}/ mirrors no app ({name}/ is not a package)")
            continue
        for directory in [path, *_directories(path)]:
            inside = directory.relative_to(tests)
            if not _is_package(directory):
                problems.append(f"tests/{inside.as_posix()}/ has no __init__.py")
            if not _is_package(root / inside):
                problems.append(
                    f"tests/{inside.as_posix()}/ mirrors no package ({inside.as_posix()}/ "
                    "is not one)"
                )
    return problems


def test_the_test_tree_mirrors_the_packages_it_tests():
    assert layout_problems(ROOT) == []


def _tree(root: Path, *paths: str) -> Path:
    for path in paths:
        file = root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.touch()
    return root


SOURCE = ("shop/__init__.py", "shop/payments/__init__.py", "shop/payments/stripe/__init__.py")


def test_a_tree_that_mirrors_its_packages_passes(tmp_path):
    root = _tree(
        tmp_path,
        *SOURCE,
        "tests/__init__.py",
        "tests/conftest.py",
        "tests/test_settings.py",
        "tests/shop/__init__.py",
        "tests/shop/payments/stripe/__init__.py",
        "tests/shop/payments/__init__.py",
        "tests/shop/payments/__pycache__/x.pyc",
        "tests/e2e/vendor/axe-core/axe.min.js",
        "tests/support/stripe_server.py",
    )
    assert layout_problems(root) == []


@pytest.mark.parametrize(
    ("stray", "problem"),
    [
        ("tests/shop/services/__init__.py", "tests/shop/services/ mirrors no package"),
        ("tests/shop/payments/monobank/__init__.py", "tests/shop/payments/monobank/ mirrors no"),
        ("tests/shop/payments/stripe/data/x.json", "tests/shop/payments/stripe/data/ has no "),
        ("tests/journeys/__init__.py", "tests/journeys/ mirrors no app"),
        ("tests/helpers.py", "tests/helpers.py: only test_*.py modules"),
    ],
)
def test_a_directory_that_mirrors_nothing_is_named(tmp_path, stray, problem):
    root = _tree(
        tmp_path,
        *SOURCE,
        "tests/__init__.py",
        "tests/shop/__init__.py",
        "tests/shop/payments/__init__.py",
        "tests/shop/payments/stripe/__init__.py",
        stray,
    )
    problems = layout_problems(root)
    assert len([p for p in problems if p.startswith(problem)]) == 1, problems


def test_a_test_package_without_its_init_is_named(tmp_path):
    root = _tree(tmp_path, *SOURCE, "tests/shop/__init__.py", "tests/shop/payments/test_x.py")
    assert layout_problems(root) == ["tests/shop/payments/ has no __init__.py"]
