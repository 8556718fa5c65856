"""End-to-end tests of embedding (DESIGN.md section 2): the loader on a host
page with hostile CSS and a strict CSP, four independent widgets (normal,
inline, broken, missing), widgets added later, and isolation both ways.
"""

import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from explainer import normalize

PAGE = "embed-demo.html"


def open_embed_demo(reader):
    reader.driver.get(reader.base_url + PAGE)
    WebDriverWait(reader.driver, 20, poll_frequency=0.1).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, ".gloss[data-gloss-state]")) == 4
        and not d.find_elements(By.CSS_SELECTOR, '.gloss[data-gloss-state="loading"]'))


def widget(reader, host_id: str):
    return reader.driver.find_element(By.CSS_SELECTOR, f"#{host_id} > .gloss")


def style(reader, element, prop: str) -> str:
    return reader.driver.execute_script(
        "return getComputedStyle(arguments[0]).getPropertyValue(arguments[1])", element, prop)


def test_each_widget_on_a_host_page_settles_on_its_own(reader):
    open_embed_demo(reader)
    states = {host: widget(reader, host).get_attribute("data-gloss-state")
              for host in ("donbas", "inline", "broken", "missing")}
    assert states == {"donbas": "ready", "inline": "ready", "broken": "error", "missing": "error"}

    broken = normalize(widget(reader, "broken").find_element(By.CSS_SELECTOR, '[role="alert"]').text)
    assert "line 5, column 38" in broken and "TOML" in broken, broken
    missing = normalize(widget(reader, "missing").find_element(By.CSS_SELECTOR, '[role="alert"]').text)
    assert "404" in missing and "does-not-exist.md" in missing, missing

    inline_title = widget(reader, "inline").find_element(By.CSS_SELECTOR, ".gloss-title").text
    assert normalize(inline_title) == "Inline explainers"


def test_a_widget_under_the_pages_heading_continues_its_outline(reader):
    # Both ready widgets sit under the page's <h2>s and ask for level 3.
    open_embed_demo(reader)
    levels = reader.driver.execute_script("""
      const level = (el) => Number(el.tagName.slice(1));
      return ['donbas', 'inline'].map((id) => {
        const root = document.querySelector('#' + id + ' > .gloss');
        const all = [...root.querySelectorAll('h1, h2, h3, h4, h5, h6')];
        return {
          title: level(root.querySelector('.gloss-title')),
          sections: [...root.querySelectorAll('.gloss-body .gloss-h2')].map(level),
          subsections: [...root.querySelectorAll('.gloss-body .gloss-h3')].map(level),
          panels: [...root.querySelectorAll('.gloss-panel-heading')].map(level),
          groups: [...root.querySelectorAll('.gloss-group-name')].map(level),
          highest: Math.min(...all.map(level)),
        };
      });""")
    donbas, inline = levels
    assert donbas["title"] == 3 and donbas["highest"] == 3, donbas
    assert donbas["sections"] and set(donbas["sections"]) == {4}, donbas
    assert set(donbas["panels"]) == {4} and set(donbas["groups"]) <= {5}, donbas
    assert set(donbas["subsections"]) <= {5}, donbas
    assert inline["title"] == 3 and inline["highest"] == 3, inline
    # Styled by their place in the article, not by their tag (the host's
    # "h4 { font-size: 44px }" loses): a section heading is larger than the
    # text, smaller than the title.
    root = widget(reader, "donbas")
    section = root.find_element(By.CSS_SELECTOR, ".gloss-body .gloss-h2")
    title = root.find_element(By.CSS_SELECTOR, ".gloss-title")
    text = root.find_element(By.CSS_SELECTOR, ".gloss-body p")
    size = lambda el: float(style(reader, el, "font-size").removesuffix("px"))
    assert size(text) < size(section) < size(title) < 44, (size(text), size(section), size(title))


def test_host_css_does_not_reach_into_the_widget(reader):
    open_embed_demo(reader)
    root = widget(reader, "donbas")
    paragraph = root.find_element(By.CSS_SELECTOR, ".gloss-body p")
    term = root.find_element(By.CSS_SELECTOR, ".gloss-term[data-term]")
    # hostile.css: p { color: #c00; text-indent: 3em; border: dashed }, body { text-transform: uppercase }
    assert style(reader, paragraph, "color") != "rgb(204, 0, 0)"
    assert style(reader, paragraph, "text-indent") == "0px"
    assert style(reader, paragraph, "border-top-style") == "none"
    assert style(reader, paragraph, "text-transform") == "none"
    assert style(reader, paragraph, "letter-spacing") in ("normal", "0px")
    # button { display: block; background: black; border: 5px solid red }
    assert style(reader, term, "display") == "inline"
    assert style(reader, term, "border-top-width") == "0px"
    assert style(reader, term, "background-color") != "rgb(0, 0, 0)"
    speaker = root.find_element(By.CSS_SELECTOR, "[data-speaker]")
    assert style(reader, speaker, "background-color") != "rgb(0, 0, 0)"
    assert style(reader, speaker, "text-transform") == "none"
    # A theme's rules of an id, a class and an element
    # (#content.entry-content p, button, h2, li) lose too.
    assert style(reader, term, "text-indent") == "0px"
    assert style(reader, term, "letter-spacing") in ("normal", "0px")
    heading = root.find_element(By.CSS_SELECTOR, ".gloss-body .gloss-h2")
    assert "underline" not in style(reader, heading, "text-decoration-line")
    quote = root.find_element(By.CSS_SELECTOR, ".gloss-side li")
    assert style(reader, quote, "list-style-type") != "square"


def test_the_widget_does_not_restyle_the_host(reader):
    open_embed_demo(reader)
    host_button = reader.driver.find_element(By.CSS_SELECTOR, ".masthead button")
    host_paragraph = reader.driver.find_element(By.CSS_SELECTOR, ".masthead p")
    assert style(reader, host_button, "background-color") == "rgb(0, 0, 0)"
    assert style(reader, host_paragraph, "color") == "rgb(204, 0, 0)"
    assert style(reader, host_paragraph, "text-transform") == "uppercase"


def test_a_hovercard_works_inside_a_hostile_host(reader):
    open_embed_demo(reader)
    term = widget(reader, "donbas").find_element(By.CSS_SELECTOR, '.gloss-term[data-term="donbas"]')
    reader.hover(term)
    card = reader.wait_for_card("donbas")
    assert style(reader, card, "text-transform") == "none"
    reader.press("Escape")
    reader.wait_for_no_card("donbas")


def test_widgets_added_later_are_mounted(reader):
    open_embed_demo(reader)
    reader.driver.execute_script("""
        const host = document.createElement('div');
        host.id = 'late';
        host.setAttribute('data-gloss-src', 'explainers/apollo11.md');
        document.querySelector('main').append(host);
    """)
    WebDriverWait(reader.driver, 10, poll_frequency=0.1).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, '#late > .gloss[data-gloss-state="ready"]'))
    assert widget(reader, "late").find_element(By.TAG_NAME, "h1").text


def test_a_host_given_another_source_while_its_term_has_focus_leaves_the_others_working(reader):
    # Chromium blurs a focused element as it removes it: the old widget's
    # term lost focus after its widget was taken down, and the wasm trapped
    # (every other widget on the page then reported an internal error).
    open_embed_demo(reader)
    term = widget(reader, "donbas").find_element(By.CSS_SELECTOR, '.gloss-term[data-term]')
    term.click()
    # (Chromium and Firefox focus a clicked button; WebKit does not.)
    reader.focus(term)
    assert reader.active_element() == term, "setup: the clicked term has focus"
    reader.driver.execute_script(
        "document.getElementById('donbas').setAttribute('data-gloss-src', 'explainers/apollo11.md')")
    WebDriverWait(reader.driver, 20, poll_frequency=0.1).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, '#donbas > .gloss[data-gloss-state="ready"]')
        and "Apollo" in widget(reader, "donbas").find_element(By.CSS_SELECTOR, ".gloss-title").text)
    time.sleep(0.3)
    assert widget(reader, "inline").get_attribute("data-gloss-state") == "ready", reader.driver.get_log("browser")
    inline_term = widget(reader, "inline").find_element(By.CSS_SELECTOR, '.gloss-term[data-term]')
    reader.hover(inline_term)
    reader.wait_for_card(inline_term.get_attribute("data-term"))


def test_the_strict_csp_is_never_violated(reader):
    if reader.engine != "chromium":
        pytest.skip("only Chromium's WebDriver exposes the console log")
    open_embed_demo(reader)
    reader.driver.get(reader.base_url + "index.html")
    WebDriverWait(reader.driver, 20).until(lambda _: reader.state == "ready")
    messages = [entry["message"] for entry in reader.driver.get_log("browser")]
    violations = [m for m in messages if "Content Security Policy" in m or "Refused to" in m]
    assert not violations, violations


def test_relative_links_resolve_against_the_explainer_everywhere(reader):
    # The explainer sits in a folder of its own; every relative link it
    # has (body, card summary, card links, chronology, print glossary) is
    # relative to it, not to the page.
    reader.open_explainer(query="src=__fixtures__/nested/links.md")
    assert reader.state == "ready", reader.alerts()
    folder = reader.base_url + "__fixtures__/nested/notes/"
    reader.decorated_mention("beta").click()
    card = reader.wait_for_card("beta")
    hrefs = [a.get_attribute("href") for a in
             reader.root.find_elements(By.CSS_SELECTOR, ".gloss-body a, .gloss-glossary a, .gloss-event a")]
    hrefs += [a.get_attribute("href") for a in card.find_elements(By.CSS_SELECTOR, "a")]
    names = sorted(h.removeprefix(folder) for h in hrefs)
    assert names == ["beta.html", "beta.html", "body.html", "log.html", "summary.html", "summary.html"], hrefs
