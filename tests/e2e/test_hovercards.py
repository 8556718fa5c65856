"""End-to-end tests of the foundation: loading an explainer and its glossary
hovercards, as a reader meets them (DESIGN.md sections 2-4).

Every test opens the built dist in a real browser and acts through `Reader`
(conftest.py). Term ids, titles and summaries come from the explainers' front
matter, never from text copied into this file.
"""

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from explainer import leading_words, normalize

# The glossary terms the demo's brief names; each must be in its front matter.
DEMO_TERMS = ("donbas", "novorossiya", "isw")


def _intersects(a: dict, b: dict, tolerance: float = 0.5) -> bool:
    return (a["left"] < b["right"] - tolerance and b["left"] < a["right"] - tolerance
            and a["top"] < b["bottom"] - tolerance and b["top"] < a["bottom"] - tolerance)


def test_demo_is_ready_with_its_title_and_term_mentions(reader, demo):
    reader.open_explainer()

    assert reader.state == "ready", f"demo failed to load: {reader.alerts()}"
    assert normalize(demo.title) in reader.headings(1)
    for term_id in DEMO_TERMS:
        assert term_id in demo.terms, f"{demo.path.name} defines no term {term_id!r}"
        assert reader.mentions(term_id), f"no [data-term={term_id!r}] mention in the demo"


def test_hovering_a_term_opens_its_card_with_the_summary(reader, demo):
    reader.open_explainer()
    term = reader.decorated_mention("donbas")

    reader.hover(term)
    card = reader.wait_for_card("donbas")

    assert card.is_displayed()
    summary = leading_words(demo.summary("donbas"), 40)
    assert summary in normalize(card.text)


@pytest.mark.parametrize("where", ["middle", "bottom"])
def test_open_card_does_not_cover_the_term_and_stays_in_the_viewport(reader, where):
    reader.open_explainer()
    if where == "middle":
        term = reader.decorated_mention("donbas")
        reader.scroll_to(term, "center")
    else:
        # The last decorated mention, at the very bottom of the viewport:
        # a card placed below it would overflow, so it has to flip or shift.
        term = reader.decorated_mentions()[-1]
        reader.scroll_to(term, "end")
        _, height = reader.viewport()
        assert reader.rects(term)["box"]["bottom"] > height - 60, \
            "setup: could not scroll the last mention to the bottom of the viewport"
    term_id = term.get_attribute("data-term")

    reader.hover(term, scroll=False)
    card = reader.wait_for_card(term_id)

    card_box = reader.rects(card)["box"]
    for line in reader.rects(term)["lines"]:
        assert not _intersects(card_box, line), f"card {card_box} covers the term {line}"
    width, height = reader.viewport()
    assert card_box["left"] >= -0.5 and card_box["top"] >= -0.5, f"card {card_box} leaves the viewport"
    assert card_box["right"] <= width + 0.5 and card_box["bottom"] <= height + 0.5, \
        f"card {card_box} leaves the {width}x{height} viewport"


def test_in_a_zoomed_part_of_a_page_cards_sit_beside_their_terms(reader, engine):
    if engine == "webkit":
        pytest.skip("webkit: WebKitGTK's zoom is its own (no currentCSSZoom; its element "
                    "boxes do not follow it), so the card cannot be placed by them")
    reader.open_explainer("__fixtures__/zoomed.html")
    for term in reader.decorated_mentions()[:6]:
        reader.scroll_to(term, "center")
        reader.focus(term)
        card = reader.wait_for_card(term.get_attribute("data-term"))
        card_box = reader.rects(card)["box"]
        line = reader.rects(term)["lines"][0]
        assert not _intersects(card_box, line), f"card {card_box} covers the term {line}"
        # Right above or below it, not where the term would be unzoomed.
        gap = max(line["top"] - card_box["bottom"], card_box["top"] - line["bottom"])
        assert 0 <= gap < 30, f"card {card_box} is {gap} px from the term {line}"
        reader.press("Escape")


def test_an_open_card_follows_its_term_when_the_page_moves_it(reader):
    # Neither a scroll nor a resize: a banner inserted above the widget,
    # as cookie notices and late ads are.
    reader.open_explainer()
    term = reader.decorated_mention("donbas")
    reader.scroll_to(term, "center")
    reader.focus(term)
    card = reader.wait_for_card("donbas")
    reader.driver.execute_async_script(
        "const [card, done] = arguments;"
        "Promise.all(card.getAnimations().map((a) => a.finished)).then(() => done(), () => done());",
        card)

    def term_top():
        return reader.rects(term)["lines"][0]["top"]

    before = term_top()
    reader.driver.execute_script(
        # (Without the browser's scroll anchoring, which would scroll the
        # page by the banner's height and so keep the term in place.)
        "document.documentElement.style.overflowAnchor = 'none';"
        "const banner = document.createElement('div');"
        "banner.style.height = '150px';"
        "document.body.prepend(banner);")
    WebDriverWait(reader.driver, 3, poll_frequency=0.05).until(
        lambda _: abs(term_top() - before - 150) < 1, "setup: the banner moved the term")

    def beside_its_term():
        # Right below or above it (it may flip), not over it.
        card_box, line = reader.rects(card)["box"], reader.rects(term)["lines"][0]
        gap = max(line["top"] - card_box["bottom"], card_box["top"] - line["bottom"])
        return 0 <= gap < 30 and not _intersects(card_box, line)

    WebDriverWait(reader.driver, 3, poll_frequency=0.05).until(
        lambda _: beside_its_term(),
        f"the card stayed where it was: {reader.rects(card)['box']}, its term now at {term_top()}")


def test_card_stays_open_under_the_pointer_and_closes_when_it_leaves(reader):
    reader.open_explainer()
    term = reader.decorated_mention("donbas")
    reader.hover(term)
    card = reader.wait_for_card("donbas")

    reader.hover(card, scroll=False)
    assert reader.card_stays_open("donbas", seconds=1.0), "card closed while the pointer was on it"

    reader.move_mouse_away(term, card)
    reader.wait_for_no_card("donbas")


def test_keyboard_focus_opens_a_card_and_escape_closes_it_keeping_focus(reader):
    reader.open_explainer()

    term = reader.tab_to_term()
    term_id = term.get_attribute("data-term")
    reader.wait_for_card(term_id)

    reader.press("Escape")
    reader.wait_for_no_card()
    assert reader.cards_stay_closed(0.5), "a card reopened after Escape"
    assert reader.active_element() == term, "Escape moved focus away from the term"


def test_the_keyboard_reaches_a_cards_links_and_goes_on_from_its_term(reader):
    reader.open_explainer()
    term = reader.tab_to_term()
    card = reader.wait_for_card(term.get_attribute("data-term"))
    links = card.find_elements("css selector", "a[href]")
    assert links, "the demo's first term has links in its card"
    # The page's own next stop after the term, the card aside.
    after_term = reader.driver.execute_script("""
      const [term, card] = arguments;
      const all = [...document.querySelectorAll('a[href], button, [tabindex]:not([tabindex="-1"])')]
        .filter((el) => el.getClientRects().length && !card.contains(el));
      return all[all.indexOf(term) + 1];""", term, card)

    reader.press("Tab")
    assert reader.active_element() == links[0], "Tab from the term goes into its card"
    reader.driver.execute_script("arguments[0].focus()", links[-1])
    reader.press("Tab")
    assert reader.active_element() == after_term, "Tab from the card goes on from the term"

    # Focus left the card (to the next stop, which may close it): it is
    # drawn anew when the term has focus again.
    reader.focus(term)
    card = reader.wait_for_card(term.get_attribute("data-term"))
    links = card.find_elements("css selector", "a[href]")
    reader.press("Tab")
    ActionChains(reader.driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
    assert reader.active_element() == term, "Shift+Tab from the card's first link goes back"

    # One Escape from inside the card closes it, back on the term.
    reader.press("Tab")
    assert reader.active_element() == links[0]
    reader.press("Escape")
    assert reader.cards_stay_closed(0.5), "the card reopened when focus went back to its term"
    assert reader.active_element() == term


def test_a_card_taller_than_the_window_is_read_to_its_end_by_keyboard(reader):
    # A window zoomed to 400 % (320 x 256 CSS px): the demo's first card
    # does not fit, and has nothing before its links to stop at.
    reader.driver.set_window_size(320, 256 + reader.driver.execute_script(
        "return window.outerHeight - window.innerHeight"))
    reader.open_explainer()
    # (And large type, as a reader may set: a window a driver cannot make
    # that small still gets a card taller than it.)
    reader.driver.execute_script(
        "document.querySelector('.gloss').style.setProperty('--gloss-font-size', '40px')")
    term = reader.tab_to_term()
    card = reader.wait_for_card(term.get_attribute("data-term"))
    overflows = "return arguments[0].scrollHeight > arguments[0].clientHeight + 1"
    assert reader.driver.execute_script(overflows, card), "the card fits: nothing to test"
    reader.press("Tab")
    assert reader.active_element() == card, "Tab from the term goes to the card itself"
    for _ in range(3):
        reader.press(Keys.ARROW_DOWN)
    assert reader.driver.execute_script("return arguments[0].scrollTop > 0", card), \
        "the arrow keys scroll the card"
    reader.press(Keys.END)
    at_end = ("const c = arguments[0];"
              "return c.scrollTop > 0 && c.scrollTop + c.clientHeight >= c.scrollHeight - 2")
    assert reader.driver.execute_script(at_end, card), "the keys scroll the card to its end"
    # Then on to its links, and back to the term.
    reader.press("Tab")
    links = card.find_elements("css selector", "a[href]")
    assert reader.active_element() == links[0]
    # Shift+Tab retraces the way in: the card, then the term.
    ActionChains(reader.driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
    assert reader.active_element() == card, "Shift+Tab from the first link goes to the card"
    ActionChains(reader.driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
    assert reader.active_element() == term, "Shift+Tab from the card goes to its term"


def test_a_term_of_several_words_wraps_between_them(reader):
    # A decorated mention was a <button>, laid out as one box: on a phone
    # "Institute for the Study of War" jumped whole to the next line and
    # left a third of the line before it empty.
    reader.driver.set_window_size(375, 812)
    reader.open_explainer()
    term = next(t for t in reader.decorated_mentions("isw") if " " in t.text.strip())
    lines = reader.driver.execute_script("""
      const term = arguments[0];
      term.parentElement.closest('p, li').style.width = '16ch';
      return [...term.getClientRects()].map((r) => Math.round(r.width));""", term)
    assert len(lines) >= 2, f"the term is one box of {lines} px"
    # Still a control: Enter opens its card.
    reader.focus(term)
    reader.press(Keys.ENTER)
    reader.wait_for_card("isw")
    assert term.get_attribute("aria-expanded") == "true"
    assert term.get_attribute("role") == "button"


def test_on_a_narrow_window_a_card_stays_clear_of_the_scrollbar(reader):
    # `100vw` counts a classic scrollbar in (Firefox's and Chromium's on
    # Linux): a card as wide as the window allows ran 4 px under it.
    reader.driver.set_window_size(320, 640)
    reader.open_explainer()
    term = reader.decorated_mention("donbas")
    reader.scroll_to(term)
    term.click()
    card = reader.wait_for_card("donbas")
    left, right, room = reader.driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return [r.left, r.right, document.documentElement.clientWidth];", card)
    assert 7 <= left and right <= room - 7, f"the card spans {left}-{right} of {room} px"


def test_a_clicked_card_stays_open_when_its_own_text_is_clicked(reader):
    reader.open_explainer()
    term = reader.decorated_mention("donbas")
    term.click()
    card = reader.wait_for_card("donbas")
    card.find_element("css selector", ".gloss-card-summary").click()
    assert reader.card_stays_open("donbas", seconds=0.6), "clicking the card's text closed it"


def test_tap_opens_a_card_and_tapping_elsewhere_closes_it(reader):
    reader.open_explainer()
    term = reader.decorated_mention("donbas")

    reader.tap(term)
    card = reader.wait_for_card("donbas")
    assert reader.card_stays_open("donbas", seconds=0.5), "card closed on its own after a tap"

    reader.tap_elsewhere(term, card)
    reader.wait_for_no_card("donbas")


def test_a_second_tap_on_the_term_closes_its_card(reader):
    reader.open_explainer()
    term = reader.decorated_mention("novorossiya")

    reader.tap(term)
    reader.wait_for_card("novorossiya")
    reader.tap(term)
    reader.wait_for_no_card("novorossiya")


def test_src_query_loads_another_explainer(reader, demo, other_explainer):
    reader.open_explainer(query=f"src={other_explainer.src}")

    assert reader.state == "ready", f"{other_explainer.src} failed to load: {reader.alerts()}"
    titles = reader.headings(1)
    assert normalize(other_explainer.title) in titles
    assert normalize(demo.title) not in titles


def test_missing_source_shows_an_error_naming_404(reader):
    reader.open_explainer(query="src=explainers/does-not-exist.md")

    assert reader.state == "error"
    alerts = reader.alerts()
    assert alerts, 'no [role="alert"] inside .gloss'
    assert any("404" in text for text in alerts), f"no alert mentions 404: {alerts}"


def test_demo_logs_no_console_errors(reader, engine):
    if not hasattr(reader.driver, "get_log"):
        pytest.skip(f"{engine}: its driver exposes no console log "
                    "(goog:loggingPrefs / get_log is Chromium-only)")
    reader.open_explainer()
    assert reader.state == "ready", f"demo failed to load: {reader.alerts()}"
    reader.hover(reader.decorated_mention("donbas"))
    reader.wait_for_card("donbas")

    errors = [entry["message"] for entry in reader.driver.get_log("browser")
              if entry["level"] == "SEVERE"]
    assert not errors, "console errors:\n" + "\n".join(errors)


def test_dist_works_from_a_sub_path(reader, demo, sub_path_base_url):
    # Served only under /sub/path/: any absolute URL in the dist is a 404.
    reader.open_explainer(path="", base_url=sub_path_base_url)

    assert reader.state == "ready", f"demo failed under {sub_path_base_url}: {reader.alerts()}"
    assert normalize(demo.title) in reader.headings(1)
    assert reader.mentions("donbas")


# For each decorated mention followed by punctuation, the widths (of the
# widget) at which that punctuation starts a line of its own.
_PUNCTUATION_WRAPS = """
const root = arguments[0], widths = arguments[1];
const stuck = [];
for (const term of root.querySelectorAll('.gloss-body span.gloss-term')) {
  const walker = document.createTreeWalker(term.closest('p, li, td, th, h2, h3, h4') || root,
                                           NodeFilter.SHOW_TEXT);
  walker.currentNode = term;
  let text = null;
  while ((text = walker.nextNode()) && term.contains(text)) {}
  if (text && text.data && /^[^\\p{L}\\p{N}\\s]/u.test(text.data)) stuck.push([term, text]);
}
const wrapped = [];
for (const w of widths) {
  root.style.width = w + 'px';
  for (const [term, text] of stuck) {
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 1);
    const rects = term.getClientRects();
    const last = rects[rects.length - 1];
    if (range.getBoundingClientRect().top >= last.bottom - 1)
      wrapped.push(w + ':' + term.textContent + text.data[0]);
  }
}
root.style.width = '';
return [stuck.length, wrapped];
"""


def test_punctuation_after_a_term_never_starts_a_line(reader):
    root = reader.open_explainer()
    count, wrapped = reader.driver.execute_script(
        _PUNCTUATION_WRAPS, root, list(range(240, 520, 1)))
    # The demo has terms followed by commas and full stops; without them
    # this test would check nothing.
    assert count >= 3, count
    assert not wrapped, f"punctuation wrapped away from its term at: {wrapped[:10]}"
