"""The console check of the other browser tests really sees JavaScript errors."""

import pytest

from .helpers import console_errors, wait

pytestmark = pytest.mark.browser


def test_console_check_sees_an_uncaught_error(web, live_server):
    web.get(live_server.url + "/fr/search/")
    assert console_errors(web) == []
    web.execute_script("setTimeout(function () { throw new Error('browser-test-probe'); });")
    errors = wait(web, lambda b: console_errors(b), message="no SEVERE entry logged")
    assert "browser-test-probe" in errors[0]
