"""site_config/strings.yml holds every word the renderers need, in every language alike."""

from __future__ import annotations

from ..model import Strings
from ..problems import Problem
from ..render.labels import PAGE_KEYS, REQUIRED_KEYS, placeholders
from ..yaml_source import YamlDocument

DEFAULT_LANGUAGE = "nl"


def check_strings(
    doc: YamlDocument, strings: Strings, languages: tuple[str, ...] = (DEFAULT_LANGUAGE,),
    calendar_languages: tuple[str, ...] = (DEFAULT_LANGUAGE,),
) -> list[Problem]:
    """nl has exactly the words the renderers use; every site language has the words of any page,
    and the calendar's languages all of them; translations keep the same {places}."""
    if DEFAULT_LANGUAGE not in strings.root:
        return [Problem(doc.display_path, 1, 1, f"de teksten voor de taal {DEFAULT_LANGUAGE} ontbreken; begin met '{DEFAULT_LANGUAGE}:'")]
    problems = []
    base = strings.root[DEFAULT_LANGUAGE]
    for key in sorted(REQUIRED_KEYS - base.keys()):
        problems.append(doc.problem_at((DEFAULT_LANGUAGE,), f"mist de tekst '{key}'; voeg die toe", of_key=True))
    for key in sorted(base.keys() - REQUIRED_KEYS):
        problems.append(doc.problem_at((DEFAULT_LANGUAGE, key), "wordt nergens gebruikt; haal deze tekst weg of controleer de spelling", of_key=True))
    for language in languages:
        if language not in strings.root:
            problems.append(Problem(doc.display_path, 1, 1, f"de teksten voor de taal {language} ontbreken; "
                                    f"de site heeft die taal wel: voeg '{language}:' toe"))
    for language, words in strings.root.items():
        if language == DEFAULT_LANGUAGE:
            continue
        needed = REQUIRED_KEYS if language in calendar_languages else PAGE_KEYS
        for key in sorted(needed - words.keys()):
            problems.append(doc.problem_at((language,), f"mist de tekst '{key}' (die staat wel bij {DEFAULT_LANGUAGE})", of_key=True))
        for key, text in words.items():
            if key not in base:
                problems.append(doc.problem_at((language, key), f"bestaat niet bij {DEFAULT_LANGUAGE}; controleer de spelling", of_key=True))
            elif placeholders(text) != placeholders(base[key]):
                wanted = ", ".join("{" + name + "}" for name in sorted(placeholders(base[key]))) or "geen"
                problems.append(doc.problem_at((language, key), f"moet dezelfde invulplekken hebben als bij {DEFAULT_LANGUAGE}: {wanted}"))
    return problems
