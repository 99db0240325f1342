"""The stylesheets pass stylelint, and stylelint does catch a broken stylesheet.

An unclosed `@media (min-width: 48rem) {` once made every rule after it apply only to
wide screens: the checks below would have failed on it. stylelint comes from npm
(package.json, package-lock.json) through `make install-node`, which `make lint` runs.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from django.conf import settings

pytestmark = pytest.mark.slow

ROOT = Path(settings.BASE_DIR)
CONFIG = ROOT / ".stylelintrc.json"
STYLELINT = ROOT / "node_modules" / ".bin" / "stylelint"
SITE_CSS = ROOT / "static" / "css" / "site.css"
STYLESHEETS = sorted((ROOT / "static").rglob("*.css"))


@pytest.fixture(scope="module")
def stylelint() -> Path:
    """The stylelint binary: skip without node or it, or FAIL under CI or REQUIRE_BROWSER=1."""
    missing = []
    if shutil.which("node") is None:
        missing.append("node")
    if not STYLELINT.exists():
        missing.append(str(STYLELINT.relative_to(ROOT)))
    if missing:
        reason = f"{' and '.join(missing)} not found (install: make install-node)"
        if os.environ.get("REQUIRE_BROWSER") == "1" or os.environ.get("CI") == "true":
            pytest.fail(f"CI or REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    return STYLELINT


def run_stylelint(stylelint: Path, *paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(stylelint), "--config", str(CONFIG), "--max-warnings", "0", *map(str, paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_stylesheets_pass(stylelint):
    assert SITE_CSS in STYLESHEETS
    result = run_stylelint(stylelint, *STYLESHEETS)
    assert result.returncode == 0, result.stdout + result.stderr


def without_a_closing_brace(css: str) -> str:
    """site.css with the `}` that closes the first min-width block removed."""
    start = css.index("@media (min-width: 48rem) {")
    brace = css.index("}", css.index("{", start) + 1)  # closes the rule inside
    brace = css.index("}", brace + 1)  # closes the media block
    return css[:brace] + css[brace + 1 :]


BROKEN = {
    "unclosed block": (without_a_closing_brace, "Unclosed block"),
    "unknown property": (
        lambda css: css.replace("body { margin: 0; }", "body { margn: 0; }", 1),
        "property-no-unknown",
    ),
    "invalid hex colour": (
        lambda css: css.replace("--ink: #1d1d26;", "--ink: #1d1d26;\n    color: #12345g;", 1),
        "color-no-invalid-hex",
    ),
    "empty block": (lambda css: css + "\n.empty { }\n", "block-no-empty"),
}


@pytest.mark.parametrize("breakage", BROKEN, ids=list(BROKEN))
def test_a_broken_copy_of_site_css_fails(stylelint, tmp_path, breakage):
    break_it, expected = BROKEN[breakage]
    css = SITE_CSS.read_text(encoding="utf-8")
    broken = break_it(css)
    assert broken != css
    if breakage == "unclosed block":
        assert broken.count("{") == broken.count("}") + 1
    copy = tmp_path / "site.css"
    copy.write_text(broken, encoding="utf-8")
    result = run_stylelint(stylelint, copy)
    assert result.returncode != 0, f"stylelint passed a stylesheet with an {breakage}"
    assert expected in result.stdout + result.stderr
