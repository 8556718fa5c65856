"""Fixtures and reader-like helpers for Gloss's end-to-end tests.

The tests drive a built `dist/` the way a reader would: a real browser, over
W3C WebDriver, against static files served from 127.0.0.1. This module owns
everything that is not a test:

- where things are (env `GLOSS_DIST`, `GLOSS_EXPLAINERS`, `GLOSS_BROWSER`);
- two static servers for the dist: one at the root of its origin, and one that
  serves it only under `/sub/path/` (anything else is a 404), so a test can
  prove the dist works from a sub-path with relative URLs;
- the `browser` fixture: Chromium, Firefox or WebKit, each started from the
  driver binary Debian (or `cargo install geckodriver`) put on this machine,
  never one Selenium Manager would download; should the browser die while
  a page loads (WebKit's did, in 2 of 5 full runs on a busy machine), a
  new session loads the page again, once, with a warning in the report;
- `Reader`, the helper the tests talk to: `open_explainer`, `hover`, `focus`,
  `press`, `tap`, `card`, and a few waits built on them;
- fixtures for the explainers' own data (`demo`, `other_explainer`), parsed
  by explainer.py, so tests take term ids, titles and summaries from the
  files instead of hard-coding text.
"""

from __future__ import annotations

import functools
import io
import json
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import warnings
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from selenium import webdriver
import urllib3
from selenium.common.exceptions import (
    InvalidSessionIdException,
    StaleElementReferenceException,
    TimeoutException,
    WebDriverException,
)
from selenium.webdriver.common.actions import interaction
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.actions.pointer_input import PointerInput
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from explainer import Explainer, normalize, read_front_matter

# Selenium Manager is never wanted here (this machine reaches no driver
# download site); every driver below gets an explicit path through Service.
# SE_OFFLINE makes it fail fast instead of trying, should anything reach it.
os.environ.setdefault("SE_OFFLINE", "true")

# Selenium waits on its driver without a limit unless sockets have a default
# timeout (its ClientConfig reads this once per session). A driver that stops
# answering (WebKitWebDriver does, now and then, on a busy machine) must fail
# a command after this, not hold the run for hours.
DRIVER_COMMAND_TIMEOUT = 60
socket.setdefaulttimeout(DRIVER_COMMAND_TIMEOUT)
SESSION_ATTEMPTS = 3  # a session that does not start is retried this often

REPO_ROOT = Path(__file__).resolve().parents[2]


def _repo_path(env: str, default: str) -> Path:
    path = Path(os.environ.get(env, default))
    return path if path.is_absolute() else REPO_ROOT / path


DIST = _repo_path("GLOSS_DIST", "target/e2e-dist")
EXPLAINERS = _repo_path("GLOSS_EXPLAINERS", "public/explainers")
DEMO_EXPLAINER = "donbas.md"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURES_PATH = "__fixtures__/"  # served from FIXTURES, next to the dist
SLOW_PATH = "__slow__/"  # the dist again, but the first request for each file waits SLOW_SECONDS (wasm: twice)
SLOW_SECONDS = 3.0
SLOW_RESET = "__reset__"  # GET SLOW_PATH + this: every file is slow once more
# The dist again, but every request for a wasm file waits STALL_SECONDS
# (each time: what a test sees does not hang on what earlier tests fetched).
STALLED_PATH = "__stalled__/"
STALL_SECONDS = 20.0
# The dist again, on a page that enforces Trusted Types (by header, on top of
# the page's own CSP) and records every CSP violation in `window.__violations`.
TRUSTED_TYPES_PATH = "__tt__/"
TRUSTED_TYPES_CSP = "require-trusted-types-for 'script'; trusted-types 'none'"
VIOLATION_RECORDER = b'<script src="/__fixtures__/record-violations.js"></script>'
ENGINE = os.environ.get("GLOSS_BROWSER", "chromium")
ENGINES = ("chromium", "firefox", "webkit")
SUB_PATH = "/sub/path/"

LOAD_TIMEOUT = 20  # seconds for `.gloss` to reach ready or error
CARD_TIMEOUT = 3  # seconds for a card to open or close after an action
WINDOW = (1280, 900)


def pytest_report_header(config):
    return [
        f"gloss e2e: browser={ENGINE} dist={DIST} explainers={EXPLAINERS}",
    ]


# --------------------------------------------------------------------------
# The explainers' data (parsing lives in explainer.py)
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def demo() -> Explainer:
    """The demo explainer (`donbas.md`), the one `index.html` shows."""
    path = EXPLAINERS / DEMO_EXPLAINER
    if not path.is_file():
        pytest.fail(f"demo explainer not found at {path} (GLOSS_EXPLAINERS)", pytrace=False)
    return Explainer(path, read_front_matter(path))


@pytest.fixture(scope="session")
def other_explainer() -> Explainer:
    """The first explainer, by file name, that is not the demo."""
    others = sorted(p for p in EXPLAINERS.glob("*.md") if p.name != DEMO_EXPLAINER)
    if not others:
        pytest.skip(f"no explainer besides {DEMO_EXPLAINER} in {EXPLAINERS}")
    return Explainer(others[0], read_front_matter(others[0]))


# --------------------------------------------------------------------------
# Serving the dist
# --------------------------------------------------------------------------


class _DistHandler(SimpleHTTPRequestHandler):
    """Static files of the dist under `prefix`, with the MIME types browsers
    insist on (wasm streaming compilation needs `application/wasm`)."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".md": "text/markdown; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".html": "text/html; charset=utf-8",
        ".json": "application/json",
        ".svg": "image/svg+xml",
    }

    def __init__(self, *args, prefix: str, **kwargs):
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    slow_seen: set = set()
    slow_lock = threading.Lock()

    def send_head(self):
        path = urlsplit(self.path).path
        if not path.startswith(self.prefix):
            self.send_error(404, f"outside the served path {self.prefix}")
            return None
        if path[len(self.prefix):] == SLOW_PATH + SLOW_RESET:
            # Every file is slow again (for a test that loads a whole page slowly).
            with self.slow_lock:
                self.slow_seen.clear()
            self.send_response(204)
            self.end_headers()
            return None
        if path[len(self.prefix):].startswith(SLOW_PATH):
            # Keyed by the whole URL, so a test can ask for a fresh slow
            # file with a query token of its own.
            with self.slow_lock:
                first = self.path not in self.slow_seen
                self.slow_seen.add(self.path)
            if first:
                # The wasm comes last of all, long after the page is drawn.
                time.sleep(SLOW_SECONDS * (2 if path.endswith(".wasm") else 1))
        if path[len(self.prefix):].startswith(STALLED_PATH) and path.endswith(".wasm"):
            time.sleep(STALL_SECONDS)
        if path[len(self.prefix):].startswith(TRUSTED_TYPES_PATH) and path.endswith(".html"):
            return self._send_under_trusted_types()
        return super().send_head()

    def _send_under_trusted_types(self):
        """The page with the violation recorder as its first script, served
        with a Trusted Types policy that allows no policy at all."""
        try:
            with open(self.translate_path(self.path), "rb") as page:
                html = page.read().replace(b"<head>", b"<head>" + VIOLATION_RECORDER, 1)
        except OSError:
            self.send_error(404)
            return None
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(html)))
        self.send_header("Content-Security-Policy", TRUSTED_TYPES_CSP)
        self.end_headers()
        return io.BytesIO(html)

    def translate_path(self, path):
        path = urlsplit(path).path[len(self.prefix):]
        for copy in (SLOW_PATH, STALLED_PATH, TRUSTED_TYPES_PATH):
            if path.startswith(copy):
                path = path[len(copy):]
        if path.startswith(FIXTURES_PATH):
            # Test fixtures (tests/e2e/fixtures/), same-origin with the dist.
            dist, self.directory = self.directory, str(FIXTURES)
            try:
                return super().translate_path("/" + path[len(FIXTURES_PATH):])
            finally:
                self.directory = dist
        return super().translate_path("/" + path)

    def end_headers(self):
        # A fresh build must never be shadowed by a cached one.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass



class DistServer:
    """The dist served over HTTP on 127.0.0.1 (ephemeral port) from a
    background thread, under `prefix` only."""

    def __init__(self, directory: Path, prefix: str = "/"):
        handler = functools.partial(_DistHandler, directory=str(directory), prefix=prefix)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        host, port = self.httpd.server_address[:2]
        self.base_url = f"http://{host}:{port}{prefix}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True,
                                       name=f"gloss-dist{prefix}")

    def __enter__(self) -> "DistServer":
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def _require_dist() -> Path:
    if not (DIST / "index.html").is_file():
        pytest.fail(
            f"no index.html in {DIST}: build the release dist there first, "
            "or point GLOSS_DIST at one (see tests/e2e/README.md)",
            pytrace=False,
        )
    return DIST


@pytest.fixture(scope="session")
def base_url() -> str:
    """URL of the dist served at the root of its origin, ending in `/`."""
    with DistServer(_require_dist()) as server:
        yield server.base_url


@pytest.fixture(scope="session")
def sub_path_base_url() -> str:
    """URL of the dist served only under `/sub/path/` (everything outside it
    is a 404, so an absolute URL in the dist fails loudly)."""
    with DistServer(_require_dist(), SUB_PATH) as server:
        yield server.base_url


# --------------------------------------------------------------------------
# Browsers
# --------------------------------------------------------------------------


def _executable(env: str, *candidates: str) -> str | None:
    """The first of `$env`, then `candidates` (paths or names on PATH) that
    is an executable file."""
    for candidate in (os.environ.get(env), *candidates):
        if not candidate:
            continue
        path = Path(candidate).expanduser()
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
        found = shutil.which(candidate) if "/" not in candidate else None
        if found:
            return found
    return None


def _driver_log():
    """Where drivers write their logs: `$GLOSS_DRIVER_LOG`, or nowhere."""
    return os.environ.get("GLOSS_DRIVER_LOG") or subprocess.DEVNULL


def _missing(what: str, hint: str):
    pytest.fail(f"GLOSS_BROWSER={ENGINE}: {what} not found; {hint}", pytrace=False)


def _start_chromium(tmp: Path):
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    driver_path = _executable("CHROMEDRIVER", "/usr/bin/chromedriver")
    if not driver_path:
        _missing("chromedriver", "apt-get install -y chromium chromium-driver, or set CHROMEDRIVER")
    options = Options()
    binary = _executable("CHROMIUM", "/usr/bin/chromium")
    if binary:
        options.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-sync", f"--user-data-dir={tmp / 'profile'}",
                f"--window-size={WINDOW[0]},{WINDOW[1]}"):
        options.add_argument(arg)
    # Lets tests read the page's console through `driver.get_log("browser")`.
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=driver_path, log_output=_driver_log())
    return webdriver.Chrome(service=service, options=options)


def _start_firefox(tmp: Path):
    from selenium.webdriver.firefox.options import Options
    from selenium.webdriver.firefox.service import Service

    driver_path = _executable("GECKODRIVER", "~/.cargo/bin/geckodriver", "geckodriver")
    if not driver_path:
        _missing("geckodriver", "cargo install --locked geckodriver@0.37.1, or set GECKODRIVER")
    options = Options()
    binary = _executable("FIREFOX", "/usr/bin/firefox-esr", "firefox")
    if binary:
        options.binary_location = binary
    options.add_argument("-headless")
    service = Service(executable_path=driver_path, log_output=_driver_log())
    driver = webdriver.Firefox(service=service, options=options)
    driver.set_window_size(*WINDOW)
    return driver


def _start_webkit(tmp: Path):
    from selenium.webdriver.webkitgtk.options import Options
    from selenium.webdriver.webkitgtk.service import Service

    driver_path = _executable("WEBKITWEBDRIVER", "/usr/bin/WebKitWebDriver")
    if not driver_path:
        _missing("WebKitWebDriver", "apt-get install -y webkit2gtk-driver xvfb, or set WEBKITWEBDRIVER")
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        _missing("a display", "MiniBrowser has no headless mode: run pytest under xvfb-run -a")
    options = Options()
    options.binary_location = os.environ.get(
        "MINIBROWSER", "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
    options.add_argument("--automation")
    service = Service(executable_path=driver_path, log_output=_driver_log())
    driver = webdriver.WebKitGTK(service=service, options=options)
    driver.set_window_size(*WINDOW)
    return driver


_STARTERS = {"chromium": _start_chromium, "firefox": _start_firefox, "webkit": _start_webkit}


def _start_session(engine: str, tmp: Path):
    """A new browser session; one that does not start in time (the driver
    never answers) is abandoned and tried again, a few times."""
    for attempt in range(1, SESSION_ATTEMPTS + 1):
        try:
            return _STARTERS[engine](tmp / f"attempt-{attempt}")
        except Exception as err:  # a read timeout from urllib3, or the driver refusing
            if attempt == SESSION_ATTEMPTS:
                raise
            warnings.warn(f"{engine}: session {attempt} did not start ({err!r}); trying again")


@pytest.fixture(scope="session")
def engine() -> str:
    """The browser engine under test, from `GLOSS_BROWSER`."""
    if ENGINE not in ENGINES:
        pytest.fail(f"GLOSS_BROWSER={ENGINE!r}: expected one of {', '.join(ENGINES)}", pytrace=False)
    return ENGINE


class Sessions:
    """The browser sessions of one test: the first, and a replacement should
    the browser die under it (WebKit's does, now and then, on a busy
    machine: every later command meets an invalid session)."""

    def __init__(self, engine: str, tmp: Path):
        self.engine = engine
        self.tmp = tmp
        self.started: list = []

    def start(self):
        driver = _start_session(self.engine, self.tmp / f"session-{len(self.started) + 1}")
        self.started.append(driver)
        # A page that never finishes loading fails the test, not the run.
        driver.set_page_load_timeout(LOAD_TIMEOUT)
        driver.set_script_timeout(LOAD_TIMEOUT)
        return driver

    def quit_all(self):
        for driver in self.started:
            try:
                driver.quit()
            except WebDriverException:
                pass  # a session that died has nothing left to close


@pytest.fixture
def sessions(engine):
    """A fresh browser session (and, for Chromium, a fresh profile) per test,
    so no hover, focus or cache state leaks from one test to the next."""
    with tempfile.TemporaryDirectory(prefix=f"gloss-e2e-{engine}-") as tmp:
        sessions = Sessions(engine, Path(tmp))
        try:
            yield sessions
        finally:
            sessions.quit_all()


@pytest.fixture
def browser(sessions):
    return sessions.start()


# --------------------------------------------------------------------------
# The reader
# --------------------------------------------------------------------------

_FOCUSABLE_MENTIONS_JS = """
const sel = arguments[0] === null ? '[data-term]' : `[data-term="${CSS.escape(arguments[0])}"]`;
const root = document.querySelector('.gloss') || document;
return [...root.querySelectorAll(sel)].filter(el =>
  el.tagName === 'BUTTON' || (el.tagName === 'A' && el.hasAttribute('href')) ||
  (el.hasAttribute('tabindex') && el.tabIndex >= 0));
"""

_RECTS_JS = """
const r = arguments[0].getBoundingClientRect();
const box = r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom,
                   width: r.width, height: r.height});
return {box: box(r), lines: [...arguments[0].getClientRects()].map(box)};
"""

# A visible point, not over anything interactive (terms, cards, links,
# buttons, focusables) and farthest from the rects to avoid. With `inText`,
# only points over a paragraph of the widget count.
_QUIET_SPOT_JS = """
const [avoid, inText] = arguments;
const root = document.querySelector('.gloss');
const W = window.innerWidth, H = window.innerHeight;
const interactive = '[data-term],[data-gloss-card],[data-speaker],[data-event],' +
  '[data-speaker-ref],[data-event-ref],a,button,input,select,textarea,summary,label,[tabindex]';
const dist = (x, y, r) => Math.hypot(Math.max(r.left - x, 0, x - r.right),
                                     Math.max(r.top - y, 0, y - r.bottom));
let best = null, bestD = -1;
for (let y = 12; y < H - 12; y += 16) for (let x = 12; x < W - 12; x += 16) {
  const el = document.elementFromPoint(x, y);
  if (!el || !root || !root.contains(el) || el.closest(interactive)) continue;
  if (inText && !el.closest('p')) continue;
  const d = avoid.length ? Math.min(...avoid.map(r => dist(x, y, r))) : 0;
  if (d > bestD) { bestD = d; best = [x, y]; }
}
return best;
"""


# What a command meets once the browser, or its driver, has died.
_SESSION_GONE = (InvalidSessionIdException, urllib3.exceptions.HTTPError, ConnectionError)


class Reader:
    """A reader in front of the browser: what they open, point at, focus,
    press and tap, and what they see. Tests talk to this, not to Selenium."""

    def __init__(self, driver, base_url: str, engine: str, sessions: Sessions | None = None):
        self.driver = driver
        self.sessions = sessions
        self.base_url = base_url
        self.engine = engine
        self.touch_fallbacks = 0

    # -- opening -----------------------------------------------------------

    def open_explainer(self, path: str = "index.html", query: str = "",
                       base_url: str | None = None) -> WebElement:
        """Load the page and wait until the widget is `ready` or `error`;
        return the widget root."""
        url = (base_url or self.base_url) + path
        if query:
            url += "?" + query.lstrip("?")
        for attempt in (1, 2):
            try:
                self.driver.get(url)
                WebDriverWait(self.driver, LOAD_TIMEOUT, poll_frequency=0.1).until(
                    lambda d: self.state in ("ready", "error"))
                return self.root
            except (TimeoutException, *_SESSION_GONE):
                if attempt == 1 and self.sessions and self._browser_died():
                    # Not the page's doing: the browser is gone. A new
                    # session loads the page once more, from the start.
                    warnings.warn(f"{self.engine}: the browser died loading {url}; "
                                  "a new session loads it again")
                    self.driver = self.sessions.start()
                    continue
                raise AssertionError(
                    f"{url}: .gloss did not reach ready or error within {LOAD_TIMEOUT} s "
                    f"(data-gloss-state={self.state!r})") from None
        raise AssertionError("unreachable")

    def _browser_died(self) -> bool:
        """Whether the session is gone (not merely busy or between pages)."""
        try:
            self.driver.current_url
        except _SESSION_GONE:
            return True
        except WebDriverException:
            return False
        return False

    @property
    def root(self) -> WebElement:
        return self.driver.find_element(By.CSS_SELECTOR, ".gloss[data-gloss-state]")

    @property
    def state(self) -> str | None:
        # One script, so a prerendered root replaced in between cannot go
        # stale. A script that meets a navigation can fail in some drivers
        # (WebKit: "Could not parse script result"): no state yet, then.
        try:
            return self.driver.execute_script(
                "const root = document.querySelector('.gloss[data-gloss-state]');"
                "return root && root.getAttribute('data-gloss-state');")
        except WebDriverException:
            return None

    def alerts(self) -> list[str]:
        """Texts of the `role="alert"` elements inside the widget."""
        return [normalize(el.text) for el in
                self.driver.find_elements(By.CSS_SELECTOR, '.gloss [role="alert"]')]

    def headings(self, level: int = 1) -> list[str]:
        return [normalize(el.text) for el in
                self.driver.find_elements(By.CSS_SELECTOR, f".gloss h{level}")]

    # -- finding terms -----------------------------------------------------

    def mentions(self, term_id: str) -> list[WebElement]:
        """Every mention of the term in the widget, decorated or not."""
        return self.driver.find_elements(By.CSS_SELECTOR, f".gloss [data-term={json.dumps(term_id)}]")

    def decorated_mentions(self, term_id: str | None = None) -> list[WebElement]:
        """Keyboard-focusable mentions (of one term, or of any), in document order."""
        return self.driver.execute_script(_FOCUSABLE_MENTIONS_JS, term_id)

    def decorated_mention(self, term_id: str) -> WebElement:
        found = self.decorated_mentions(term_id)
        assert found, f"no keyboard-focusable [data-term={term_id!r}] mention in the widget"
        return found[0]

    # -- acting ------------------------------------------------------------

    def scroll_to(self, el: WebElement, block: str = "center"):
        self.driver.execute_script(
            "arguments[0].scrollIntoView({block: arguments[1], inline: 'nearest'})", el, block)

    def hover(self, el: WebElement, scroll: bool = True):
        """Move the mouse onto the element (its first line's centre)."""
        if scroll:
            self.scroll_to(el)
        ActionChains(self.driver).move_to_element(el).perform()

    def move_mouse_to(self, x: float, y: float):
        actions = ActionBuilder(self.driver)
        actions.pointer_action.move_to_location(int(x), int(y))
        actions.perform()

    def move_mouse_away(self, *avoid: WebElement):
        """Move the mouse to a quiet spot of the widget, as far as possible
        from the given elements."""
        x, y = self.quiet_spot(*avoid)
        self.move_mouse_to(x, y)

    def focus(self, el: WebElement):
        """Give the element focus from script (tests that mean 'the reader
        pressed Tab' use `tab_to_term` instead)."""
        self.driver.execute_script("arguments[0].focus()", el)

    def press(self, key: str):
        """Press a key on whatever has focus: a `Keys` value or a name such
        as "Escape", "Tab", "Enter"."""
        key = getattr(Keys, key.upper(), key) if len(key) > 1 else key
        ActionChains(self.driver).send_keys(key).perform()

    def tab_to_term(self, max_presses: int = 60) -> WebElement:
        """Press Tab from the start of the page until a term mention has
        focus; return it."""
        self.driver.execute_script(
            "document.activeElement && document.activeElement.blur && document.activeElement.blur()")
        for _ in range(max_presses):
            self.press("Tab")
            active = self.active_element()
            if active.get_attribute("data-term") is not None:
                return active
        raise AssertionError(f"no [data-term] got focus within {max_presses} Tab presses")

    def tap(self, el: WebElement):
        """Tap the element with a touch pointer; engines that reject touch
        input get a plain click instead (counted in `touch_fallbacks`)."""
        self.scroll_to(el)
        rects = self.rects(el)
        box = rects["lines"][0] if rects["lines"] else rects["box"]
        x, y = (box["left"] + box["right"]) / 2, (box["top"] + box["bottom"]) / 2
        if not self.tap_at(x, y):
            el.click()

    def tap_at(self, x: float, y: float) -> bool:
        """Tap a viewport point with a touch pointer; False if the engine
        rejects touch input (the caller then clicks instead)."""
        finger = PointerInput(interaction.POINTER_TOUCH, "finger")
        actions = ActionBuilder(self.driver, mouse=finger)
        actions.pointer_action.move_to_location(int(x), int(y)).pointer_down().pointer_up()
        try:
            actions.perform()
            return True
        except WebDriverException as err:
            self.touch_fallbacks += 1
            warnings.warn(f"{self.engine} rejected touch input, clicking instead: {err.msg}")
            return False
        finally:
            try:
                actions.clear_actions()
            except WebDriverException:
                pass

    def tap_elsewhere(self, *avoid: WebElement):
        """Tap the article text away from the given elements (and from any
        term, card, link or control)."""
        x, y = self.quiet_spot(*avoid, in_text=True)
        if not self.tap_at(x, y):
            actions = ActionBuilder(self.driver)
            actions.pointer_action.move_to_location(int(x), int(y)).click()
            actions.perform()

    # -- seeing ------------------------------------------------------------

    def active_element(self) -> WebElement:
        return self.driver.switch_to.active_element

    def card(self, term_id: str) -> WebElement | None:
        """The visible hovercard of the term, or None."""
        for el in self.driver.find_elements(By.CSS_SELECTOR,
                                            f"[data-gloss-card={json.dumps(term_id)}]"):
            try:
                if el.is_displayed():
                    return el
            except StaleElementReferenceException:
                continue
        return None

    def open_cards(self) -> list[str]:
        """Term ids of every visible hovercard."""
        ids = []
        for el in self.driver.find_elements(By.CSS_SELECTOR, "[data-gloss-card]"):
            try:
                if el.is_displayed():
                    ids.append(el.get_attribute("data-gloss-card"))
            except StaleElementReferenceException:
                continue
        return ids

    def wait_for_card(self, term_id: str, timeout: float = CARD_TIMEOUT) -> WebElement:
        try:
            return WebDriverWait(self.driver, timeout, poll_frequency=0.05,
                                 ignored_exceptions=(StaleElementReferenceException,)
                                 ).until(lambda d: self.card(term_id))
        except TimeoutException:
            raise AssertionError(
                f"no visible [data-gloss-card={term_id!r}] within {timeout} s "
                f"(visible cards: {self.open_cards()})") from None

    def wait_for_no_card(self, term_id: str | None = None, timeout: float = CARD_TIMEOUT):
        """Wait until the term's card (or every card) is closed."""
        def closed(_):
            return self.card(term_id) is None if term_id else not self.open_cards()
        try:
            WebDriverWait(self.driver, timeout, poll_frequency=0.05,
                          ignored_exceptions=(StaleElementReferenceException,)).until(closed)
        except TimeoutException:
            raise AssertionError(
                f"card still open {timeout} s later (visible cards: {self.open_cards()})") from None

    def card_stays_open(self, term_id: str, seconds: float = 1.0) -> bool:
        """Whether the term's card stays visible for the whole period (a
        short, bounded poll)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if self.card(term_id) is None:
                return False
            time.sleep(0.1)
        return self.card(term_id) is not None

    def cards_stay_closed(self, seconds: float = 0.5) -> bool:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if self.open_cards():
                return False
            time.sleep(0.1)
        return not self.open_cards()

    def rects(self, el: WebElement) -> dict:
        """The element's bounding box and per-line boxes, in viewport
        coordinates (getBoundingClientRect / getClientRects)."""
        return self.driver.execute_script(_RECTS_JS, el)

    def viewport(self) -> tuple[float, float]:
        return tuple(self.driver.execute_script("return [window.innerWidth, window.innerHeight]"))

    def quiet_spot(self, *avoid: WebElement, in_text: bool = False) -> tuple[int, int]:
        boxes = [self.rects(el)["box"] for el in avoid]
        spot = self.driver.execute_script(_QUIET_SPOT_JS, boxes, in_text)
        if spot is None and in_text:
            spot = self.driver.execute_script(_QUIET_SPOT_JS, boxes, False)
        assert spot, "no visible point in the widget that is clear of terms, cards and controls"
        return spot[0], spot[1]


@pytest.fixture
def reader(browser, sessions, base_url, engine) -> Reader:
    return Reader(browser, base_url, engine, sessions)
