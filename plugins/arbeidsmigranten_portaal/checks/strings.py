"""site_config/strings.yml holds every word the renderers need, in every language alike, and
each text uses only the {places} its renderer fills in."""

from __future__ import annotations

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode

from ..model import Strings
from ..placeholders import LONE_CLOSE, LONE_OPEN, NOT_A_NAME, TemplateError, first_error, listed, names
from ..problems import Problem
from ..render.labels import PAGE_KEYS, REQUIRED_KEYS, places_of
from ..yaml_source import YamlDocument, field_name

DEFAULT_LANGUAGE = "nl"
# The longest text the site ships is about 250 characters; a text four times that is no label
# any more, and a bound keeps a text with many {places} from blowing up every page it is on.
MAX_TEXT_LENGTH = 1000

_WHAT_IS_WRONG = {
    LONE_OPEN: "heeft een { zonder } erna",
    LONE_CLOSE: "heeft een } zonder { ervoor",
    NOT_A_NAME: "heeft tussen accolades iets anders dan alleen een naam, zoals een punt, haakje of dubbele punt",
}


def check_strings(
    doc: YamlDocument, strings: Strings, languages: tuple[str, ...] = (DEFAULT_LANGUAGE,),
    calendar_languages: tuple[str, ...] = (DEFAULT_LANGUAGE,),
) -> list[Problem]:
    """nl has exactly the words the renderers use; every site language has the words of any page,
    and the calendar's languages all of them; each text uses only its own {places}, and
    translations keep the same ones. One problem per text at most."""
    if DEFAULT_LANGUAGE not in strings.root:
        return [Problem(doc.display_path, 1, 1, f"de teksten voor de taal {DEFAULT_LANGUAGE} ontbreken; begin met '{DEFAULT_LANGUAGE}:'")]
    problems = []
    base = strings.root[DEFAULT_LANGUAGE]
    texts = _TextPositions(doc)
    for key in sorted(REQUIRED_KEYS - base.keys()):
        problems.append(doc.problem_at((DEFAULT_LANGUAGE,), f"mist de tekst '{key}'; voeg die toe", of_key=True))
    for key in sorted(base.keys() - REQUIRED_KEYS):
        problems.append(doc.problem_at((DEFAULT_LANGUAGE, key), "wordt nergens gebruikt; haal deze tekst weg of controleer de spelling", of_key=True))
    # The texts of nl that translations are compared with: known and without a problem.
    sound_base = set()
    for key in sorted(base.keys() & REQUIRED_KEYS):
        problem = _template_problem(doc, texts, DEFAULT_LANGUAGE, key, base[key])
        if problem is None:
            sound_base.add(key)
        else:
            problems.append(problem)
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
                continue
            problem = _template_problem(doc, texts, language, key, text)
            if problem is not None:
                problems.append(problem)
            elif key in sound_base and names(text) != names(base[key]):
                wanted = ", ".join("{" + name + "}" for name in sorted(names(base[key]))) or "geen"
                problems.append(doc.problem_at((language, key), f"moet dezelfde invulplekken hebben als bij {DEFAULT_LANGUAGE}: {wanted}"))
    return problems


def _template_problem(doc: YamlDocument, texts: "_TextPositions", language: str, key: str, text: str) -> Problem | None:
    allowed = places_of(key)
    if len(text) > MAX_TEXT_LENGTH:
        return doc.problem_at((language, key), f"is {len(text)} tekens lang en mag hooguit {MAX_TEXT_LENGTH} tekens "
                                               "zijn; maak de tekst korter")
    error = first_error(text, allowed)
    if error is None:
        return None
    what = _WHAT_IS_WRONG.get(error.kind, "heeft een invulplek die de site in deze tekst niet invult")
    if allowed:
        rule = f"hier kunt u alleen {listed(allowed)} gebruiken"
    else:
        rule = "deze tekst heeft geen invulplekken"
    line, col = texts.position(language, key, text, error)
    return Problem(doc.display_path, line, col,
                   f'"{field_name((language, key), doc.stem)}" {what}; {rule}, en een accolade als gewoon teken '
                   "schrijft u dubbel: {{ of }}", error.written)


class _TextPositions:
    """Where in the file the brace of a TemplateError stands, so the problem points at it and
    not only at the start of a long text."""

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self._root: Node | None = None
        self._composed = False

    def position(self, language: str, key: str, text: str, error: TemplateError) -> tuple[int, int]:
        fallback = self.doc.position((language, key))
        node = self._scalar(language, key)
        # ruamel marks where a folded (>) text was folded with \a; the text itself has none.
        if node is None or node.value.replace("\a", "") != text.replace("\a", ""):
            return fallback
        source = self.doc.text
        start, end = node.start_mark.index, node.end_mark.index
        if node.style in ("|", ">"):  # the header line (`>-  # comment`) holds no content
            start = source.find("\n", start, end) + 1 or end
        in_source = [i for i in range(start, end) if source[i] in "{}"]
        in_text = [i for i, char in enumerate(text) if char in "{}"]
        # Escapes such as "\x7b" in a double-quoted text write a brace without one in the file;
        # then the braces do not line up, and the start of the text is the best place to point.
        if len(in_source) != len(in_text) or error.offset not in in_text:
            return fallback
        index = in_source[in_text.index(error.offset)]
        line = source.count("\n", 0, index) + 1
        return line, index - (source.rfind("\n", 0, index) + 1) + 1

    def _scalar(self, language: str, key: str) -> ScalarNode | None:
        if not self._composed:
            self._composed = True
            try:
                self._root = YAML(typ="rt").compose(self.doc.text)
            except (YAMLError, RecursionError, ValueError):
                self._root = None
        node = self._root
        for part in (language, key):
            if not isinstance(node, MappingNode):
                return None
            node = next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == part), None)
        return node if isinstance(node, ScalarNode) else None
