"""Screenshots of the built widget in one engine, for looking at it the way a
reader would: wide and phone-sized, at rest, with a card open, with a speaker
and an event selected. Writes PNGs to target/screenshots/ENGINE-*.png.

  GLOSS_BROWSER=firefox target/py/bin/python scripts/screenshots.py [DIST]
  (WebKit under `xvfb-run -a`.) Dark mode: Chromium only (GLOSS_DARK=1).
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
os.environ.setdefault("GLOSS_DIST", sys.argv[1] if len(sys.argv) > 1 else "target/e2e-dist")

import conftest  # noqa: E402  (the e2e harness: server and browser starters)
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

OUT = ROOT / "target" / "screenshots"


def main():
    engine = conftest.ENGINE
    OUT.mkdir(parents=True, exist_ok=True)
    with conftest.DistServer(conftest.DIST) as server, tempfile.TemporaryDirectory() as tmp:
        driver = conftest._STARTERS[engine](Path(tmp))
        try:
            if os.environ.get("GLOSS_DARK") and engine == "chromium":
                driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
                    "features": [{"name": "prefers-color-scheme", "value": "dark"}]})
            suffix = "-dark" if os.environ.get("GLOSS_DARK") else ""
            for width, height, name in ((1280, 900, "wide"), (375, 812, "phone")):
                driver.set_window_size(width, height)
                driver.get(server.base_url + "index.html")
                time.sleep(2)
                driver.save_screenshot(str(OUT / f"{engine}{suffix}-{name}.png"))
                term = driver.find_element(By.CSS_SELECTOR, ".gloss button[data-term]")
                driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", term)
                ActionChains(driver).move_to_element(term).perform()
                time.sleep(1)
                driver.save_screenshot(str(OUT / f"{engine}{suffix}-{name}-card.png"))
                if name == "wide":
                    driver.find_element(By.CSS_SELECTOR, '.gloss [data-event="moscow-talks"]').click()
                    time.sleep(1)
                    driver.save_screenshot(str(OUT / f"{engine}{suffix}-{name}-event.png"))
        finally:
            driver.quit()
    print("\n".join(sorted(str(p) for p in OUT.glob(f"{engine}*.png"))))


if __name__ == "__main__":
    main()
