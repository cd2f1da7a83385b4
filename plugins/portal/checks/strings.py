"""site_config/strings.yml holds every word the renderers need, in every language alike."""

from __future__ import annotations

from ..model import Strings
from ..problems import Problem
from ..render.labels import REQUIRED_KEYS, placeholders
from ..yaml_source import YamlDocument

DEFAULT_LANGUAGE = "nl"


def check_strings(doc: YamlDocument, strings: Strings) -> list[Problem]:
    languages = strings.root
    if DEFAULT_LANGUAGE not in languages:
        return [Problem(doc.display_path, 1, 1, f"de teksten voor de taal {DEFAULT_LANGUAGE} ontbreken; begin met '{DEFAULT_LANGUAGE}:'")]
    problems = []
    base = languages[DEFAULT_LANGUAGE]
    for key in sorted(REQUIRED_KEYS - base.keys()):
        problems.append(doc.problem_at((DEFAULT_LANGUAGE,), f"mist de tekst '{key}'; voeg die toe", of_key=True))
    for key in sorted(base.keys() - REQUIRED_KEYS):
        problems.append(doc.problem_at((DEFAULT_LANGUAGE, key), "wordt nergens gebruikt; haal deze tekst weg of controleer de spelling", of_key=True))
    for language, words in languages.items():
        if language == DEFAULT_LANGUAGE:
            continue
        for key in sorted(base.keys() - words.keys()):
            problems.append(doc.problem_at((language,), f"mist de tekst '{key}' (die staat wel bij {DEFAULT_LANGUAGE})", of_key=True))
        for key, text in words.items():
            if key not in base:
                problems.append(doc.problem_at((language, key), f"bestaat niet bij {DEFAULT_LANGUAGE}; controleer de spelling", of_key=True))
            elif placeholders(text) != placeholders(base[key]):
                wanted = ", ".join("{" + name + "}" for name in sorted(placeholders(base[key]))) or "geen"
                problems.append(doc.problem_at((language, key), f"moet dezelfde invulplekken hebben als bij {DEFAULT_LANGUAGE}: {wanted}"))
    return problems
