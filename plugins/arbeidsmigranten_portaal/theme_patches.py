#!/usr/bin/env python3
"""Material templates that the portal changes, written from the installed Material plus patches.

Some of Material's accessibility and HTML-validity failures sit in templates without blocks to
override, so the toolkit ships patched copies in its theme folder (theme/, put in front of
Material's templates by the plugin). They are made from the installed Material by the patches
below, never edited by hand, so every change is visible here and a Material upgrade only means
running this again:

    .venv/bin/python -m arbeidsmigranten_portaal.theme_patches          # rewrite the copies
    .venv/bin/python -m arbeidsmigranten_portaal.theme_patches --check  # exit 1 if a copy is out of date

tests/test_material_overrides.py runs the check.
"""

from __future__ import annotations

import sys
from pathlib import Path

import material

OVERRIDES = Path(__file__).resolve().parent / "theme"
MATERIAL = Path(material.__file__).parent / "templates"
GENERATED_HEADER = "{#-\n  This file was automatically generated - do not edit\n-#}\n"

# template -> (why, [(Material's text, our text), ...]); each Material text must occur exactly once.
PATCHES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "base.html": (
        'autocomplete="off" is not allowed on checkboxes (Nu validator: 2 errors on every page); '
        "pages of another language search their own index (plugins/arbeidsmigranten_portaal/search.py); Material's "
        '<link rel="alternate" hreflang> links go: its script fetches a sitemap.xml next to every such '
        "link (404s on every page), and they name language home pages, not the same page; main.html "
        "writes the page's real translations instead. The <title> is escaped: Jinja's striptags decodes "
        "&lt; back into <, so a heading written as &lt;/title&gt; would otherwise end the element.",
        [
            (
                """      {% if config.extra.alternate is iterable %}
        {% for alt in config.extra.alternate %}
          <link rel="alternate" href="{{ alt.link | url }}" hreflang="{{ alt.lang | d(lang.t('language')) }}">
        {% endfor %}
      {% endif %}
""",
                "",
            ),
            (
                '"base": base_url,',
                '"base": (base_url ~ "/" ~ portal_search_base) if portal_search_base else base_url,',
            ),
            (
                # page.meta.title is escaped already: the portal writes generated titles escaped, and
                # refuses HTML characters and entities in an editor's front matter.
                "<title>{{ page.meta.title }} - {{ config.site_name }}</title>",
                "<title>{{ page.meta.title }} - {{ config.site_name | e }}</title>",
            ),
            (
                "<title>{{ page.title | striptags }} - {{ config.site_name }}</title>",
                "<title>{{ page.title | striptags | e }} - {{ config.site_name | e }}</title>",
            ),
            (
                "<title>{{ config.site_name }}</title>",
                "<title>{{ config.site_name | e }}</title>",
            ),
            (
                '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
                '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">',
            ),
            (
                '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
                '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">',
            ),
            # The navigation, the tabs and the footer are the same on every generated page of one
            # folder (such a page is not in the navigation, so nothing there is marked as its own,
            # and the links are relative to the folder): rendered once per folder and language, not
            # once per page (portal_shared in mkdocs_plugin.py; at a thousand sessions, seconds).
            (
                '{% include "partials/nav.html" %}',
                '{% call portal_shared("nav") %}{% include "partials/nav.html" %}{% endcall %}',
            ),
            (
                '            {% include "partials/tabs.html" %}\n          {% endif %}',
                '            {% call portal_shared("tabs") %}{% include "partials/tabs.html" %}{% endcall %}\n'
                '          {% endif %}',
            ),
            (
                '{% include "partials/footer.html" %}',
                '{% call portal_shared("footer") %}{% include "partials/footer.html" %}{% endcall %}',
            ),
            # The same for the head's styles and scripts and the page's settings for Material's
            # script: on one folder's generated pages they differ in nothing.
            (
                '    {% block styles %}\n',
                '    {% block styles %}{% call portal_shared("styles") %}\n',
            ),
            (
                '      {% include "partials/icons.html" %}\n    {% endblock %}',
                '      {% include "partials/icons.html" %}\n    {% endcall %}{% endblock %}',
            ),
            (
                '    {% for path in config.extra_css %}\n',
                '    {% call portal_shared("head") %}{% for path in config.extra_css %}\n',
            ),
            (
                '    {% include "partials/javascripts/base.html" %}\n',
                '    {% include "partials/javascripts/base.html" %}{% endcall %}\n',
            ),
            (
                '      {% include "partials/integrations/analytics.html" %}\n',
                '      {% call portal_shared("analytics") %}{% include "partials/integrations/analytics.html" %}{% endcall %}\n',
            ),
            (
                '    {% block config %}\n',
                '    {% block config %}{% call portal_shared("config") %}\n',
            ),
            (
                '        } | tojson -}}\n      </script>\n    {% endblock %}',
                '        } | tojson -}}\n      </script>\n    {% endcall %}{% endblock %}',
            ),
            (
                '    {% block scripts %}\n',
                '    {% block scripts %}{% call portal_shared("scripts") %}\n',
            ),
            (
                '      {% endfor %}\n    {% endblock %}\n  </body>',
                '      {% endfor %}\n    {% endcall %}{% endblock %}\n  </body>',
            ),
        ],
    ),
    "partials/nav-item.html": (
        'a section label got tabindex="" (Nu validator: not a valid integer); now no attribute at all.',
        [
            (
                '<label class="md-nav__link" for="{{ path }}" id="{{ path }}_label" tabindex="{{ tabindex }}">',
                '<label class="md-nav__link" for="{{ path }}" id="{{ path }}_label"'
                '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>',
            ),
            (
                '<label class="md-nav__link {{ class }}" for="{{ path }}" id="{{ path }}_label" tabindex="{{ tabindex }}">',
                '<label class="md-nav__link {{ class }}" for="{{ path }}" id="{{ path }}_label"'
                '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>',
            ),
        ],
    ),
    "partials/alternate.html": (
        "the language names in the switcher are in their own language (Polski, Български): "
        "lang on each link, so screen readers pronounce them right (WCAG 3.1.2). Letters beyond "
        "Latin-1 (Română, Български) are written as character references: a page's text is then "
        "one byte a letter in the build's memory instead of two or four (a calendar of thousands "
        "of sessions is megabytes); the browser shows the same letters.",
        [
            (
                '<a href="{{ alt.link | url }}" hreflang="{{ alt.lang }}" class="md-select__link">',
                '<a href="{{ alt.link | url }}" hreflang="{{ alt.lang }}" lang="{{ alt.lang }}" class="md-select__link">',
            ),
            (
                '              {{ alt.name }}\n',
                '              {{ alt.name | portal_latin1 }}\n',
            ),
        ],
    ),
    "partials/toc.html": (
        "pages outside the navigation (sessions, partners, posts) have no __toc checkbox, so the "
        "title is plain text there (Nu validator: label for a control that does not exist).",
        [
            (
                '''    <label class="md-nav__title" for="__toc">
      <span class="md-nav__icon md-icon"></span>
      {{ title }}
    </label>''',
                '''    {% if nav and page in nav.pages %}
    <label class="md-nav__title" for="__toc">
      <span class="md-nav__icon md-icon"></span>
      {{ title }}
    </label>
    {% else %}
    <div class="md-nav__title">{{ title }}</div>
    {% endif %}''',
            ),
        ],
    ),
    "partials/header.html": (
        "the organisation's name above the site's name, as on every municipal site (from "
        "site_config/site.yml, through the plugin as portal_organisation); the search form is "
        "rendered once per folder of generated pages, as the navigation (see base.html).",
        [
            (
                '{% include "partials/search.html" %}',
                '{% call portal_shared("search") %}{% include "partials/search.html" %}{% endcall %}',
            ),
            (
                '    <a href="{{ config.extra.homepage | d(nav.homepage.url, true) | url }}" title=',
                '    {% call portal_shared("header_logo") %}'
                '<a href="{{ config.extra.homepage | d(nav.homepage.url, true) | url }}" title=',
            ),
            (
                '      {% include ".icons/" ~ icon ~ ".svg" %}\n    </label>\n    <div class="md-header__title"',
                '      {% include ".icons/" ~ icon ~ ".svg" %}\n    </label>{% endcall %}\n    <div class="md-header__title"',
            ),
            (
                """        <div class="md-header__topic">
          <span class="md-ellipsis">
            {{ config.site_name }}
          </span>
        </div>""",
                """        <div class="md-header__topic portal-header__topic">
          <span class="md-ellipsis">
            {%- if portal_organisation %}<span class="portal-header__org">{{ portal_organisation | e }}</span>{% endif %}
            {{ config.site_name }}
          </span>
        </div>""",
            ),
        ],
    ),
    "partials/search.html": (
        "the search dialog gets an accessible name (axe: aria-dialog-name).",
        [
            (
                '<div class="md-search" data-md-component="search" role="dialog">',
                '<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">',
            ),
        ],
    ),
    "partials/post.html": (
        'the "continue reading" link is a paragraph instead of an unnamed <nav> per excerpt (axe: '
        "landmark-unique), and names the post for screen readers.",
        [
            (
                '''      <nav class="md-post__action">
        <a href="{{ post.url | url }}">
          {{ lang.t("blog.continue") }}
        </a>
      </nav>''',
                '''      <p class="md-post__action">
        <a href="{{ post.url | url }}">
          {{ lang.t("blog.continue") }}<span class="portal-sr-only">: {{ post.title }}</span>
        </a>
      </p>''',
            ),
        ],
    ),
    "blog-post.html": (
        "the post's navigation landmarks get their own names, apart from the site navigation (axe: "
        "landmark-unique); the title escaped again after striptags, which decodes &lt; back into <.",
        [
            (
                '          <nav class="md-nav md-nav--primary">',
                '          <nav class="md-nav md-nav--primary" aria-label="{{ page.title | striptags | e }}">',
            ),
            (
                '''                <nav class="md-nav">
                  <ul class="md-nav__list">
                    <li class="md-nav__item">
                      <div class="md-nav__link">
                        {% include ".icons/material/calendar.svg" %}''',
                '''                <nav class="md-nav" aria-label="{{ lang.t('blog.meta') }}">
                  <ul class="md-nav__list">
                    <li class="md-nav__item">
                      <div class="md-nav__link">
                        {% include ".icons/material/calendar.svg" %}''',
            ),
            (
                '''                  <nav class="md-nav">
                    <ul class="md-nav__list">
                      {% for nav_item in page.config.links %}''',
                '''                  <nav class="md-nav" aria-label="{{ lang.t('blog.references') }}">
                    <ul class="md-nav__list">
                      {% for nav_item in page.config.links %}''',
            ),
        ],
    ),
}


def patched(name: str) -> str:
    why, replacements = PATCHES[name]
    text = (MATERIAL / name).read_text(encoding="utf-8")
    for old, new in replacements:
        if text.count(old) != 1:
            raise SystemExit(f"{name}: Material's text to patch was not found exactly once:\n{old}")
        text = text.replace(old, new)
    header = (
        "{#-\n"
        f"  Material's {name} ({material.__version__}), patched by arbeidsmigranten_portaal/theme_patches.py; do not edit.\n"
        f"  Why: {why}\n"
        "-#}\n"
    )
    return header + text.removeprefix(GENERATED_HEADER)


def main(argv: list[str]) -> int:
    stale = []
    for name in PATCHES:
        target = OVERRIDES / name
        text = patched(name)
        if "--check" in argv:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    if stale:
        print("out of date (run python -m arbeidsmigranten_portaal.theme_patches): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
