"""Reading without the interactive layer: print (the glossary as notes,
people and chronology as lists), reduced motion, and a browser where the
wasm cannot run (a message and the explainer's text, never an empty box).
"""

import base64
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from explainer import normalize, plain_text

ARTIFACTS = Path(__file__).resolve().parents[2] / "target" / "e2e-artifacts"


def chromium_only(reader, why: str):
    if reader.engine != "chromium":
        pytest.skip(f"{why} needs Chromium's DevTools protocol")


def shown(reader, selector: str) -> bool:
    found = reader.driver.find_elements(By.CSS_SELECTOR, ".gloss " + selector)
    return bool(found) and all(el.is_displayed() for el in found)


def test_print_shows_the_glossary_people_and_chronology(reader, demo):
    chromium_only(reader, "emulating print media")
    reader.open_explainer()
    assert not shown(reader, ".gloss-glossary"), "the glossary is for print only"
    reader.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})

    assert shown(reader, ".gloss-glossary")
    glossary = normalize(reader.driver.find_element(By.CSS_SELECTOR, ".gloss .gloss-glossary").text)
    for term in demo.terms.values():
        assert normalize(term.get("label", "")) in glossary
    assert plain_text(demo.terms["donbas"]["summary"])[:30] in glossary
    link = demo.terms["donbas"]["links"][0]
    assert normalize(link["label"]) in glossary, "a card's links print too"
    printed = reader.driver.execute_script(
        "const a = document.querySelector('.gloss .gloss-glossary a[href=\"' + arguments[0] + '\"]');"
        "return a && getComputedStyle(a, '::after').content;", link["url"])
    assert printed and link["url"] in printed, f"with its address: {printed!r}"
    assert shown(reader, "[data-speaker]") and shown(reader, "[data-event]")
    assert not shown(reader, ".gloss-panel-toggle")
    article = reader.driver.find_element(By.CSS_SELECTOR, ".gloss .gloss-article").rect
    side = reader.driver.find_element(By.CSS_SELECTOR, ".gloss .gloss-side").rect
    assert side["y"] >= article["y"] + article["height"] - 1, "people and chronology follow the article"


def test_the_page_prints_to_pdf(reader):
    if reader.engine == "webkit":
        pytest.skip("WebKitWebDriver has no print command")
    reader.open_explainer()
    pdf = base64.b64decode(reader.driver.print_page())
    assert pdf.startswith(b"%PDF"), "a PDF"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"print-{reader.engine}.pdf").write_bytes(pdf)
    assert len(pdf) > 20_000, "the PDF carries the article"


def test_reduced_motion_turns_off_animation(reader):
    chromium_only(reader, "emulating prefers-reduced-motion")
    reader.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "features": [{"name": "prefers-reduced-motion", "value": "reduce"}]})
    reader.open_explainer()
    term = reader.decorated_mention("donbas")
    reader.hover(term)
    card = reader.wait_for_card("donbas")
    animation = reader.driver.execute_script("return getComputedStyle(arguments[0]).animationName", card)
    assert animation == "none"


def _block_wasm(reader):
    chromium_only(reader, "blocking the wasm download")
    reader.driver.execute_cdp_cmd("Network.enable", {})
    reader.driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*.wasm"]})


def _wait_for_alert(reader, saying: str):
    WebDriverWait(reader.driver, 20).until(lambda _: reader.state == "error")
    alert = normalize(reader.driver.find_element(By.CSS_SELECTOR, '.gloss [role="alert"]').text)
    assert saying in alert


def test_without_wasm_a_prerendered_explainer_keeps_its_whole_article(reader, demo):
    _block_wasm(reader)
    reader.driver.get(reader.base_url + "index.html")
    # A blocked download is named as one, not blamed on the browser.
    _wait_for_alert(reader, "could not be downloaded")
    body = normalize(reader.driver.find_element(By.CSS_SELECTOR, ".gloss .gloss-body").text)
    assert "Russian President Vladimir Putin" in body
    assert reader.driver.find_elements(By.CSS_SELECTOR, '.gloss [data-term="donbas"]'), \
        "the prerendered article keeps its term mentions"
    assert not reader.driver.find_elements(By.CSS_SELECTOR, ".gloss .gloss-fallback")
    # The panels are shown open; their selection buttons, which need the
    # wasm, are disabled rather than dead.
    assert not reader.driver.find_elements(By.CSS_SELECTOR, ".gloss .gloss-panel-body[data-folded]")
    toggles = reader.driver.find_elements(By.CSS_SELECTOR, ".gloss button[aria-pressed]")
    assert toggles and all(not t.is_enabled() for t in toggles)


def test_without_wasm_a_markdown_source_is_shown_as_text(reader, other_explainer):
    _block_wasm(reader)
    reader.driver.get(reader.base_url + f"index.html?src={other_explainer.src}")
    _wait_for_alert(reader, "could not start")
    WebDriverWait(reader.driver, 10).until(
        lambda d: other_explainer.title in d.find_element(By.CSS_SELECTOR, ".gloss .gloss-fallback").text)
    assert not reader.driver.find_elements(By.CSS_SELECTOR, ".gloss .gloss-body"), \
        "the prerendered demo is not shown in place of the requested explainer"
