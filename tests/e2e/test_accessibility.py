"""Accessibility: axe-core (from the npm registry, injected by WebDriver)
finds no WCAG 2.0/2.1/2.2 A or AA violation in the demo at rest, with a
hovercard open, with a speaker selected and with an event selected (on a
phone too, from the text); the selection change is announced politely.
"""

import json
import os
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(os.environ.get("GLOSS_AXE", ROOT / ".tools/npm/node_modules/axe-core/axe.min.js"))
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def run_axe(reader, within: str = ".gloss", run_only: dict | None = None) -> list:
    if not AXE.exists():
        pytest.fail(f"axe-core not found at {AXE}: run scripts/setup.sh test")
    driver = reader.driver
    if not driver.execute_script("return !!window.axe"):
        driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        # Colours are only final once the card's fade-in has finished.
        "Promise.all(document.getAnimations().map(a => a.finished))"
        ".then(() => axe.run(document.querySelector(arguments[1]), {runOnly: arguments[0]}))"
        ".then(r => done(JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact,"
        " nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)})))))"
        ".catch(e => done(JSON.stringify([{id: 'axe-error', nodes: [String(e)]}])));",
        run_only or {"type": "tag", "values": TAGS}, within)
    return json.loads(result)


def assert_no_violations(reader, state: str, within: str = ".gloss"):
    violations = run_axe(reader, within)
    assert not violations, f"{state}: " + json.dumps(violations, indent=1)[:4000]


def test_no_violations_at_rest(reader):
    reader.open_explainer()
    assert_no_violations(reader, "at rest")


def test_no_violations_with_a_hovercard_open(reader):
    reader.open_explainer()
    term = reader.decorated_mention("donbas")
    reader.hover(term)
    reader.wait_for_card("donbas")
    assert_no_violations(reader, "card open")


def test_no_violations_with_a_speaker_selected(reader):
    reader.open_explainer()
    reader.driver.find_element(By.CSS_SELECTOR, '.gloss [data-speaker="putin"]').click()
    assert_no_violations(reader, "speaker selected")


def test_no_violations_with_an_event_selected(reader):
    reader.open_explainer()
    reader.driver.find_element(By.CSS_SELECTOR, '.gloss [data-event="moscow-talks"]').click()
    assert_no_violations(reader, "event selected")


def test_no_violations_on_a_phone_with_an_event_chosen_from_the_text(reader):
    # The date after the passage, and the bar that then says what it is.
    reader.driver.set_window_size(375, 812)
    reader.open_explainer()
    chip = reader.driver.find_element(By.CSS_SELECTOR, '.gloss [data-event-ref="moscow-talks"] .gloss-event-chip')
    reader.scroll_to(chip)
    chip.click()
    WebDriverWait(reader.driver, 5).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".gloss .gloss-selection-bar"))
    assert_no_violations(reader, "event chosen on a phone")


@pytest.mark.parametrize("host", ["vars", "column"])
def test_no_violations_in_a_host_that_sets_only_its_two_colours_or_a_narrow_column(reader, host):
    # `#vars`: a dark background and light text set by the host on a
    # reader's light system (the accent must follow them); `#column`: 280
    # px wide, where a footnote's back link sits in a line of text.
    reader.driver.get(reader.base_url + "__fixtures__/themes.html")
    WebDriverWait(reader.driver, 25, poll_frequency=0.1).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, '.gloss[data-gloss-state="ready"]')) == 4)
    within = f"#{host} > .gloss"
    assert_no_violations(reader, f"#{host}", within)
    if host == "column":
        return  # (its panels are folded)
    # On the marker: a person's row and their words, then an event's
    # passage, its pressed date and its entry in the chronology.
    for choice in ("[data-speaker]", "[data-event-ref] .gloss-event-chip"):
        element = reader.driver.find_element(By.CSS_SELECTOR, f"{within} {choice}")
        reader.scroll_to(element)
        element.click()
        assert reader.driver.find_elements(By.CSS_SELECTOR, f"{within} [data-active]")
        assert_no_violations(reader, f"#{host} after a click on {choice}", within)


def test_several_widgets_on_a_page_have_landmarks_told_apart(reader):
    # Four widgets of one explainer (themes.html): each has People,
    # Chronology and Notes regions; a screen reader's list of landmarks
    # (and axe's best-practice rule) must tell the sixteen apart.
    reader.driver.get(reader.base_url + "__fixtures__/themes.html")
    WebDriverWait(reader.driver, 25, poll_frequency=0.1).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, '.gloss[data-gloss-state="ready"]')) == 4)
    regions = reader.driver.find_elements(By.CSS_SELECTOR, ".gloss section[aria-label], .gloss section[aria-labelledby]")
    assert len(regions) >= 8, f"{len(regions)} named regions in four widgets"
    violations = run_axe(reader, "body", {"type": "rule", "values": ["landmark-unique"]})
    assert not violations, json.dumps(violations, indent=1)[:4000]


def test_a_selection_is_announced_politely(reader):
    reader.open_explainer()
    region = reader.driver.find_element(By.CSS_SELECTOR, '.gloss [aria-live="polite"]')
    reader.driver.find_element(By.CSS_SELECTOR, '.gloss [data-speaker="putin"]').click()
    WebDriverWait(reader.driver, 5).until(lambda _: "Putin" in region.get_attribute("textContent"))
    reader.press("Escape")
    WebDriverWait(reader.driver, 5).until(lambda _: "cleared" in region.get_attribute("textContent").lower())


def test_the_article_comes_before_the_sidebar_in_reading_and_tab_order(reader):
    # Wide: the sidebar is drawn beside the article, but a screen reader
    # and the Tab key meet the article first.
    reader.open_explainer()
    root = reader.root
    side = root.find_element(By.CSS_SELECTOR, ".gloss-side")
    article = root.find_element(By.CSS_SELECTOR, ".gloss-article")
    beside = reader.driver.execute_script(
        "const [a, s] = arguments; return s.getBoundingClientRect().left >= a.getBoundingClientRect().right",
        article, side)
    assert beside, "the demo's window is wide enough for the sidebar layout"
    assert reader.driver.execute_script(
        "return !!(arguments[0].compareDocumentPosition(arguments[1]) & Node.DOCUMENT_POSITION_FOLLOWING)",
        article, side)
    reader.driver.execute_script("document.activeElement && document.activeElement.blur && document.activeElement.blur()")
    for _ in range(60):
        reader.press("Tab")
        focused = reader.active_element()
        assert focused.get_attribute("data-speaker") is None and \
            focused.get_attribute("class") != "gloss-quote-jump", "a sidebar control came before the article's terms"
        if focused.get_attribute("data-term") is not None:
            break
    else:
        raise AssertionError("no term reached")
