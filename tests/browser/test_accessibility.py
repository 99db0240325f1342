"""axe-core in headless Chromium on every page type, on a phone and a desktop.

axe-core is an npm package (package.json, installed by `make install-node`): its file is
read from node_modules and injected into each page by WebDriver, never fetched from a
CDN. Every violation counts, whatever its impact: the templates and the stylesheet are
fixed, the rules are not switched off.

With SCREENSHOTS_DIR set, a full-page screenshot of each page at each width is saved
there (to look at the layouts: `SCREENSHOTS_DIR=var/screenshots pytest ...`).
"""

import base64
import os
from pathlib import Path

import pytest

from django.conf import settings

from .helpers import check_page

# The layout tests' pages and window sizes: the same page types at the same widths.
from .test_layout import WIDTHS, database_backend, site_pages, sized  # noqa: F401

pytestmark = pytest.mark.browser

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"

RUN_AXE = """
var done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ["violations"]}).then(function (results) {
    done(results.violations.map(function (v) {
        return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(
            function (n) { return n.target.join(" ") + " :: " + n.failureSummary; })};
    }));
}, function (error) {
    done([{id: "axe-error", impact: "error", help: String(error), nodes: []}]);
});
"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    """axe-core's script from node_modules: skip without it, or FAIL if REQUIRE_BROWSER=1."""
    if not AXE.exists():
        reason = f"{AXE} not found (install it: make install-node)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    return AXE.read_text(encoding="utf-8")


def axe_violations(browser, axe_source: str) -> list[dict]:
    """The violations axe-core finds on the current page, any impact."""
    browser.execute_script(axe_source)
    browser.set_script_timeout(60)
    return browser.execute_async_script(RUN_AXE)


def save_screenshot(browser, directory: str, name: str) -> None:
    """The whole page, beyond the viewport, as a PNG."""
    size = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight];"
    )
    shot = browser.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1},
        },
    )
    path = Path(directory)
    path.mkdir(parents=True, exist_ok=True)
    (path / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))


@pytest.mark.parametrize("size", WIDTHS, ids=list(WIDTHS))
def test_no_axe_violation_on_any_page(sized, live_server, site_pages, axe_source, size):  # noqa: F811
    web = sized(*WIDTHS[size])
    problems = []
    screenshots = os.environ.get("SCREENSHOTS_DIR")
    for name, url in site_pages.items():
        web.get(url)
        if screenshots:
            save_screenshot(web, screenshots, f"{name.replace(' ', '-')}-{size}")
        for violation in axe_violations(web, axe_source):
            problems.append(
                f"{name} ({url}): {violation['id']} [{violation['impact']}] "
                f"{violation['help']}\n    " + "\n    ".join(violation["nodes"])
            )
        if name != "404":
            check_page(web, live_server.url)
    assert problems == [], "\n".join(problems)
