"""End-to-end tests of what an author's structure gives the reader
(tests/e2e/fixtures/sections.md): headings that links can point at, a
footnote that keeps the selection, a speaker's quotes beside the roving
list, people in no group, a list in a card, the sidebar keeping the
selected event in view, and event passages that hold a term.
"""

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from explainer import normalize

SOURCE = "src=__fixtures__/sections.md"
WAIT = 5


def open_sections(reader):
    reader.open_explainer(query=SOURCE)
    assert reader.state == "ready", reader.alerts()
    return reader.root.find_element(By.CSS_SELECTOR, ".gloss-frame").get_attribute("id").removesuffix("-frame")


def rect(reader, el) -> dict:
    return reader.driver.execute_script("return arguments[0].getBoundingClientRect().toJSON()", el)


def settle(reader):
    """Two frames and a task: long enough for a hashchange to be handled."""
    reader.driver.execute_async_script(
        "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)));")


def test_a_link_to_a_section_goes_to_its_heading_on_the_page(reader):
    key = open_sections(reader)
    # Anchors from the heading's text or the author's `{#dates}`, under
    # the widget's key.
    end = reader.root.find_element(By.ID, f"{key}--the-end")
    assert end.tag_name == "h2" and normalize(end.text) == "The end"
    dates = reader.root.find_element(By.ID, f"{key}--dates")
    assert normalize(dates.text) == "Dates", "the attribute block is not shown"
    page = reader.driver.current_url.split("#")[0]
    link = reader.root.find_element(By.LINK_TEXT, "the last section")
    assert link.get_attribute("href") == f"{page}#{key}--the-end"
    assert reader.root.find_element(By.LINK_TEXT, "the dates").get_attribute("href") == f"{page}#{key}--dates"
    # Written percent-encoded, as a copied link is (`%74` is `t`).
    encoded = reader.root.find_element(By.LINK_TEXT, "the end, encoded")
    assert encoded.get_attribute("href") == f"{page}#{key}--the-end"
    reader.scroll_to(link)
    link.click()
    WebDriverWait(reader.driver, WAIT, poll_frequency=0.05).until(
        lambda d: 0 <= rect(reader, end)["top"] < d.execute_script("return innerHeight"))
    assert reader.driver.current_url == f"{page}#{key}--the-end", "the reader stays on the page"
    assert reader.state == "ready"


def test_following_a_footnote_keeps_the_selection(reader):
    open_sections(reader)
    speaker = reader.root.find_element(By.CSS_SELECTOR, '[data-speaker="ana"]')
    reader.scroll_to(speaker)
    speaker.click()
    assert speaker.get_attribute("aria-pressed") == "true"
    note = reader.root.find_element(By.CSS_SELECTOR, ".gloss-fnref a")
    reader.scroll_to(note)
    note.click()
    WebDriverWait(reader.driver, WAIT, poll_frequency=0.05).until(
        lambda d: d.current_url.endswith("-fn1"))
    settle(reader)
    assert speaker.get_attribute("aria-pressed") == "true"
    assert reader.root.find_elements(By.CSS_SELECTOR, '.gloss-quote[data-active]')


def test_a_note_referenced_twice_links_back_to_each_reference(reader):
    open_sections(reader)
    refs = reader.root.find_elements(By.CSS_SELECTOR, ".gloss-fnref a")
    assert len(refs) == 2, "sections.md refers to its note twice"
    ids = [r.get_attribute("id") for r in refs]
    assert len(set(ids)) == 2, f"each reference has an id of its own: {ids}"
    for ref_id in ids:
        assert len(reader.driver.find_elements(By.ID, ref_id)) == 1
    back = reader.root.find_elements(By.CSS_SELECTOR, ".gloss-footnotes .gloss-backref")
    assert [b.get_attribute("href").split("#")[1] for b in back] == ids
    assert len({b.get_attribute("aria-label") for b in back}) == 2, "the links back are told apart"
    reader.scroll_to(back[1])
    back[1].click()
    # The second reference, not the first (far above it), comes into view.
    WebDriverWait(reader.driver, WAIT, poll_frequency=0.05).until(
        lambda d: 0 <= rect(reader, refs[1])["top"] < d.execute_script("return innerHeight")
        and rect(reader, refs[0])["bottom"] < 0)


def test_a_tight_list_is_not_spaced_as_paragraphs(reader):
    open_sections(reader)
    items = reader.root.find_elements(By.CSS_SELECTOR, ".gloss-body ul li")
    texts = [normalize(i.text) for i in items]
    assert texts[-2:] == ["the old client", "the old docs"], texts
    gap = items[-1].rect["y"] - items[-2].rect["y"]
    line = float(reader.driver.execute_script(
        "return parseFloat(getComputedStyle(arguments[0]).lineHeight)", items[-1]))
    assert gap < line * 1.3, (gap, line)


def test_arrow_keys_on_a_quote_leave_it_where_it_is(reader):
    open_sections(reader)
    quotes = reader.root.find_elements(By.CSS_SELECTOR, ".gloss-quote-jump")
    assert len(quotes) == 2
    reader.scroll_to(quotes[1])
    reader.focus(quotes[1])
    for key in ("ARROW_DOWN", "ARROW_UP", "HOME"):
        reader.press(key)
        assert reader.active_element() == quotes[1], key
    # From a speaker, the arrows still move between speakers.
    first = reader.root.find_element(By.CSS_SELECTOR, "[data-speaker]")
    reader.focus(first)
    reader.press("ARROW_DOWN")
    assert reader.active_element().get_attribute("data-speaker") != first.get_attribute("data-speaker")


def test_people_in_no_group_are_not_filed_under_another(reader):
    open_sections(reader)
    groups = reader.root.find_elements(By.CSS_SELECTOR, ".gloss-group")
    assert len(groups) == 2
    # Noor has no group: listed first, with no heading over her.
    assert not groups[0].find_elements(By.CSS_SELECTOR, ".gloss-group-name")
    assert [s.get_attribute("data-speaker") for s in groups[0].find_elements(By.CSS_SELECTOR, "[data-speaker]")] == ["noor"]
    assert normalize(groups[1].find_element(By.CSS_SELECTOR, ".gloss-group-name").text) == "Officials"


def test_an_image_shows_its_alt_text_and_title(reader):
    open_sections(reader)
    image = reader.root.find_element(By.CSS_SELECTOR, ".gloss-body img")
    assert image.get_attribute("alt") == "a grey dot"
    assert image.get_attribute("title") == "A grey dot"


def open_api_card(reader):
    open_sections(reader)
    term = reader.decorated_mention("api")
    reader.scroll_to(term)
    term.click()
    return reader.wait_for_card("api")


def test_a_list_in_a_card_keeps_its_items_apart(reader):
    card = open_api_card(reader)
    lines = [normalize(line) for line in card.find_element(By.CSS_SELECTOR, ".gloss-card-summary").text.split("\n")]
    assert lines == ["Two ways to call it:", "• one way", "• two ways"], lines


def test_words_longer_than_their_box_break_in_cards_and_the_sidebar(reader):
    card = open_api_card(reader)
    # A link label that is one long address, and a speaker's role that is
    # one long word: each wraps inside its box, nothing scrolls sideways.
    for box in (card, reader.root.find_element(By.CSS_SELECTOR, ".gloss-side")):
        widths = reader.driver.execute_script(
            "return [arguments[0].scrollWidth, arguments[0].clientWidth]", box)
        assert widths[0] <= widths[1] + 1, (box.get_attribute("class"), widths)
    role = reader.root.find_element(By.CSS_SELECTOR, '[data-speaker="noor"]')
    inside = reader.driver.execute_script(
        "const [r, s] = [arguments[0].getBoundingClientRect(), arguments[1].getBoundingClientRect()];"
        "return r.right <= s.right + 1;", role, reader.root.find_element(By.CSS_SELECTOR, ".gloss-side"))
    assert inside


def test_an_event_chosen_in_the_article_is_shown_in_the_sidebar(reader):
    open_sections(reader)
    side = reader.root.find_element(By.CSS_SELECTOR, ".gloss-side")
    if rect(reader, side)["left"] < rect(reader, reader.root.find_element(By.CSS_SELECTOR, ".gloss-article"))["right"]:
        raise AssertionError("the window is wide enough for the sidebar layout")
    passage = reader.root.find_element(By.CSS_SELECTOR, '[data-event-ref="e30"]')
    reader.scroll_to(passage)
    passage.click()
    entry = reader.root.find_element(By.CSS_SELECTOR, '[data-event="e30"]')
    assert entry.get_attribute("aria-pressed") == "true"
    WebDriverWait(reader.driver, WAIT, poll_frequency=0.05).until(
        lambda _: rect(reader, side)["top"] <= rect(reader, entry)["top"]
        and rect(reader, entry)["bottom"] <= rect(reader, side)["bottom"])


def test_a_term_in_an_event_passage_opens_its_card_and_leaves_the_event_alone(reader):
    open_sections(reader)
    passage = reader.root.find_element(By.CSS_SELECTOR, '[data-event-ref="e29"]')
    term = passage.find_element(By.CSS_SELECTOR, '.gloss-term[data-term="api"]')
    entry = reader.root.find_element(By.CSS_SELECTOR, '[data-event="e29"]')
    reader.scroll_to(term)
    term.click()
    reader.wait_for_card("api")
    assert entry.get_attribute("aria-pressed") == "false", "the term's click chose the event"
    reader.press("Escape")
    passage.find_element(By.CSS_SELECTOR, ".gloss-event-chip").click()
    assert entry.get_attribute("aria-pressed") == "true"
    term.click()
    reader.wait_for_card("api")
    assert entry.get_attribute("aria-pressed") == "true", "the term's click undid the choice"


def test_escape_clears_an_event_chosen_by_clicking_its_passage(reader):
    open_sections(reader)
    passage = reader.root.find_element(By.CSS_SELECTOR, '[data-event-ref="e28"]')
    reader.scroll_to(passage)
    # The passage's first line, at its start: its text, not its date.
    line = reader.rects(passage)["lines"][0]
    reader.move_mouse_to(line["left"] + 4, (line["top"] + line["bottom"]) / 2)
    reader.driver.execute_script("document.activeElement && document.activeElement.blur()")
    ActionChains(reader.driver).click().perform()
    entry = reader.root.find_element(By.CSS_SELECTOR, '[data-event="e28"]')
    WebDriverWait(reader.driver, WAIT, poll_frequency=0.05).until(
        lambda _: entry.get_attribute("aria-pressed") == "true")
    reader.press("Escape")
    WebDriverWait(reader.driver, WAIT, poll_frequency=0.05).until(
        lambda _: entry.get_attribute("aria-pressed") == "false")


def test_the_people_lists_tab_stop_is_the_first_person_shown(reader):
    # Noor (in no group, declared second) is shown before Ana's group: Tab
    # went to Ana first, skipping the person at the top of the list.
    open_sections(reader)
    shown = reader.root.find_elements(By.CSS_SELECTOR, "[data-speaker]")
    assert shown[0].get_attribute("data-speaker") == "noor", "setup: the person in no group comes first"
    assert [s.get_attribute("tabindex") for s in shown] == ["0", "-1"]


def test_after_following_its_own_footnote_the_widget_still_writes_its_state(reader):
    # The fragment was the footnote's anchor (the widget's own id), which
    # the widget took for the page's and so never wrote its state again:
    # a link copied then lost the selection.
    key = open_sections(reader)
    note = reader.root.find_element(By.CSS_SELECTOR, ".gloss-fnref a")
    reader.scroll_to(note)
    note.click()
    WebDriverWait(reader.driver, 5, poll_frequency=0.05).until(
        lambda d: d.current_url.split("#")[-1].startswith(key + "-"), reader.driver.current_url)
    person = reader.root.find_element(By.CSS_SELECTOR, '[data-speaker="ana"]')
    reader.scroll_to(person)
    person.click()
    WebDriverWait(reader.driver, 5, poll_frequency=0.05).until(
        lambda d: d.current_url.split("#")[-1] == f"{key}.speaker=ana", reader.driver.current_url)


def test_selecting_text_in_an_event_passage_does_not_choose_the_event(reader):
    open_sections(reader)
    passage = reader.root.find_element(By.CSS_SELECTOR, '.gloss-body [data-event-ref="e28"]')
    entry = reader.root.find_element(By.CSS_SELECTOR, '[data-event="e28"]')
    reader.scroll_to(passage)
    # Across the words of its first line, by the mouse.
    line = reader.driver.execute_script(
        "const r = arguments[0].getClientRects()[0]; return [r.left, r.top, r.width, r.height];", passage)
    y = line[1] + line[3] / 2
    drag = ActionBuilder(reader.driver)
    drag.pointer_action.move_to_location(int(line[0] + 2), int(y)).pointer_down() \
        .move_to_location(int(line[0] + min(line[2] - 2, 60)), int(y)).pointer_up()
    drag.perform()
    settle(reader)
    selected = reader.driver.execute_script("return String(getSelection())")
    assert selected.strip(), "setup: the drag selected text"
    assert entry.get_attribute("aria-pressed") == "false", f"chosen by selecting {selected!r}"
    # A plain click still chooses it (once nothing is selected: a click on
    # selected text keeps the selection until it is over).
    reader.driver.execute_script("getSelection().removeAllRanges()")
    ActionChains(reader.driver).move_to_element(passage).click().perform()
    WebDriverWait(reader.driver, 5, poll_frequency=0.05).until(
        lambda _: entry.get_attribute("aria-pressed") == "true")
