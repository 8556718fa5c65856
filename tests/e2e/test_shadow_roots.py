"""End-to-end tests of a Gloss host inside a web component's shadow root,
handed to Gloss with `watch(shadowRoot)` (README, Embedding), next to a
host in the document. Fixtures: tests/e2e/fixtures/shadow.html and
shadow.js. The document cannot see into the shadow tree, so every lookup
here goes through the component's `shadowRoot`.
"""

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

# (The component is defined once gloss.js has loaded: until then, no root.)
IN_SHADOW = (
    "const root = document.getElementById('shell').shadowRoot;"
    "return root && root.querySelector(arguments[0]);")
ALL_IN_SHADOW = (
    "const root = document.getElementById('shell').shadowRoot;"
    "return root ? [...root.querySelectorAll(arguments[0])] : [];")
# The element with focus, inside the shadow tree when it is there.
DEEP_ACTIVE = (
    "let a = document.activeElement;"
    "while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;"
    "return a;")
CARD = "[data-gloss-card]:popover-open"


def open_page(reader):
    reader.driver.get(reader.base_url + "__fixtures__/shadow.html")
    WebDriverWait(reader.driver, 25, poll_frequency=0.1).until(
        lambda d: d.execute_script(
            IN_SHADOW, '.gloss[data-gloss-state="ready"]') is not None
        and d.find_elements(By.CSS_SELECTOR, '#light > .gloss[data-gloss-state="ready"]'))


def inner(reader, selector: str):
    return reader.driver.execute_script(IN_SHADOW, selector)


def inner_all(reader, selector: str) -> list:
    return reader.driver.execute_script(ALL_IN_SHADOW, selector)


def deep_active(reader):
    return reader.driver.execute_script(DEEP_ACTIVE)


def style(reader, element, prop: str) -> str:
    return reader.driver.execute_script(
        "return getComputedStyle(arguments[0]).getPropertyValue(arguments[1])", element, prop)


def first_in_view(reader, selector: str):
    """The first element in the shadow tree matching `selector`, scrolled into view."""
    element = inner(reader, selector)
    reader.scroll_to(element)
    return element


def wait_until(reader, what, message: str, timeout: float = 5):
    WebDriverWait(reader.driver, timeout, poll_frequency=0.05).until(
        lambda _: what(), message=message)


def test_a_host_in_a_shadow_root_is_mounted_styled_and_keyed_apart(reader):
    open_page(reader)
    shadow_frame = inner(reader, ".gloss-frame")
    light_frame = reader.driver.find_element(By.CSS_SELECTOR, "#light .gloss-frame")
    # Two widgets of one page: their element ids (and URL fragments) differ.
    assert shadow_frame.get_attribute("id") != light_frame.get_attribute("id")
    # Gloss's stylesheet reached the shadow tree: the widget there looks as
    # it does in the document.
    pairs = [
        (".gloss-title", "font-size"),
        (".gloss-title", "font-family"),
        ('.gloss-term[data-term]', "text-decoration-style"),
        ('.gloss-term[data-term]', "cursor"),
        (".gloss-side", "display"),
    ]
    for selector, prop in pairs:
        shadow = style(reader, inner(reader, f".gloss-frame {selector}"), prop)
        light = style(reader, light_frame.find_element(By.CSS_SELECTOR, selector), prop)
        assert shadow == light, (selector, prop, shadow, light)
    assert style(reader, inner(reader, ".gloss-term[data-term]"), "text-decoration-style") == "dotted"


def test_a_card_in_a_shadow_root_opens_stays_while_used_and_closes(reader):
    open_page(reader)
    term = first_in_view(reader, ".gloss-term[data-term]")
    term_id = term.get_attribute("data-term")
    term.click()
    wait_until(reader, lambda: inner(reader, CARD) is not None, "no card opened")
    card = inner(reader, CARD)
    assert card.get_attribute("data-gloss-card") == term_id
    summary = card.find_element(By.CSS_SELECTOR, ".gloss-card-summary")
    assert reader.driver.execute_script("return arguments[0].textContent", summary).strip()
    # A click inside the card is the card's, not a click elsewhere.
    summary.click()
    wait_until(reader, lambda: inner(reader, CARD) is not None, "the card closed on its own click")
    # Escape closes it; a click on the page outside the widget does too.
    reader.press("Escape")
    wait_until(reader, lambda: inner(reader, CARD) is None, "Escape left the card open")
    term.click()
    wait_until(reader, lambda: inner(reader, CARD) is not None, "no card opened again")
    reader.driver.find_element(By.ID, "page-text").click()
    wait_until(reader, lambda: inner(reader, CARD) is None, "a click elsewhere left it open")


def test_the_keyboard_goes_into_a_card_and_back_out_in_a_shadow_root(reader):
    open_page(reader)
    term = first_in_view(reader, ".gloss-term[data-term]")
    reader.focus(term)
    wait_until(reader, lambda: inner(reader, CARD) is not None, "focus opened no card")
    card = inner(reader, CARD)
    reader.press("Tab")
    wait_until(reader, lambda: reader.driver.execute_script(
        "return arguments[0].contains(arguments[1])", card, deep_active(reader)),
        "Tab from the term did not go into its card")
    # Escape from inside the card closes it and gives focus back to the term.
    reader.press("Escape")
    wait_until(reader, lambda: inner(reader, CARD) is None, "Escape left the card open")
    wait_until(reader, lambda: deep_active(reader) == term, "focus did not return to the term")


def test_people_and_footnotes_work_in_a_shadow_root(reader):
    open_page(reader)
    speaker = first_in_view(reader, "button[data-speaker]")
    speaker_id = speaker.get_attribute("data-speaker")
    speaker.click()
    wait_until(reader, lambda: inner_all(
        reader, f'[data-speaker-ref="{speaker_id}"][data-active]'), "no mention highlighted")
    reader.press("Escape")
    # A footnote's link, followed: the note is scrolled into view, as the
    # browser does in the document (it looks for the id there, in vain).
    ref = inner(reader, ".gloss-fnref a")
    reader.scroll_to(ref, block="start")
    ref.click()
    target_id = ref.get_attribute("href").split("#", 1)[1]
    note = inner(reader, f'[id="{target_id}"]')
    assert note is not None, target_id

    def note_in_view():
        return reader.driver.execute_script(
            "const r = arguments[0].getBoundingClientRect();"
            "return r.top >= -1 && r.bottom <= innerHeight + 1;", note)
    wait_until(reader, note_in_view, "the footnote was not scrolled into view")
    assert reader.driver.execute_script("return location.hash") == "#" + target_id


def test_a_shared_link_opens_its_card_in_a_shadow_root(reader):
    reader.driver.get(reader.base_url + "__fixtures__/shadow.html#gloss-inner.term=space-race")
    WebDriverWait(reader.driver, 25, poll_frequency=0.1).until(
        lambda _: inner(reader, CARD) is not None, message="the shared card did not open")
    card = inner(reader, CARD)
    assert card.get_attribute("data-gloss-card") == "space-race"
    top = reader.driver.execute_script("return arguments[0].getBoundingClientRect().top", card)
    assert 0 <= top < reader.driver.execute_script("return innerHeight"), top
