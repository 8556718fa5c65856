"""The explainers' own data, as the tests need it: the TOML front matter of
an explainer file (read with `tomllib`), and the plain text a reader sees of
it, so tests compare what the page shows with what the author wrote instead
of with text copied into the tests."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path


def read_front_matter(path: Path) -> dict:
    """The TOML between the first two `+++` lines of an explainer file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].strip() != "+++":
        raise ValueError(f"{path}: does not start with a `+++` front matter line")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "+++")
    except StopIteration:
        raise ValueError(f"{path}: front matter has no closing `+++` line") from None
    return tomllib.loads("\n".join(lines[1:end]))


_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                       "\u00a0": " ", "\u2013": "-", "\u2014": "-", "\u2026": "..."})


def normalize(text: str) -> str:
    """Text as compared by tests: NFC, typographic quotes and dashes folded,
    whitespace collapsed. Rendering may apply smart punctuation; the data
    need not."""
    text = unicodedata.normalize("NFC", text).translate(_FOLD)
    return " ".join(text.split())


def plain_text(inline_markdown: str) -> str:
    """What a reader sees of a line of inline Markdown: link labels without
    their URLs, no emphasis or code markers, no backslash escapes."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", inline_markdown)
    text = re.sub(r"\\(.)", r"\1", text.replace("\\\\", "\x00"))
    text = re.sub(r"[*_`]", "", text).replace("\x00", "\\")
    return normalize(text)


def leading_words(text: str, at_least: int = 40) -> str:
    """The shortest run of whole leading words of `text` that is at least
    `at_least` characters long (or all of it)."""
    words, out = text.split(), []
    for word in words:
        out.append(word)
        if len(" ".join(out)) >= at_least:
            break
    return " ".join(out)


@dataclass(frozen=True)
class Explainer:
    """One explainer source file and its parsed front matter."""

    path: Path
    front_matter: dict

    @property
    def src(self) -> str:
        """The value of `?src=` that loads this explainer from the dist."""
        return f"explainers/{self.path.name}"

    @property
    def title(self) -> str:
        return self.front_matter["title"]

    @property
    def terms(self) -> dict:
        return self.front_matter.get("terms", {})

    def summary(self, term_id: str) -> str:
        """The term's summary as plain, normalized text."""
        return plain_text(self.terms[term_id]["summary"])
