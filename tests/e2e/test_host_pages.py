"""End-to-end tests of Gloss in host pages as they come (DESIGN.md section
2): a flex row that sizes its items by their content, a theme whose rules
are scoped by a class or an id, a scrolling box, a modal dialog, a host
that gets its source after it is in the page, and hosts whose source is
missing or is a web page. Fixture: tests/e2e/fixtures/hosts.html.
"""

import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from explainer import normalize

WIDGETS = ("row", "themed", "scrolled", "modal", "nosrc", "webpage")


def open_hosts(reader):
    reader.driver.get(reader.base_url + "__fixtures__/hosts.html")
    WebDriverWait(reader.driver, 25, poll_frequency=0.1).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, ".gloss[data-gloss-state]")) == len(WIDGETS)
        and not d.find_elements(By.CSS_SELECTOR, '.gloss[data-gloss-state="loading"]'))


def root(reader, host: str):
    return reader.driver.find_element(By.CSS_SELECTOR, f"#{host} > .gloss")


def style(reader, element, prop: str) -> str:
    return reader.driver.execute_script(
        "return getComputedStyle(arguments[0]).getPropertyValue(arguments[1])", element, prop)


def rect(reader, element) -> dict:
    return reader.driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return {top: r.top, bottom: r.bottom, width: r.width, height: r.height};", element)


def test_in_a_flex_row_the_widget_takes_the_room_there_is(reader):
    open_hosts(reader)
    widget = rect(reader, root(reader, "row"))
    # 1280 px window, 16 px page padding, a 200 px column and a 20 px gap:
    # about 1,028 px are free, and the widget wants up to about 60rem.
    assert widget["width"] > 900, widget
    assert widget["height"] < 8000, widget


def test_class_and_id_scoped_host_rules_do_not_reach_in(reader):
    open_hosts(reader)
    widget = root(reader, "themed")
    paragraph = widget.find_element(By.CSS_SELECTOR, ".gloss-body p")
    assert style(reader, paragraph, "text-indent") == "0px"
    assert style(reader, paragraph, "column-count") == "auto"
    assert style(reader, paragraph, "border-top-style") == "none"
    speaker = widget.find_element(By.CSS_SELECTOR, "[data-speaker-ref]")
    assert style(reader, speaker, "border-bottom-style") == "none"
    item = widget.find_element(By.CSS_SELECTOR, ".gloss-side li")
    assert style(reader, item, "display") == "list-item"
    assert style(reader, widget, "padding-top") != "13px"
    term = widget.find_element(By.CSS_SELECTOR, '.gloss-term[data-term="donbas"]')
    reader.focus(term)
    card = reader.wait_for_card("donbas")
    link = card.find_element(By.CSS_SELECTOR, "a")
    assert style(reader, link, "color") != "rgb(0, 255, 0)"
    assert style(reader, link, "background-color") != "rgb(0, 0, 0)"


def test_a_card_follows_its_term_in_a_scrolling_box_and_hides_with_it(reader):
    open_hosts(reader)
    box = reader.driver.find_element(By.CSS_SELECTOR, ".scroller")
    reader.driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", box)
    term = root(reader, "scrolled").find_element(By.CSS_SELECTOR, ".gloss-term[data-term]")
    reader.driver.execute_script(
        "const [box, term] = arguments;"
        "box.scrollTop += term.getBoundingClientRect().top - box.getBoundingClientRect().top - 150;",
        box, term)
    reader.focus(term)
    card = reader.wait_for_card(term.get_attribute("data-term"))
    # Measured once the card's fade-in (which moves it 3 px) has finished.
    reader.driver.execute_async_script(
        "const [card, done] = arguments;"
        "Promise.all(card.getAnimations().map((a) => a.finished)).then(() => done(), () => done());",
        card)
    gap = rect(reader, card)["top"] - rect(reader, term)["bottom"]
    reader.driver.execute_script("arguments[0].scrollTop += 60", box)
    WebDriverWait(reader.driver, 3, poll_frequency=0.05).until(
        lambda _: abs(rect(reader, card)["top"] - rect(reader, term)["bottom"] - gap) < 2)
    # Scrolled out of the box, the term takes its card out of sight too.
    reader.driver.execute_script("arguments[0].scrollTop += 400", box)
    WebDriverWait(reader.driver, 3, poll_frequency=0.05).until(
        lambda _: style(reader, card, "visibility") == "hidden")
    reader.driver.execute_script("arguments[0].scrollTop -= 400", box)
    WebDriverWait(reader.driver, 3, poll_frequency=0.05).until(
        lambda _: style(reader, card, "visibility") == "visible")


def test_the_sidebar_fits_the_scrolling_box_it_sticks_in(reader):
    open_hosts(reader)
    box = reader.driver.find_element(By.CSS_SELECTOR, ".scroller")
    reader.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'start'}); arguments[0].scrollTop = 600;", box)
    side = root(reader, "scrolled").find_element(By.CSS_SELECTOR, ".gloss-side")
    assert style(reader, side, "position") == "sticky", "setup: the box is wide enough for the sidebar"
    box_top, box_bottom = reader.driver.execute_script(
        "const b = arguments[0], top = b.getBoundingClientRect().top + b.clientTop;"
        "return [top, top + b.clientHeight];", box)
    # It was as tall as the window (868 px in this 420 px box): its end,
    # the chronology's last events, could not be seen.
    WebDriverWait(reader.driver, 3, poll_frequency=0.05).until(
        lambda _: rect(reader, side)["bottom"] <= box_bottom + 1,
        f"the sidebar ends below the box: {rect(reader, side)} in {box_top}-{box_bottom}")
    events = side.find_elements(By.CSS_SELECTOR, "[data-event]")
    reader.focus(events[0])
    reader.press(Keys.END)
    assert reader.active_element() == events[-1]
    shown = rect(reader, events[-1])
    assert box_top - 1 <= shown["top"] and shown["bottom"] <= box_bottom + 1, \
        f"the focused event {shown} is outside the box {box_top}-{box_bottom}"


def test_widgets_in_boxes_report_no_error_to_the_page(reader):
    # Fitting the sidebar to its box from inside the ResizeObserver's
    # callback changed what it observed in the same frame: the window got
    # "ResizeObserver loop completed with undelivered notifications", which
    # a page's error monitoring counts, on every load and box resize.
    open_hosts(reader)
    box = reader.driver.find_element(By.CSS_SELECTOR, ".scroller")
    reader.driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", box)
    for height in ("300px", "520px", ""):
        reader.driver.execute_script("arguments[0].style.height = arguments[1];", box, height)
        time.sleep(0.3)
    side = root(reader, "scrolled").find_element(By.CSS_SELECTOR, ".gloss-side")
    assert style(reader, root(reader, "scrolled").find_element(By.CSS_SELECTOR, ".gloss-frame"),
                 "--gloss-view-height").strip() == f"{box.get_property('clientHeight')}px"
    assert side.is_displayed()
    assert reader.driver.execute_script("return window.__errors") == []


def test_escape_clears_a_selection_before_the_hosts_dialog_closes(reader):
    open_hosts(reader)
    reader.driver.execute_script("document.getElementById('dialog').showModal()")
    speaker = root(reader, "modal").find_element(By.CSS_SELECTOR, "[data-speaker]")
    reader.focus(speaker)
    reader.press(Keys.ENTER)
    assert speaker.get_attribute("aria-pressed") == "true"
    dialog_open = "return document.getElementById('dialog').open"
    reader.press("Escape")
    WebDriverWait(reader.driver, 3, poll_frequency=0.05).until(
        lambda _: speaker.get_attribute("aria-pressed") == "false")
    assert reader.driver.execute_script(dialog_open), "the first Escape was the selection's"
    reader.press("Escape")
    WebDriverWait(reader.driver, 3, poll_frequency=0.05).until(
        lambda d: not d.execute_script(dialog_open))


def test_escape_closes_the_card_before_the_hosts_dialog(reader):
    open_hosts(reader)
    reader.driver.execute_script("document.getElementById('dialog').showModal()")
    term = root(reader, "modal").find_element(By.CSS_SELECTOR, ".gloss-term[data-term]")
    reader.focus(term)
    reader.wait_for_card(term.get_attribute("data-term"))
    dialog_open = "return document.getElementById('dialog').open"
    reader.press("Escape")
    reader.wait_for_no_card()
    assert reader.driver.execute_script(dialog_open), "the first Escape was the card's"
    reader.press("Escape")
    WebDriverWait(reader.driver, 3, poll_frequency=0.05).until(
        lambda d: not d.execute_script(dialog_open))


def test_a_host_that_gets_its_source_later_is_mounted(reader):
    open_hosts(reader)
    reader.driver.execute_script("""
        const host = document.createElement('div');
        host.id = 'later';
        document.body.append(host);
        setTimeout(() => host.setAttribute('data-gloss-src', '/explainers/apollo11.md'), 50);
    """)
    WebDriverWait(reader.driver, 15, poll_frequency=0.1).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, '#later > .gloss[data-gloss-state="ready"]'))


def test_a_missing_source_or_a_web_page_is_named_as_such(reader):
    open_hosts(reader)
    for host, expected in (("nosrc", "names no explainer"), ("webpage", "is a web page (text/html)")):
        widget = root(reader, host)
        assert widget.get_attribute("data-gloss-state") == "error", host
        alert = normalize(widget.find_element(By.CSS_SELECTOR, '[role="alert"]').text)
        assert expected in alert, alert


def test_a_host_given_another_source_shows_the_new_explainer(reader, demo, other_explainer):
    # The demo page: prerendered, with its explainer compiled in, so the
    # reader build mounted it; the new source needs the full build.
    reader.open_explainer()
    host = reader.driver.find_element(By.CSS_SELECTOR, "[data-gloss-src]")
    shown = ".gloss h1"

    def switch_to(src: str, title: str):
        reader.driver.execute_script(
            "arguments[0].setAttribute('data-gloss-src', arguments[1])", host, src)
        WebDriverWait(reader.driver, 20, poll_frequency=0.1).until(
            lambda d: [normalize(h.text) for h in host.find_elements(By.CSS_SELECTOR, shown)]
            == [normalize(title)]
            and host.find_elements(By.CSS_SELECTOR, '.gloss[data-gloss-state="ready"]'))
        # One widget: the old one, its prerendered copy and compiled model
        # are gone, not hidden or left behind.
        assert len(host.find_elements(By.CSS_SELECTOR, ".gloss")) == 1
        assert not host.find_elements(By.CSS_SELECTOR, "[data-gloss-prerendered], script[data-gloss-model]")

    frame = host.find_element(By.CSS_SELECTOR, ".gloss-frame").get_attribute("id")
    switch_to(f"explainers/{other_explainer.path.name}", other_explainer.title)
    # The same widget key: a link to its state still finds it.
    assert host.find_element(By.CSS_SELECTOR, ".gloss-frame").get_attribute("id") == frame
    term_id = next(iter(other_explainer.terms))
    reader.hover(reader.decorated_mention(term_id))
    assert normalize(other_explainer.summary(term_id))[:40] in normalize(reader.wait_for_card(term_id).text)

    switch_to(f"explainers/{demo.path.name}", demo.title)


def test_the_host_pages_root_font_size_does_not_shrink_the_widget(reader):
    # Themes that set `html { font-size: 62.5% }` (1rem = 10px) or 10px.
    root_widget = reader.open_explainer()
    measure = """
        const root = arguments[0];
        const size = (sel) => getComputedStyle(root.querySelector(sel)).fontSize;
        // How far the chronology's first dot sits from its axis (both
        // drawn by ::before): none, at any root size.
        const axis = root.querySelector('.gloss-timeline');
        const button = root.querySelector('.gloss-event-button');
        const dot = getComputedStyle(button, '::before');
        const line = getComputedStyle(axis, '::before');
        // (From the list's edge, by computed lengths: at some root sizes
        // the demo page's column is too narrow to show the chronology.)
        const off = parseFloat(getComputedStyle(axis).paddingInlineStart) + parseFloat(dot.left) + parseFloat(dot.width) / 2
            - (parseFloat(line.left) + parseFloat(line.borderInlineStartWidth) / 2);
        return [size('.gloss-body p'), size('.gloss-dek'),
                root.querySelector('.gloss-body').getBoundingClientRect().width,
                Math.round(off)];
    """
    # (The margin and the title follow the column's width, which the demo
    # page sets in rem: they may change with it, as they should.)
    before = reader.driver.execute_script(measure, root_widget)
    assert before[3] == 0, f"the first event's dot is {before[3]} px off the axis"
    for size in ("62.5%", "10px", "24px"):
        reader.driver.execute_script("document.documentElement.style.fontSize = arguments[0]", size)
        assert reader.driver.execute_script(measure, root_widget) == before, size
    # The host scales the widget on purpose with --gloss-font-size.
    reader.driver.execute_script("arguments[0].style.setProperty('--gloss-font-size', '20px')", root_widget)
    scaled = reader.driver.execute_script(measure, root_widget)
    assert scaled[0] == "22.5px", scaled
    assert scaled[3] == 0, f"scaled: the first event's dot is {scaled[3]} px off the axis"


def test_widgets_of_the_two_builds_never_share_a_key(reader, other_explainer):
    # The demo's widget is compiled in (the reader build mounts it); a host
    # added later needs the full build, which mounts widgets of its own.
    reader.open_explainer()
    reader.driver.execute_script("""
        const host = document.createElement('div');
        host.setAttribute('data-gloss-src', arguments[0]);
        document.body.append(host);
    """, f"explainers/{other_explainer.path.name}")
    WebDriverWait(reader.driver, 20, poll_frequency=0.1).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, '.gloss[data-gloss-state="ready"]')) == 2)
    ids = reader.driver.execute_script(
        "return [...document.querySelectorAll('.gloss [id]')].map((e) => e.id)")
    frames = [i for i in ids if i.endswith("-frame")]
    assert len(frames) == 2 and len(set(ids)) == len(ids), (frames, len(ids) - len(set(ids)))


def open_themes(reader):
    reader.driver.get(reader.base_url + "__fixtures__/themes.html")
    WebDriverWait(reader.driver, 25, poll_frequency=0.1).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, '.gloss[data-gloss-state="ready"]')) == 4)


def test_the_host_chooses_the_colour_scheme(reader):
    # Whatever the reader's system says (light here), a host can ask for
    # either palette.
    open_themes(reader)
    assert style(reader, root(reader, "dark"), "background-color") == "rgb(23, 22, 20)"
    assert style(reader, root(reader, "dark"), "color") == "rgb(236, 231, 223)"
    assert style(reader, root(reader, "light"), "background-color") == "rgb(255, 253, 249)"
    assert style(reader, root(reader, "light"), "color") == "rgb(29, 27, 24)"


def test_a_host_that_sets_only_its_two_colours_gets_readable_cards_and_highlights(reader):
    open_themes(reader)
    widget = root(reader, "vars")
    term = widget.find_element(By.CSS_SELECTOR, '.gloss-term[data-term="api"]')
    reader.scroll_to(term)
    term.click()
    card = reader.wait_for_card("api")
    assert style(reader, card, "background-color") == "rgb(17, 17, 17)"
    assert style(reader, card, "color") == "rgb(238, 238, 238)"
    reader.press("Escape")
    speaker = widget.find_element(By.CSS_SELECTOR, '[data-speaker="ana"]')
    reader.scroll_to(speaker)
    speaker.click()
    quote = widget.find_element(By.CSS_SELECTOR, ".gloss-quote[data-active]")
    # The marker's own dark text, not the host's light one.
    assert style(reader, quote, "background-color") == "rgb(255, 241, 184)"
    assert style(reader, quote, "color") == "rgb(29, 27, 24)"


def px(value: str) -> float:
    return float(value.removesuffix("px"))


def test_margins_and_title_follow_the_column_not_the_window(reader):
    # 1280 px window; #column is 280 px wide, #vars the page's width.
    open_themes(reader)
    narrow, wide = root(reader, "column"), root(reader, "vars")
    padding = lambda widget: px(style(reader, widget, "padding-left"))
    # The least margin and title size against the most (1 and 2.5, 1.75
    # and 2.5 of the widget's unit): not the same, as the window's are.
    assert padding(narrow) <= 0.45 * padding(wide), (padding(narrow), padding(wide))
    title = lambda widget: px(style(reader, widget.find_element(By.CSS_SELECTOR, ".gloss-title"), "font-size"))
    assert title(narrow) <= 0.75 * title(wide), (title(narrow), title(wide))


def test_the_date_after_an_event_passage_never_starts_a_line(reader):
    # The column is narrowed step by step, so that at some width a line
    # ends just where the passage does (sections.md has passages that end
    # in text, in a term's button, in emphasis and in an image, and before
    # a full stop, a comma and a semicolon).
    open_themes(reader)
    starts = reader.driver.execute_script("""
      const host = document.getElementById('column'), found = [];
      if (!host.querySelector('.gloss-event-chip')) return ['no date drawn'];
      for (let width = 240; width <= 360; width += 2) {
        host.style.width = width + 'px';
        for (const chip of host.querySelectorAll('.gloss-event-chip')) {
          // The passage's last visible character before the date.
          // (Or the image it ends with.)
          const walk = document.createTreeWalker(chip.closest('[data-event-ref]'), NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
          let char = null, image = null;
          for (let node; (node = walk.nextNode());) {
            if (!(node.compareDocumentPosition(chip) & Node.DOCUMENT_POSITION_FOLLOWING)) break;
            if (node.nodeType === Node.ELEMENT_NODE) {
              image = node.localName === 'img' ? node : image;
              continue;
            }
            const at = node.data.trimEnd().replace(/\u00a0+$/, '').length;
            if (at) [char, image] = [[node, at - 1], null];
          }
          const range = document.createRange();
          if (!image) {
            range.setStart(char[0], char[1]);
            range.setEnd(char[0], char[1] + 1);
          }
          const last = (image || range).getBoundingClientRect(), own = chip.getBoundingClientRect();
          if (last.bottom <= own.top) found.push(width);
          // Nor does the punctuation after it start the next one.
          const after = document.createTreeWalker(chip.closest('p'), NodeFilter.SHOW_TEXT);
          after.currentNode = chip.lastChild || chip;
          let next = after.nextNode();
          while (next && !next.data.trim()) next = after.nextNode();
          if (next && /^[.,;:!?)]/.test(next.data.trimStart())) {
            const at = next.data.length - next.data.trimStart().length;
            range.setStart(next, at);
            range.setEnd(next, at + 1);
            if (range.getBoundingClientRect().top >= own.bottom) found.push(`${width} (${next.data[at]})`);
          }
        }
      }
      return found;""")
    assert not starts, f"the date began a line at widths {starts}"


def test_a_host_rule_that_shows_everything_hidden_does_not_reach_in(reader):
    # themes.css has `[hidden] { display: block !important }`.
    open_themes(reader)
    # (The panels' bodies show beside the article at this width, as meant.)
    hidden = root(reader, "vars").find_elements(By.CSS_SELECTOR, "[hidden], .gloss-event-summary[data-folded]")
    assert hidden, "the widget hides something (term descriptions, summaries)"
    shown = [el.get_attribute("outerHTML")[:80] for el in hidden if el.is_displayed()]
    assert not shown, shown


def test_the_sidebar_sticks_below_the_pages_fixed_header(reader):
    # fixed-header.html: an 80 px fixed header, `scroll-padding-top: 90px`
    # on the page; the second host sets `--gloss-sticky-top: 20px`, which
    # wins over the page's padding.
    reader.driver.set_window_size(1280, 800)
    reader.driver.get(reader.base_url + "__fixtures__/fixed-header.html")
    WebDriverWait(reader.driver, 25, poll_frequency=0.1).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, '.gloss[data-gloss-state="ready"]')) == 2)
    for host, top in (("padded", 90), ("own", 20)):
        widget = root(reader, host)
        # The widget's top 300 px above the window: its sidebar is stuck.
        reader.driver.execute_script(
            "window.scrollBy(0, arguments[0].getBoundingClientRect().top + 300)", widget)
        side = widget.find_element(By.CSS_SELECTOR, ".gloss-side")
        assert abs(rect(reader, side)["top"] - top) < 1, (host, rect(reader, side))


def open_app_shell(reader):
    # app-shell.html: `<base href="/">` (as Angular apps have it) and a
    # fixed 50 px bar at the window's bottom, with `scroll-padding-bottom`.
    reader.driver.get(reader.base_url + "__fixtures__/app-shell.html")
    WebDriverWait(reader.driver, 25, poll_frequency=0.1).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, '#shell > .gloss[data-gloss-state="ready"]'))
    return root(reader, "shell")


def test_a_pages_base_url_does_not_take_the_widgets_own_links_elsewhere(reader):
    # Under `<base href="/">`, `#x` is the site's root page: a heading link,
    # a footnote and its way back went there.
    reader.driver.set_window_size(1280, 800)
    widget = open_app_shell(reader)
    page = reader.driver.current_url.split("#")[0]
    heading_link = widget.find_element(By.CSS_SELECTOR, '.gloss-body p a[href^="#"]')
    note_link = widget.find_element(By.CSS_SELECTOR, ".gloss-fnref a")
    for link in (heading_link, note_link):
        href = link.get_attribute("href")  # (resolved: against the base)
        fragment = link.get_attribute("href").split("#")[1]
        reader.scroll_to(link)
        link.click()
        WebDriverWait(reader.driver, 10, poll_frequency=0.05).until(
            lambda d: d.current_url.split("#")[-1] == fragment,
            f"the page's URL names #{fragment} ({reader.driver.current_url}, link {href})")
        assert reader.driver.current_url.split("#")[0] == page, "still on the same page"
        target = reader.driver.find_element(By.ID, fragment)
        top = rect(reader, target)["top"]
        assert 0 <= top < reader.driver.execute_script("return innerHeight"), (fragment, top)
    # The explainer's own relative URLs resolve against it, wherever the
    # page's base is (the image beside it, not one under the page's path).
    image = widget.find_element(By.CSS_SELECTOR, ".gloss-body img")
    src = image.get_attribute("src")
    assert src.split("//", 1)[1].split("/", 1)[1] == "__fixtures__/dot.svg", src
    back = widget.find_element(By.CSS_SELECTOR, ".gloss-footnotes .gloss-backref")
    reader.scroll_to(back)
    back.click()
    WebDriverWait(reader.driver, 10, poll_frequency=0.05).until(
        lambda d: d.current_url.split("#")[-1] == note_link.get_attribute("id"))
    assert reader.driver.current_url.split("#")[0] == page


def test_on_a_phone_the_bar_stays_above_the_pages_own_bottom_bar(reader):
    reader.driver.set_window_size(390, 844)
    widget = open_app_shell(reader)
    chip = widget.find_element(By.CSS_SELECTOR, ".gloss-body .gloss-event-chip")
    reader.scroll_to(chip)
    chip.click()
    bar = WebDriverWait(reader.driver, 10, poll_frequency=0.05).until(
        lambda d: [b for b in d.find_elements(By.CSS_SELECTOR, ".gloss-selection-bar") if b.is_displayed()])[0]
    ad = reader.driver.find_element(By.CSS_SELECTOR, ".anchor-ad")
    assert rect(reader, bar)["bottom"] <= rect(reader, ad)["top"] + 1, (rect(reader, bar), rect(reader, ad))


def test_on_a_page_that_clips_its_width_the_sidebar_shows_all_it_holds(reader):
    # clipped-width.html: `html, body { overflow-x: hidden }`. The body is
    # then a box that never scrolls, so the sidebar cannot stick: it was a
    # window-tall box of its own that scrolled away with the page, the
    # chronology's end hidden inside it.
    reader.driver.set_window_size(1280, 600)
    reader.driver.get(reader.base_url + "__fixtures__/clipped-width.html")
    widget = WebDriverWait(reader.driver, 25, poll_frequency=0.1).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, '#clipped > .gloss[data-gloss-state="ready"]'))[0]
    side = widget.find_element(By.CSS_SELECTOR, ".gloss-side")
    assert style(reader, side, "position") == "sticky", "setup: the sidebar is beside the article"
    sizes = "return [arguments[0].scrollHeight, arguments[0].clientHeight, innerHeight]"
    WebDriverWait(reader.driver, 3, poll_frequency=0.05).until(
        lambda d: d.execute_script(sizes, side)[0] <= d.execute_script(sizes, side)[1] + 1,
        f"the sidebar scrolls on its own: {reader.driver.execute_script(sizes, side)}")
    assert reader.driver.execute_script(sizes, side)[1] > 600, "setup: the sidebar is taller than the window"
    # Its last event is reached by scrolling the page, and Page Down and
    # End in the chronology bring it into the window.
    events = side.find_elements(By.CSS_SELECTOR, "[data-event]")
    reader.focus(events[0])
    reader.press(Keys.END)
    assert reader.active_element() == events[-1]
    shown = rect(reader, events[-1])
    assert 0 <= shown["top"] and shown["bottom"] <= 600, shown


def test_a_pages_layered_hidden_rule_does_not_fold_the_sidebar_away(reader):
    # app-shell.css: `@layer base { [hidden] { display: none !important } }`
    # (Tailwind's): the panels, folded by `hidden` and shown again beside
    # the article, were headings with nothing under them.
    reader.driver.set_window_size(1280, 800)
    widget = open_app_shell(reader)
    side = widget.find_element(By.CSS_SELECTOR, ".gloss-side")
    assert style(reader, side, "position") == "sticky", "setup: the sidebar is beside the article"
    for selector in ("[data-speaker]", "[data-event]"):
        item = widget.find_element(By.CSS_SELECTOR, selector)
        assert item.is_displayed(), selector


def test_escape_for_the_widget_does_not_reach_a_scripted_modal_around_it(reader):
    # app-shell.js: a modal's script closes on any Escape reaching `main`.
    reader.driver.set_window_size(1280, 800)
    widget = open_app_shell(reader)
    closed = "return document.body.dataset.closedByEscape || '0'"
    term = widget.find_element(By.CSS_SELECTOR, ".gloss-body span.gloss-term")
    reader.scroll_to(term)
    term.click()
    reader.wait_for_card(term.get_attribute("data-term"))
    reader.press(Keys.ESCAPE)
    WebDriverWait(reader.driver, 5, poll_frequency=0.05).until(
        lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-gloss-card]:popover-open"))
    assert reader.driver.execute_script(closed) == "0", "the card's Escape reached the modal"
    person = widget.find_element(By.CSS_SELECTOR, "[data-speaker]")
    person.click()
    reader.press(Keys.ESCAPE)
    WebDriverWait(reader.driver, 5, poll_frequency=0.05).until(
        lambda _: person.get_attribute("aria-pressed") == "false")
    assert reader.driver.execute_script(closed) == "0", "the selection's Escape reached the modal"
    # With nothing of the widget's to close, Escape is the page's.
    reader.press(Keys.ESCAPE)
    assert reader.driver.execute_script(closed) == "1"


def test_a_page_with_no_explainer_downloads_no_code_until_one_comes(reader):
    # no-host.html includes the loader, as a theme does on every page, and
    # has no host: the reader build was downloaded and started anyway (and
    # the full build too once a Markdown host came).
    reader.driver.get(reader.base_url + "__fixtures__/no-host.html")
    code = "return performance.getEntriesByType('resource').map(e => e.name).filter(n => /\\.wasm$|gloss-.*\\.js$/.test(n))"
    WebDriverWait(reader.driver, 10, poll_frequency=0.1).until(
        lambda d: d.execute_script("return [...document.scripts].some(s => s.src.endsWith('/gloss.js'))"))
    time.sleep(1.0)
    assert reader.driver.execute_script(code) == [], reader.driver.execute_script(code)
    reader.driver.execute_script("""
        const host = document.createElement('div');
        host.id = 'later';
        host.setAttribute('data-gloss-src', '/explainers/apollo11.md');
        document.querySelector('main').append(host);
    """)
    WebDriverWait(reader.driver, 25, poll_frequency=0.1).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, '#later > .gloss[data-gloss-state="ready"]'))
    loaded = reader.driver.execute_script(code)
    assert loaded and not [n for n in loaded if "gloss-reader" in n], loaded


def test_two_hosts_given_one_id_keep_their_ids_apart(reader):
    # A CMS shortcode used twice writes its host with one id both times: the
    # two widgets took one key, so every id inside them was written twice
    # and a footnote or heading link in the second led into the first.
    reader.driver.get(reader.base_url + "__fixtures__/no-host.html")
    reader.driver.execute_script("""
        for (let i = 0; i < 2; i++) {
          const host = document.createElement('div');
          host.id = 'shortcode';
          host.setAttribute('data-gloss-src', '/explainers/apollo11.md');
          document.querySelector('main').append(host);
        }
    """)
    WebDriverWait(reader.driver, 25, poll_frequency=0.1).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, '#shortcode > .gloss[data-gloss-state="ready"]')) == 2)
    ids = reader.driver.execute_script(
        "return [...document.querySelectorAll('.gloss [id]')].map(e => e.id)")
    assert len(ids) > 10 and len(set(ids)) == len(ids), sorted(i for i in ids if ids.count(i) > 1)
    keys = reader.driver.execute_script(
        "return [...document.querySelectorAll('#shortcode')].map(h => h.dataset.glossKey)")
    assert keys == ["gloss-shortcode", "gloss-shortcode-2"], keys


def test_a_pages_backdrop_rule_does_not_dim_it_under_a_card(reader):
    # app-shell.css styles `::backdrop` for its dialogs; a card is a
    # popover, whose backdrop took the rule: the page went grey and blurred.
    reader.driver.set_window_size(1280, 800)
    widget = open_app_shell(reader)
    term = widget.find_element(By.CSS_SELECTOR, ".gloss-body span.gloss-term")
    reader.scroll_to(term)
    term.click()
    card = reader.wait_for_card(term.get_attribute("data-term"))
    backdrop = reader.driver.execute_script(
        "const s = getComputedStyle(arguments[0], '::backdrop'); return [s.display, s.backgroundColor];", card)
    assert backdrop[0] == "none", backdrop
