"""The import contracts of pyproject.toml ([tool.importlinter]) hold.

Layers, arrows pointing down only: tierslieux > search > the content apps (articles,
agenda, fabriques, booklet: independent siblings) > home. `make lint` runs the same check.
"""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )


def root_packages() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["root_packages"]


def test_every_app_is_in_the_contracts():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps | {"tierslieux"} == set(root_packages())


def test_the_import_contracts_are_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_forbidden_import_breaks_the_build(tmp_path):
    """A copy of the code where home/ imports a content app: lint-imports refuses it."""
    for package in root_packages():
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    with (tmp_path / "home" / "sections.py").open("a", encoding="utf-8") as module:
        module.write("\n\ndef articles():\n    from articles.models import ArticlePage\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 1
    assert "home is not allowed to import articles" in result.stdout
    assert "home.sections -> articles.models" in result.stdout
