"""Questions on the terminal for `portal new`: one answer a line, a choice by its number or its
word in any case.

Questions and everything said about an answer go to standard error, so standard output only
carries the result ("aangemaakt: ..."), as with every other command of the portal.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


class Stopped(Exception):
    """The editor ended the input (Ctrl+D) or interrupted (Ctrl+C) before everything was answered."""

    def __init__(self, question: str, *, interrupted: bool) -> None:
        self.question = question
        self.interrupted = interrupted
        super().__init__(question)

    def sentence(self) -> str:
        if self.interrupted:
            return "gestopt (Ctrl+C); er is niets geschreven"
        return (f"geen antwoord op '{self.question}' (de invoer is afgelopen); er is niets geschreven. Geef het "
                "antwoord mee als optie (zie portal new --help) of start opnieuw")


def ask(question: str, choices: Sequence[str] = (), *, optional: bool = False) -> str:
    """One line from standard input after the question (and the numbered choices, if any).

    The end of the input stops everything (Stopped), except at an `optional` question when the
    input is not a terminal: a script that gave every flag it needs has closed it, and an
    optional field is then left out as before."""
    for number, choice in enumerate(choices, start=1):
        say(f"  {number}. {choice}")
    prompt = f"{question} (een nummer of de naam): " if choices else f"{question}: "
    print(prompt, end="", file=sys.stderr, flush=True)
    try:
        line = sys.stdin.readline()
    except KeyboardInterrupt:
        raise Stopped(question, interrupted=True) from None
    if not line and optional and not sys.stdin.isatty():
        say("")
        return ""
    if not line:
        say("")  # the terminal's cursor is still behind the question
        raise Stopped(question, interrupted=False)
    return line.rstrip("\r\n")


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def pick(answer: str, choices: Sequence[str]) -> str:
    """The choice an answer means: its number, or its text in any case with any spaces around it
    (and single spaces inside). Anything else comes back as typed, without the outer spaces, so
    that the check can say what is wrong with it."""
    text = answer.strip()
    if text.isdigit() and 1 <= int(text) <= len(choices):
        return choices[int(text) - 1]
    wanted = " ".join(text.split()).casefold()
    return next((choice for choice in choices if choice.casefold() == wanted), text)
