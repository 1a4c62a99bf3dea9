"""What a SPARQL query may ask of jjjkg, checked on its tokens before Oxigraph sees it.

jjjkg answers queries on its own graph and nothing else, from `jjjkg query` and `jjjkg serve`
alike. Oxigraph (pyoxigraph 0.5) would send a `SERVICE <http://…>` clause over HTTP to any host,
`SERVICE SILENT` quietly, with no switch to turn that off; its recursive-descent parser overflows
the stack on a few thousand nested brackets (5,000 `(` abort the server, 50,000 `{` segfault the
CLI); and an update it refuses only with a parser message ("expected CONSTRUCT"). So the query text
is split into SPARQL's tokens (comments, strings, IRIs, variables, prefixed names, language tags
and bare words) and refused, with a message that says why, when it

- is longer than MAX_QUERY_CHARS,
- holds the keyword SERVICE (outside strings, IRIs and comments, in any letter case),
- is an update (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, COPY, MOVE, ADD, WITH),
- nests brackets ( { [ deeper than MAX_NESTING (the catalogue's deepest query nests 6),
- holds more than MAX_OPERATORS keywords and operators (the catalogue's longest holds under 100).
  Oxigraph evaluates a chain of them recursively without brackets: 10,000 `!` or `+1`, 3,000
  `MINUS {…}` or `BIND(…)` in a row kill the process with SIGSEGV (measured, pyoxigraph 0.5.13);
  1,000 stays a third of the way below the least of these. Terms (IRIs, prefixed names,
  literals, numbers, variables) do not count, so a long VALUES list is fine.

Keywords cannot be spelled with `\\u` escapes in Oxigraph's grammar (they are decoded in strings
and IRIs only), so the raw text is what is checked. Everything else, syntax errors included, is left
to Oxigraph's parser, which then gets only bounded input.
"""
from __future__ import annotations

import re

MAX_QUERY_CHARS = 100_000
MAX_NESTING = 64
MAX_OPERATORS = 1000
NOT_OPERATORS = frozenset(".,;")
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})

_TOKEN = re.compile(r"""
    (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<variable>[?$][^\s(){}\[\],;.'"<>#?$@=!|&^+*/]+)
  | (?P<language>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<name>(?:[^\W\d][\w.-]*)?:(?:[^\s(){}\[\],;'"<>#]|\\.)*)
  | (?P<word>[^\W\d][\w.-]*)
  | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<open>[({\[])
  | (?P<close>[)}\]])
  | (?P<other>\S)
""", re.VERBOSE | re.DOTALL)


class RefusedQuery(ValueError):
    """A query jjjkg will not run; the message says why in one line."""


def check_query(text: str) -> None:
    """Raise RefusedQuery if the query reaches beyond this graph, changes it, or nests too deep."""
    if len(text) > MAX_QUERY_CHARS:
        raise RefusedQuery(f"the query is {len(text):,} characters long; at most {MAX_QUERY_CHARS:,} are accepted")
    depth = operators = 0
    for token in _TOKEN.finditer(text):
        kind = token.lastgroup
        if kind == "word" or (kind == "other" and token.group() not in NOT_OPERATORS):
            operators += 1
            if operators > MAX_OPERATORS:
                line = text.count("\n", 0, token.start()) + 1
                raise RefusedQuery(f"line {line}: the query holds more than {MAX_OPERATORS:,} keywords and operators; "
                                   "split it into smaller queries")
        if kind == "open":
            depth += 1
            if depth > MAX_NESTING:
                line = text.count("\n", 0, token.start()) + 1
                raise RefusedQuery(f"line {line}: brackets nest deeper than {MAX_NESTING} levels")
        elif kind == "close":
            depth = max(depth - 1, 0)
        elif kind == "word":  # a keyword, or keywords run together with dots or hyphens
            for word in re.split(r"[.-]", token.group().upper()):
                _check_keyword(word, text, token.start())


def _check_keyword(word: str, text: str, at: int) -> None:
    line = text.count("\n", 0, at) + 1
    if word == "SERVICE":
        raise RefusedQuery(f"line {line}: SERVICE is refused: queries run on this graph only and never "
                           "reach another host")
    if word in UPDATE_KEYWORDS:
        raise RefusedQuery(f"line {line}: {word} is an update, and updates are refused: this graph is read-only")


def declares_dataset(text: str) -> bool:
    """True when the query names its own dataset (FROM or FROM NAMED, outside strings and comments)."""
    return any(token.lastgroup == "word" and token.group().upper() == "FROM" for token in _TOKEN.finditer(text))
