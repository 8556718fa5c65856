"""End-to-end tests of the people sidebar, the chronology and the one
selection that links them to the article (DESIGN.md sections 3-4): by mouse
and by keyboard, the URL fragment round trip, and a phone-sized widget.

Ids come from the demo's front matter, so the tests follow the data.
"""

import json
import re
import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from explainer import normalize

WAIT = 5


def css(value: str) -> str:
    return json.dumps(value)


def find(reader, selector: str):
    return reader.driver.find_elements(By.CSS_SELECTOR, ".gloss " + selector)


def one(reader, selector: str):
    found = find(reader, selector)
    assert found, f"nothing matches {selector!r}"
    return found[0]


def wait_until(reader, predicate, message: str):
    try:
        WebDriverWait(reader.driver, WAIT, poll_frequency=0.05).until(lambda _: predicate())
    except Exception:
        raise AssertionError(message) from None


def active(reader, selector: str) -> list:
    return find(reader, selector + "[data-active]")


def events_with_speaker(demo, speaker: str) -> set:
    return {e["id"] for e in demo.front_matter["events"] if speaker in e.get("speakers", [])}


def in_viewport(reader, el) -> bool:
    return reader.driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return r.bottom > 0 && r.top < window.innerHeight;", el)


def test_choosing_a_speaker_highlights_their_quotes_mentions_and_events(reader, demo):
    reader.open_explainer()
    one(reader, '[data-speaker="putin"]').click()

    quotes = active(reader, '[data-quote][data-speaker-ref="putin"]')
    assert len(quotes) == 2, "both of Putin's quotes light up"
    assert active(reader, '[data-speaker-ref="putin"]:not([data-quote])'), "his mentions light up"
    lit = {el.get_attribute("data-event") for el in active(reader, "[data-event]")}
    assert lit == events_with_speaker(demo, "putin")
    assert not active(reader, '[data-speaker-ref="trump"]'), "nobody else lights up"
    assert one(reader, '[data-speaker="putin"]').get_attribute("aria-pressed") == "true"

    one(reader, '[data-speaker="putin"]').click()
    assert not active(reader, "[data-speaker-ref]"), "choosing again clears"


def test_choosing_an_event_scrolls_to_and_highlights_its_passage(reader, demo):
    reader.open_explainer()
    event = next(e for e in demo.front_matter["events"] if e["id"] == "moscow-talks")
    one(reader, '[data-event="moscow-talks"]').click()

    passage = one(reader, '[data-event-ref="moscow-talks"]')
    wait_until(reader, lambda: in_viewport(reader, passage), "the passage scrolled into view")
    assert passage.get_attribute("data-active") is not None
    lit = {el.get_attribute("data-speaker") for el in active(reader, "[data-speaker]")}
    assert lit == set(event["speakers"]), "the event's speakers light up in the sidebar"
    for term in event.get("terms", []):
        assert active(reader, f"[data-term={css(term)}]"), f"mentions of {term} light up"


def test_everything_works_by_keyboard(reader, demo):
    reader.open_explainer()
    # The people list is one Tab stop; arrows move inside it.
    first_speaker = one(reader, "[data-speaker]")
    reader.driver.execute_script("document.activeElement && document.activeElement.blur()")
    for _ in range(80):
        reader.press("Tab")
        if reader.active_element().get_attribute("data-speaker") is not None:
            break
    assert reader.active_element() == first_speaker, "Tab reaches the first person"
    reader.press("arrow_down")
    second = find(reader, "[data-speaker]")[1]
    assert reader.active_element() == second
    reader.press("home")
    assert reader.active_element() == first_speaker
    reader.press("Enter")
    speaker = first_speaker.get_attribute("data-speaker")
    assert active(reader, f"[data-speaker-ref={css(speaker)}]"), "Enter selects"
    reader.press("Escape")
    assert not active(reader, "[data-speaker-ref]"), "Escape clears"

    # The chronology is one Tab stop too: Tab once more, then End and Enter.
    reader.press("Tab")
    while reader.active_element().get_attribute("data-event") is None:
        reader.press("Tab")
    events = find(reader, "[data-event]")
    assert reader.active_element() == events[0]
    # Page Down and Page Up move by ten events (never past either end).
    reader.press("page_down")
    assert reader.active_element() == events[min(10, len(events) - 1)]
    reader.press("page_up")
    assert reader.active_element() == events[0]
    reader.press("end")
    assert reader.active_element() == events[-1]
    reader.press("page_down")
    assert reader.active_element() == events[-1]
    reader.press("arrow_up")
    assert reader.active_element() == events[-2]
    reader.press(" ")
    chosen = events[-2].get_attribute("data-event")
    assert events[-2].get_attribute("aria-pressed") == "true", "Space selects"
    refs = find(reader, f"[data-event-ref={css(chosen)}]")
    assert all(r.get_attribute("data-active") is not None for r in refs)


def text_of(el) -> str:
    return normalize(el.get_attribute("textContent"))


def test_an_event_passage_ends_with_its_date_a_button_that_selects_it(reader, demo):
    reader.open_explainer()
    passages = find(reader, "[data-event-ref]")
    body = demo.path.read_text(encoding="utf-8").split("+++")[-1]
    assert len(passages) == len(re.findall(r"\]\(event:", body)), "every passage is drawn"
    for passage in passages:
        event = passage.get_attribute("data-event-ref")
        chip = passage.find_element(By.CSS_SELECTOR, "button.gloss-event-chip")
        date = text_of(one(reader, f"[data-event={css(event)}] .gloss-event-date"))
        title = text_of(one(reader, f"[data-event={css(event)}] .gloss-event-title"))
        assert text_of(chip) == date, f"the passage about {event} shows its date"
        assert normalize(chip.get_attribute("aria-label")) == f"{date}: {title}", \
            "its name begins with what it shows and says which event it is"

    # By keyboard: the date is a Tab stop; Enter selects, Space clears.
    chip = one(reader, '[data-event-ref="moscow-talks"] .gloss-event-chip')
    reader.scroll_to(chip)
    reader.driver.execute_script("arguments[0].focus()", chip)
    assert reader.active_element() == chip
    reader.press("Enter")
    entry = one(reader, '[data-event="moscow-talks"]')
    wait_until(reader, lambda: entry.get_attribute("aria-pressed") == "true", "Enter selects the event")
    assert chip.get_attribute("aria-pressed") == "true"
    assert all(p.get_attribute("data-active") is not None
               for p in find(reader, '[data-event-ref="moscow-talks"]'))
    reader.press(" ")
    wait_until(reader, lambda: entry.get_attribute("aria-pressed") == "false", "Space clears it")
    assert chip.get_attribute("aria-pressed") == "false"


def test_copying_a_passage_leaves_its_date_button_out(reader):
    # The date is the widget's control, not the author's text: a quote
    # pasted elsewhere read "India Today December 4, 2025, President".
    reader.open_explainer()
    chip = one(reader, ".gloss-event-chip")
    copied = reader.driver.execute_script(
        "const p = arguments[0].closest('p'), range = document.createRange();"
        "range.selectNodeContents(p);"
        "getSelection().removeAllRanges(); getSelection().addRange(range);"
        "return getSelection().toString();", chip)
    passage = chip.find_element(By.XPATH, "ancestor::*[@data-event-ref][1]")
    assert text_of(chip) not in copied, copied
    assert normalize(passage.text).replace(text_of(chip), "").split()[0] in copied
    assert not re.search(r"\s[,.;:]", copied), f"a space left before punctuation: {copied!r}"


def test_arrow_keys_stay_inside_the_widget(reader):
    reader.open_explainer()
    reader.driver.execute_script("window.scrollTo(0, 0)")
    reader.press("arrow_down")
    assert reader.active_element().get_attribute("data-event") is None, \
        "no page-wide arrow-key listener moves focus into the chronology"


def test_selection_and_open_term_round_trip_through_the_url(reader, demo):
    reader.open_explainer()
    one(reader, '[data-speaker="ushakov"]').click()
    wait_until(reader, lambda: "speaker=ushakov" in reader.driver.current_url, "the URL records the speaker")
    url = reader.driver.current_url

    reader.driver.get("about:blank")
    reader.driver.get(url)
    WebDriverWait(reader.driver, 20).until(lambda _: reader.state == "ready")
    wait_until(reader, lambda: bool(active(reader, '[data-speaker-ref="ushakov"]')),
               "the selection is restored from the URL")
    assert one(reader, '[data-speaker="ushakov"]').get_attribute("aria-pressed") == "true"

    # A fresh load, as from a pasted link (not a same-document fragment change).
    reader.driver.get("about:blank")
    reader.driver.get(reader.base_url + "index.html#gloss-1.term=isw")
    WebDriverWait(reader.driver, 20).until(lambda _: reader.state == "ready")
    card = reader.wait_for_card("isw")
    # Where the reader can see it, beside its term (far down the article).
    term = one(reader, '.gloss-term[data-term="isw"][aria-expanded="true"]')
    wait_until(reader, lambda: in_viewport(reader, term) and in_viewport(reader, card),
               "the shared card and its term are in view")


def test_a_shared_link_to_a_heading_scrolls_to_it_once_the_widget_has_drawn_it(reader):
    # Loaded from its Markdown (not prerendered): the browser finds no such
    # heading when the page loads.
    reader.open_explainer(query="src=explainers/donbas.md")
    headings = find(reader, ".gloss-body h2")
    middle = len(headings) // 2
    url = reader.base_url + "index.html?src=explainers/donbas.md#" + headings[middle].get_attribute("id")
    reader.driver.get("about:blank")
    reader.driver.get(url)
    WebDriverWait(reader.driver, 20).until(lambda _: reader.state == "ready")
    heading = find(reader, ".gloss-body h2")[middle]
    at_top = ("const top = arguments[0].getBoundingClientRect().top, end = document.documentElement;"
              "return Math.abs(top) < 40"
              # (Or as near as the page can scroll.)
              " || (top > 0 && scrollY + innerHeight >= end.scrollHeight - 2);")
    wait_until(reader, lambda: reader.driver.execute_script(at_top, heading),
               f"the page scrolled to the heading (it is at {reader.rects(heading)['box']['top']})")


def test_a_route_or_anchor_the_page_keeps_in_the_fragment_is_left_alone(reader):
    for n, page_fragment in enumerate(("#/articles/42", "#chapter-3")):
        # A page of its own each time (a change of fragment alone would
        # keep the page, and with it the selection).
        reader.open_explainer(path=f"index.html?visit={n}{page_fragment}")
        speaker = one(reader, '[data-speaker="ushakov"]')
        reader.scroll_to(speaker)
        speaker.click()
        wait_until(reader, lambda: speaker.get_attribute("aria-pressed") == "true", "the speaker is selected")
        # Selecting writes the URL in the same task; give it one more.
        reader.driver.execute_script("return new Promise((done) => setTimeout(done, 50))")
        assert reader.driver.execute_script("return location.hash") == page_fragment


def test_the_pages_history_state_survives_a_selection(reader):
    # Routers (React Router, Vue Router, Next.js) keep their key there.
    reader.open_explainer()
    reader.driver.execute_script("history.pushState({route: 'r2', key: 'abc'}, '', '?page=2')")
    speaker = one(reader, '[data-speaker="ushakov"]')
    reader.scroll_to(speaker)
    speaker.click()
    wait_until(reader, lambda: "speaker=ushakov" in reader.driver.current_url, "the URL records the speaker")
    assert reader.driver.execute_script("return history.state") == {"route": "r2", "key": "abc"}


def test_pointing_at_a_passage_previews_its_event(reader):
    reader.open_explainer()
    passage = one(reader, '[data-event-ref="moscow-talks"]')
    reader.scroll_to(passage)
    line = reader.rects(passage)["lines"][-1]
    reader.move_mouse_to((line["left"] + line["right"]) / 2, (line["top"] + line["bottom"]) / 2)
    wait_until(reader, lambda: one(reader, '[data-event="moscow-talks"]').get_attribute("data-preview") is not None,
               "the event lights up in the chronology")
    reader.move_mouse_away(passage)
    wait_until(reader, lambda: one(reader, '[data-event="moscow-talks"]').get_attribute("data-preview") is None,
               "the preview ends with the pointer")


def test_a_quote_in_the_sidebar_jumps_to_its_place(reader):
    reader.open_explainer()
    jump = find(reader, '.gloss-quote-jump')[-1]
    reader.scroll_to(jump)
    jump.click()
    focused = reader.active_element()
    assert focused.get_attribute("data-quote") is not None, "focus lands on the quote in the article"
    wait_until(reader, lambda: in_viewport(reader, focused), "the quote is in view")


def test_a_phone_gets_panels_without_horizontal_scrolling(reader):
    reader.driver.set_window_size(375, 812)
    reader.open_explainer()
    width = reader.driver.execute_script("return document.documentElement.scrollWidth")
    viewport = reader.driver.execute_script("return window.innerWidth")
    assert width <= viewport, f"page scrolls sideways: {width} > {viewport}"
    first_speaker = one(reader, "[data-speaker]")
    assert not first_speaker.is_displayed(), "the people panel starts folded"
    toggle = one(reader, ".gloss-people .gloss-panel-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert first_speaker.is_displayed()
    first_speaker.click()
    assert first_speaker.get_attribute("aria-pressed") == "true"


def test_on_a_phone_a_bar_says_what_is_selected_and_lets_the_text_under_it_be_reached(reader, demo):
    reader.driver.set_window_size(375, 812)
    reader.open_explainer()
    assert not find(reader, ".gloss-selection-bar"), "nothing is selected yet"
    chip = one(reader, '[data-event-ref="moscow-talks"] .gloss-event-chip')
    reader.scroll_to(chip)
    chip.click()
    bar = one(reader, ".gloss-selection-bar")
    wait_until(reader, bar.is_displayed, "the bar shows")
    title = next(e["title"] for e in demo.front_matter["events"] if e["id"] == "moscow-talks")
    date = text_of(one(reader, '[data-event="moscow-talks"] .gloss-event-date'))
    said = normalize(bar.text)
    assert normalize(title) in said and date in said, said
    height = reader.viewport()[1]
    box = reader.rects(bar)["box"]
    assert height - 2 <= box["bottom"] <= height + 1, (box, height)

    # A term under the bar takes the pointer, not the bar.
    term = find(reader, ".gloss-body span.gloss-term")[-1]
    line = reader.rects(term)["lines"][0]
    reader.driver.execute_script("window.scrollBy(0, arguments[0])",
                                 (line["top"] + line["bottom"]) / 2 - (box["top"] + box["bottom"]) / 2)
    line = reader.rects(term)["lines"][0]
    box = reader.rects(bar)["box"]
    x, y = line["left"] + 3, (line["top"] + line["bottom"]) / 2
    assert box["top"] < y < box["bottom"], "the term is under the bar"
    reader.move_mouse_to(x, y)
    ActionChains(reader.driver).click().perform()
    reader.wait_for_card(term.get_attribute("data-term"))
    reader.press("Escape")

    bar.find_element(By.CSS_SELECTOR, ".gloss-bar-clear").click()
    wait_until(reader, lambda: not find(reader, ".gloss-selection-bar"), "the bar's button clears")
    assert one(reader, '[data-event="moscow-talks"]').get_attribute("aria-pressed") == "false"


def test_on_a_phone_an_event_chosen_at_the_windows_foot_shows_its_passage(reader, demo):
    # The bar appears over the chosen entry; scrolling the entry clear of
    # it cut short the smooth scroll to the passage, which stayed out of
    # sight far above.
    reader.driver.set_window_size(375, 812)
    reader.open_explainer()
    one(reader, ".gloss-chronology .gloss-panel-toggle").click()
    entry = find(reader, "[data-event]")[-1]
    reader.scroll_to(entry, "end")
    entry.click()
    passage = one(reader, f'.gloss-body [data-event-ref="{entry.get_attribute("data-event")}"]')
    wait_until(reader, lambda: in_viewport(reader, passage), "the passage comes into view")
    # (And stays: nothing scrolls it away once the bar is in place.)
    time.sleep(0.5)
    assert in_viewport(reader, passage), reader.rects(passage)["box"]


COVERED_BY_BAR = """
  const bar = document.querySelector('.gloss .gloss-selection-bar');
  const active = document.activeElement;
  // (Not the bar's own button, a card over the text, or the page.)
  if (!bar || !active || bar.contains(active) || active.closest('.gloss-card')
      || !active.closest('.gloss')) return null;
  const b = bar.getBoundingClientRect(), a = active.getBoundingClientRect();
  return b.height > 0 && a.bottom > b.top + 1 && a.top < b.bottom - 1
    ? active.outerHTML.slice(0, 90) : null;"""


@pytest.mark.parametrize("size", [(375, 812), (640, 450)])
def test_the_bar_never_hides_what_has_focus(reader, size):
    # A phone, and a window zoomed to 200 %: the choice made from the text,
    # then every Tab stop after it, each clear of the bar (WCAG 2.4.11).
    reader.driver.set_window_size(*size)
    reader.open_explainer()
    chip = one(reader, '[data-event-ref="moscow-talks"] .gloss-event-chip')
    # The passage near the bottom of the window, where the bar will be.
    reader.scroll_to(chip, "end")
    reader.focus(chip)
    reader.press("Enter")
    wait_until(reader, lambda: find(reader, ".gloss-selection-bar"), "the bar shows")
    covered = []
    # Every stop to the widget's end (where focus leaves the page, Firefox
    # stops firing focus events at it).
    for stop in range(40):
        if not reader.driver.execute_script("return !!document.activeElement.closest('.gloss')"):
            break
        try:
            wait_until(reader, lambda: not reader.driver.execute_script(COVERED_BY_BAR), "")
        except AssertionError:
            covered.append((stop, reader.driver.execute_script(COVERED_BY_BAR)))
        reader.press("Tab")
    assert not covered, f"under the bar at Tab stops {covered}"


def test_beside_the_article_the_sidebar_says_what_is_selected_and_no_bar_does(reader):
    reader.open_explainer()
    chip = one(reader, '[data-event-ref="moscow-talks"] .gloss-event-chip')
    reader.scroll_to(chip)
    chip.click()
    assert one(reader, '[data-event="moscow-talks"]').get_attribute("aria-pressed") == "true"
    assert not any(bar.is_displayed() for bar in find(reader, ".gloss-selection-bar"))


def test_the_chronology_lists_its_events_only_and_says_how_long_a_break_is(reader, demo):
    # A list of N events is announced as N items: the marks for long
    # stretches without events live inside the event after them.
    reader.open_explainer()
    events = len(demo.front_matter["events"])
    items = find(reader, ".gloss-timeline > li")
    assert len(items) == events, f"{len(items)} list items for {events} events"
    breaks = find(reader, ".gloss-era-break")
    assert breaks, "the demo spans centuries: a break is marked"
    for mark in breaks:
        item = mark.find_element(By.XPATH, "..")
        assert item.find_elements(By.CSS_SELECTOR, "[data-event]"), "a break sits in its event"
        shown = normalize(mark.find_element(By.CSS_SELECTOR, "[aria-hidden=true]").get_attribute("textContent"))
        spoken = normalize(mark.find_element(By.CSS_SELECTOR, ".gloss-visually-hidden").get_attribute("textContent"))
        assert re.fullmatch(r"[\d,]+ years?", shown), shown
        assert spoken == shown + " later", spoken


def test_the_widgets_own_words_follow_the_explainers_language(reader):
    reader.open_explainer(query="src=__fixtures__/french.md")
    assert reader.state == "ready", reader.alerts()

    def text(selector: str) -> str:
        return normalize(one(reader, selector).get_attribute("textContent"))

    assert text(".gloss-people .gloss-panel-title") == "Personnes"
    assert text(".gloss-chronology .gloss-panel-title") == "Chronologie"
    assert text(".gloss-speaker-count") == "1 mention"
    assert text(".gloss-event-badge") == "Projection"
    dates = [normalize(d.get_attribute("textContent")) for d in find(reader, ".gloss-event-date")]
    assert dates[0].startswith("vers 1764"), dates
    assert dates[1] == normalize("mars 2014 – vers mai 2014"), dates
    assert text(".gloss-era-break .gloss-visually-hidden").endswith("plus tard")
    assert one(reader, ".gloss-footnotes").get_attribute("aria-label") == "Notes"
    assert one(reader, ".gloss-backref").get_attribute("aria-label") == "Retour au texte"
    assert text(".gloss-glossary h2") == "Glossaire"


def test_text_saved_decomposed_matches_names_written_composed(reader):
    # decomposed.md's front matter writes "José Müller" and "Besançon" with
    # composed letters, its text with letters and combining accents.
    reader.open_explainer(query="src=__fixtures__/decomposed.md")
    assert one(reader, '[data-speaker-ref="jose"]').text
    assert one(reader, '.gloss-body [data-term="besancon"]').text
