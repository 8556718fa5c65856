"""End-to-end tests of the prerendered demo (the performance issue's "no
blank wait"): `index.html` arrives with the explainer already in it, drawn at
build time by the same components; the reader sees the article while the
wasm is still on its way, and the live widget takes its place without
moving anything.
"""

import json
import time
import urllib.request
import uuid

import pytest

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import SLOW_PATH, SLOW_RESET, SLOW_SECONDS, TRUSTED_TYPES_PATH
from explainer import leading_words, normalize
from test_accessibility import run_axe

# Elements of the article column whose place on screen must not change when
# the live widget replaces the prerendered one.
STEADY = [".gloss-title", ".gloss-body > p:nth-of-type(1)", ".gloss-body > p:nth-of-type(4)",
          ".gloss-body > :last-child", '[data-term="donbas"][data-gloss-mention]']

_RECTS_JS = """
return arguments[0].map(sel => {
  const el = document.querySelector('.gloss ' + sel);
  if (!el) return null;
  const r = el.getBoundingClientRect();
  return [sel, Math.round(r.left), Math.round(r.top + scrollY), Math.round(r.width), Math.round(r.height)];
});
"""


def test_the_page_arrives_with_the_article_already_in_it(reader, demo):
    with urllib.request.urlopen(reader.base_url + "index.html", timeout=10) as response:
        html = response.read().decode("utf-8")
    assert "data-gloss-prerendered" in html
    assert f">{demo.title}</h1>" in html.replace("&#x27;", "'").replace("&#39;", "'")
    for term_id in demo.terms:
        assert f'data-term="{term_id}"' in html, f"no mention of {term_id} in the prerendered page"
    assert "<script>" not in html and "style=" not in html, "nothing inline a strict CSP would block"


def test_the_article_shows_before_the_wasm_and_stays_put_when_it_starts(reader, demo):
    # Every file of this page comes SLOW_SECONDS late the first time, the
    # wasm twice as late: the page and its CSS are drawn long before it.
    # (Navigating by script returns at once; driver.get would wait for the
    # load event.)
    _open_slowly(reader)
    prerendered = reader.driver.find_element(By.CSS_SELECTOR, ".gloss[data-gloss-prerendered]")
    assert reader.state == "loading", "the page is read before the wasm has arrived"
    title = normalize(prerendered.find_element(By.CSS_SELECTOR, ".gloss-title").text)
    assert title == normalize(demo.title), "the prerendered title is on screen"
    body = prerendered.find_element(By.CSS_SELECTOR, ".gloss-body")
    assert body.is_displayed() and "Russian President Vladimir Putin" in normalize(body.text)
    before = reader.driver.execute_script(_RECTS_JS, STEADY)
    assert None not in before, before

    WebDriverWait(reader.driver, 8 * SLOW_SECONDS, poll_frequency=0.1).until(
        lambda _: reader.state == "ready")
    assert not reader.driver.find_elements(By.CSS_SELECTOR, "[data-gloss-prerendered]"), \
        "the live widget replaced the prerendered one"
    after = reader.driver.execute_script(_RECTS_JS, STEADY)
    assert after == before, "the article moved when the live widget took over"


def _open_slowly(reader):
    """Opens the demo with every file late and the wasm later still (see
    SLOW_PATH) and waits until the prerendered widget is drawn with its CSS."""
    urllib.request.urlopen(reader.base_url + SLOW_PATH + SLOW_RESET, timeout=10).close()
    token = uuid.uuid4().hex
    reader.driver.execute_script("location.href = arguments[0]",
                                 f"{reader.base_url}{SLOW_PATH}index.html?t={token}")
    WebDriverWait(reader.driver, 6 * SLOW_SECONDS, poll_frequency=0.1,
                  ignored_exceptions=(WebDriverException,)).until(lambda d: d.execute_script(
        "const root = document.querySelector('.gloss[data-gloss-prerendered]');"
        "return !!root && getComputedStyle(root).getPropertyValue('--gloss-bg') !== ''"))


def test_focus_in_the_prerendered_widget_carries_over_to_the_live_one(reader):
    _open_slowly(reader)
    assert reader.state == "loading"
    before = reader.driver.execute_script("""
      const term = document.querySelector('.gloss[data-gloss-prerendered] .gloss-term[data-term]');
      term.focus();
      return [term.dataset.term, term.dataset.glossMention, document.activeElement === term];""")
    assert before[2], "the prerendered term took focus"
    WebDriverWait(reader.driver, 8 * SLOW_SECONDS, poll_frequency=0.1).until(
        lambda _: reader.state == "ready")
    WebDriverWait(reader.driver, 3, poll_frequency=0.05).until(lambda d: d.execute_script("""
      const el = document.activeElement;
      return !!el && el.isConnected && !el.closest('[data-gloss-prerendered]') &&
        el.dataset.term === arguments[0] && el.dataset.glossMention === arguments[1];""",
        before[0], before[1]))


def test_a_card_opens_before_the_wasm_and_stays_open_when_it_starts(reader, demo):
    # The prerendered mention invokes its card as a popover: the browser
    # opens it with no script of Gloss's running yet.
    _open_slowly(reader)
    term = reader.driver.find_element(
        By.CSS_SELECTOR, '.gloss[data-gloss-prerendered] .gloss-term[data-term="donbas"]')
    term.click()
    card = reader.wait_for_card("donbas")
    assert reader.state == "loading", "the card opened before the wasm arrived"
    assert card.get_attribute("popover") == "auto" and card.get_attribute("role") == "dialog"
    assert leading_words(demo.summary("donbas"), 40) in normalize(card.text)
    placed = reader.driver.execute_script("""
      const [term, card] = arguments;
      if (!CSS.supports('position-area: block-end')) return 'no anchor positioning';
      const t = term.getBoundingClientRect(), c = card.getBoundingClientRect();
      return c.top >= t.bottom - 1 || c.bottom <= t.top + 1;""", term, card)
    if placed != "no anchor positioning":
        assert placed is True, "the card sits beside its term, not over it"

    # The live widget takes over with the card still open, now its own.
    WebDriverWait(reader.driver, 8 * SLOW_SECONDS, poll_frequency=0.1).until(
        lambda _: reader.state == "ready")
    live = reader.wait_for_card("donbas")
    assert live.get_attribute("popover") == "manual", "the live widget's card"
    assert leading_words(demo.summary("donbas"), 40) in normalize(live.text)
    reader.driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    reader.wait_for_no_card()


def test_before_the_wasm_the_keyboard_opens_a_card_and_it_says_so(reader):
    # A mention is text acting as a button (so that it wraps): the loader,
    # not the browser, answers its Enter and Space before the wasm.
    _open_slowly(reader)
    term = reader.driver.find_element(
        By.CSS_SELECTOR, '.gloss[data-gloss-prerendered] .gloss-term[data-term="donbas"]')
    assert term.get_attribute("aria-expanded") == "false"
    reader.focus(term)
    scrolled = reader.driver.execute_script("return window.scrollY")
    reader.press(Keys.SPACE)
    reader.wait_for_card("donbas")
    assert reader.state == "loading", "the card opened before the wasm arrived"
    assert term.get_attribute("aria-expanded") == "true"
    assert reader.driver.execute_script("return window.scrollY") == scrolled, "Space scrolled the page"
    reader.press(Keys.ESCAPE)
    reader.wait_for_no_card()
    WebDriverWait(reader.driver, 2, poll_frequency=0.05).until(
        lambda _: term.get_attribute("aria-expanded") == "false")
    assert reader.state == "loading", "closed before the wasm arrived"


def test_the_prerendered_page_passes_axe_with_a_card_open(reader):
    _open_slowly(reader)
    reader.driver.find_element(
        By.CSS_SELECTOR, '.gloss[data-gloss-prerendered] .gloss-term[data-term="donbas"]').click()
    reader.wait_for_card("donbas")
    violations = run_axe(reader)
    assert reader.state == "loading", "axe looked at the prerendered page, before the wasm"
    assert not violations, json.dumps(violations, indent=1)[:4000]


def test_a_card_closed_before_the_wasm_stays_closed_when_it_starts(reader):
    # Focus stays on the term the reader clicked; handing it to the live
    # term must not open the card the reader has just dismissed.
    _open_slowly(reader)
    term = reader.driver.find_element(
        By.CSS_SELECTOR, '.gloss[data-gloss-prerendered] .gloss-term[data-term="donbas"]')
    term.click()
    reader.wait_for_card("donbas")
    reader.driver.execute_script("arguments[0].focus()", term)
    title = reader.driver.find_element(By.CSS_SELECTOR, ".gloss[data-gloss-prerendered] .gloss-title")
    ActionChains(reader.driver).move_to_element(title).perform()
    reader.driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    reader.wait_for_no_card()
    assert reader.state == "loading", "dismissed before the wasm arrived"
    WebDriverWait(reader.driver, 8 * SLOW_SECONDS, poll_frequency=0.1).until(
        lambda _: reader.state == "ready")
    WebDriverWait(reader.driver, 3, poll_frequency=0.05).until(lambda d: d.execute_script(
        "const el = document.activeElement;"
        "return !!el && el.isConnected && !el.closest('[data-gloss-prerendered]') &&"
        " el.dataset.term === 'donbas';"))
    time.sleep(0.5)  # longer than the live card's intent delay
    assert not reader.open_cards(), "no card opened by itself"


def test_the_live_widget_works_where_the_prerendered_one_stood(reader):
    reader.open_explainer()
    assert len(reader.driver.find_elements(By.CSS_SELECTOR, ".gloss")) == 1
    term = reader.decorated_mention("donbas")
    reader.focus(term)
    reader.wait_for_card("donbas")


def test_no_layout_shift_is_recorded(reader):
    if reader.engine != "chromium":
        pytest.skip("the Layout Instability API exists only in Chromium")
    reader.open_explainer()
    shift = reader.driver.execute_async_script("""
      const done = arguments[arguments.length - 1];
      let total = 0;
      new PerformanceObserver(list => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value;
      }).observe({type: 'layout-shift', buffered: true});
      requestAnimationFrame(() => requestAnimationFrame(() => done(total)));
    """)
    assert shift < 0.01, f"cumulative layout shift {shift:.3f}"


def test_under_trusted_types_the_live_widget_takes_over_without_a_violation(reader):
    reader.driver.get(reader.base_url + TRUSTED_TYPES_PATH + "index.html")
    WebDriverWait(reader.driver, 20, poll_frequency=0.1).until(lambda _: reader.state == "ready")
    assert not reader.driver.find_elements(By.CSS_SELECTOR, "[data-gloss-prerendered]")
    term = reader.decorated_mention("donbas")
    reader.focus(term)
    reader.wait_for_card("donbas")
    assert reader.driver.execute_script("return window.__violations") == []
    # The page really enforces Trusted Types (where the engine has them), and
    # the recorder sees what they block: an HTML string is refused.
    blocked = reader.driver.execute_script("""
      if (typeof trustedTypes === 'undefined') return null;
      try { document.createElement('div').innerHTML = '<b>x</b>'; return false; }
      catch (e) { return true; }""")
    if blocked is None:
        pytest.skip(f"{reader.engine} has no Trusted Types: the policy is ignored")
    assert blocked, "the page does not enforce Trusted Types"
    WebDriverWait(reader.driver, 3).until(
        lambda d: d.execute_script("return window.__violations.length") == 1)


_RESOURCES_JS = "return performance.getEntriesByType('resource').map(e => e.name)"


def test_a_compiled_page_gets_the_reader_build_and_fetches_no_markdown(reader, demo, other_explainer):
    reader.open_explainer()
    assert reader.state == "ready"
    loaded = reader.driver.execute_script(_RESOURCES_JS)
    wasm = [url for url in loaded if url.endswith(".wasm")]
    assert len(wasm) == 1 and "gloss-reader-" in wasm[0], wasm
    assert not [url for url in loaded if url.endswith(".md")], "the compiled model needs no source"

    # A page that asks for Markdown gets the full build.
    reader.open_explainer(query=f"src={other_explainer.src}")
    assert reader.state == "ready"
    loaded = reader.driver.execute_script(_RESOURCES_JS)
    wasm = [url for url in loaded if url.endswith(".wasm")]
    assert len(wasm) == 1 and "gloss-reader-" not in wasm[0], wasm
