"""Bad input never blanks the widget (DESIGN.md section 4): an empty file, a
file that is not UTF-8, a slow source (timeout, then a working retry), a
refused connection, content mistakes in the author panel. Each widget fails
alone; the others keep working. A page that enforces Trusted Types is not a
failure: Gloss works there with no policy and no violation.
"""

import urllib.request
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from explainer import normalize

HOSTS = ("empty", "latin1", "mistakes", "slow", "refused", "fine")


def open_fixture(reader, page: str, count: int):
    # A token of this test's own makes the slow source slow again.
    token = uuid.uuid4().hex
    query = f"?slow=/__slow__/explainers/donbas.md%3Ft%3D{token}" if page == "errors.html" else ""
    reader.driver.get(reader.base_url + "__fixtures__/" + page + query)
    WebDriverWait(reader.driver, 25, poll_frequency=0.1).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, ".gloss[data-gloss-state]")) == count
        and not d.find_elements(By.CSS_SELECTOR, '.gloss[data-gloss-state="loading"]'))


def root(reader, host: str):
    return reader.driver.find_element(By.CSS_SELECTOR, f"#{host} > .gloss")


def alert_text(reader, host: str) -> str:
    return normalize(root(reader, host).find_element(By.CSS_SELECTOR, '[role="alert"]').text)


def test_each_failure_is_named_inside_its_own_widget(reader):
    open_fixture(reader, "errors.html", len(HOSTS))
    states = {h: root(reader, h).get_attribute("data-gloss-state") for h in HOSTS}
    assert states == {"empty": "error", "latin1": "error", "mistakes": "ready",
                      "slow": "error", "refused": "error", "fine": "ready"}
    assert "empty" in alert_text(reader, "empty")
    latin1 = alert_text(reader, "latin1")
    assert "not UTF-8" in latin1 and "line 4, column 4" in latin1, latin1
    assert "did not arrive within 1 second" in alert_text(reader, "slow")
    assert "network request" in alert_text(reader, "refused")


def test_content_mistakes_render_the_article_and_list_the_diagnostics(reader):
    open_fixture(reader, "errors.html", len(HOSTS))
    widget = root(reader, "mistakes")
    assert "known term" in widget.find_element(By.CSS_SELECTOR, ".gloss-body").text
    notes = widget.find_element(By.CSS_SELECTOR, "details.gloss-notes")
    assert notes.get_attribute("open") is None, "the author panel starts collapsed"
    notes.find_element(By.TAG_NAME, "summary").click()
    text = normalize(notes.text)
    assert "Line 8, column 8" in text and "no day 30" in text, text
    assert "Line 11, column 41" in text and "unknown term `nowhere`" in text, text


def test_a_slow_source_offers_a_retry_that_works(reader):
    open_fixture(reader, "errors.html", len(HOSTS))
    retry = root(reader, "slow").find_element(By.CSS_SELECTOR, "button.gloss-button")
    assert normalize(retry.text) == "Try again"
    retry.click()
    WebDriverWait(reader.driver, 10, poll_frequency=0.1).until(
        lambda _: root(reader, "slow").get_attribute("data-gloss-state") == "ready")


def test_a_trusted_types_page_gets_a_working_widget_and_no_violation(reader):
    open_fixture(reader, "trusted-types.html", 1)
    assert root(reader, "tt").get_attribute("data-gloss-state") == "ready"
    term = reader.decorated_mention("donbas")
    reader.focus(term)
    reader.wait_for_card("donbas")
    assert reader.driver.execute_script("return window.__violations") == []


# What a trap in Gloss's wasm looks like from the page (the release builds
# abort on a panic, with no panic hook: scripts/trunk.sh). A real trap needs
# a bug to hit, so the test raises the error the browser would report.
RAISE_TRAP = """
const error = new WebAssembly.RuntimeError('unreachable');
if (arguments[0]) Object.defineProperty(error, 'stack', { value: arguments[0] });
window.dispatchEvent(new ErrorEvent('error', { error }));
"""


def test_a_trap_in_the_wasm_stops_every_widget_visibly(reader):
    open_fixture(reader, "errors.html", len(HOSTS))
    # Another page's wasm, named in the stack, is none of Gloss's business.
    reader.driver.execute_script(RAISE_TRAP, "at f (https://example.org/other.wasm:wasm-function[1]:0x20)")
    assert root(reader, "fine").get_attribute("data-gloss-state") == "ready"
    reader.driver.execute_script(RAISE_TRAP, None)
    for host in ("fine", "mistakes"):
        assert root(reader, host).get_attribute("data-gloss-state") == "error"
        assert "stopped working after an internal error" in alert_text(reader, host)
    # A widget that had failed already keeps its own message, and only it.
    alerts = root(reader, "empty").find_elements(By.CSS_SELECTOR, '[role="alert"]')
    assert len(alerts) == 1 and "empty" in normalize(alerts[0].text)


def _reset_slow_files(reader):
    # Not by the browser: navigating to its empty (204) answer never ends
    # in Firefox.
    urllib.request.urlopen(reader.base_url + "__slow__/__reset__", timeout=10).close()


def _open_without_waiting(reader, path: str):
    """Navigate without waiting for the page's load event, which a module
    script still awaiting its slow wasm holds back (Firefox's WebDriver
    would time out first)."""
    reader.driver.execute_script("location.href = arguments[0]", reader.base_url + path)


def test_while_the_code_loads_each_host_says_it_is_loading(reader):
    _reset_slow_files(reader)
    _open_without_waiting(reader, "__slow__/embed-demo.html")
    # The wasm takes 6 s more than the page: meanwhile a status, not a blank.
    WebDriverWait(reader.driver, 15, poll_frequency=0.1).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, '.gloss[data-gloss-placeholder][data-gloss-state="loading"] [role="status"]'))
    WebDriverWait(reader.driver, 30, poll_frequency=0.2).until(
        lambda d: not d.find_elements(By.CSS_SELECTOR, '.gloss[data-gloss-state="loading"]'))
    assert not reader.driver.find_elements(By.CSS_SELECTOR, "[data-gloss-placeholder]")
    for host in reader.driver.find_elements(By.CSS_SELECTOR, "[data-gloss-src], [data-gloss]"):
        assert len(host.find_elements(By.CSS_SELECTOR, ":scope > .gloss")) == 1


def test_code_that_never_arrives_is_reported_after_the_hosts_timeout(reader):
    _open_without_waiting(reader, "__fixtures__/slow-code.html")
    try:
        WebDriverWait(reader.driver, 12, poll_frequency=0.1).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, '#impatient .gloss[data-gloss-state="error"]'))
    except Exception:
        raise AssertionError(reader.driver.execute_script("return location.href + ' ' + (document.querySelector('#impatient') || document.body).outerHTML.slice(0, 500)"))
    alert = normalize(reader.driver.find_element(By.CSS_SELECTOR, '#impatient [role="alert"]').text)
    assert "could not be downloaded" in alert and "1.5 s" in alert, alert


def test_a_widget_restored_from_a_copy_of_the_page_works(reader):
    # Turbo, pjax: the page's body is put back from a copy of its nodes,
    # whose hosts say they are mounted but have no widget behind them.
    reader.driver.get(reader.base_url + "__fixtures__/hosts.html")
    WebDriverWait(reader.driver, 25, poll_frequency=0.1).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, '#row > .gloss[data-gloss-state="ready"]'))
    reader.driver.execute_script("""
        const copy = document.body.cloneNode(true);
        copy.querySelector('#row > .gloss').setAttribute('data-copied', '');
        document.body.replaceWith(document.createElement('body'));
        document.body.replaceWith(copy);
    """)
    WebDriverWait(reader.driver, 15, poll_frequency=0.1).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, '#row > .gloss:not([data-copied])[data-gloss-state="ready"] [data-gloss-mention]'))
    assert len(reader.driver.find_elements(By.CSS_SELECTOR, "#row > .gloss")) == 1
    term = reader.driver.find_element(By.CSS_SELECTOR, "#row .gloss-term[data-term]")
    reader.scroll_to(term)
    term.click()
    reader.wait_for_card(term.get_attribute("data-term"))
