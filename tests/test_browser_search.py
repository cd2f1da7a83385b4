"""Search per language in a real browser: a Polish word finds its Polish page, and only pages of
the reader's language come up (Polish has no stemmer in Material's search; see search.py)."""

from __future__ import annotations

import re

import pytest

from browser import DESKTOP, fix_clock
from conftest import BROWSER_BUILD_NOW
from arbeidsmigranten_portaal.clock import parse_local


def search(chromium, url: str, words: str) -> list[str]:
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    fix_clock(page, parse_local(BROWSER_BUILD_NOW, "now"))
    page.goto(url)
    page.click(".md-search__input")
    page.keyboard.type(words)
    # Material searches on keyup; Playwright types letters outside the US keyboard (Polish,
    # Cyrillic) as inserted text without key events, which a real keyboard does send.
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item")
    links = [a.get_attribute("href") for a in page.query_selector_all(".md-search-result__link")]
    context.close()
    return links


def longest_word(text: str) -> str:
    return max(re.findall(r"\w+", text), key=len)


@pytest.mark.parametrize("language", ["pl", "bg", "ro", "en"])
def test_a_word_of_the_page_finds_it_in_its_own_language(chromium, served_site: str, language: str) -> None:
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(served_site + f"{language}/meldpunt/")
    word = longest_word(page.locator("article h1").inner_text())
    context.close()
    links = search(chromium, served_site + f"{language}/", word)
    assert links, word
    assert links[0].split("?")[0] == served_site + f"{language}/meldpunt/", (word, links)
    assert all(link.startswith(served_site + f"{language}/") for link in links), links


def test_dutch_search_finds_only_dutch_pages(chromium, served_site: str) -> None:
    links = search(chromium, served_site, "meldpunt")
    assert links and not [link for link in links if re.match(re.escape(served_site) + r"(en|pl|ro|bg)/", link)]
