"""The fuzz test's SPARQL strings: catalogue queries mutated token-wise and byte-wise, and hostile
queries made from scratch (deep nesting, SERVICE, updates, huge literals, \\u escapes).

Every address a SERVICE, FROM or LOAD names is 127.0.0.1 port 9 (nothing listens there), so a query
that is wrongly run reaches no other host.
"""
from __future__ import annotations

import random
import re
from collections.abc import Callable

from fuzz_mutate import GENERIC, Mutation

NOWHERE = "http://127.0.0.1:9"  # loopback, discard port: refused at once if anything tries it
PREFIXES = ("PREFIX jjj: <https://w3id.org/jjjkg/ontology#>\nPREFIX ent: <https://w3id.org/jjjkg/entity/>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")
TOKEN = re.compile(r"""<[^<>"{}|^`\\\s]*>|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|[?$]\w+|#[^\n]*"""
                   r"""|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|[A-Za-z_][\w-]*(?::[\w.-]*)?|:[\w.-]*|\^\^|&&|\|\||!=|<=|>="""
                   r"""|\s+|\S""")
POOL: list[str] = [
    "{", "}", "(", ")", "[", "]", ".", ";", ",", "*", "a", "?x", "$y", "?s", "SELECT", "WHERE", "FILTER",
    "OPTIONAL", "UNION", "MINUS", "GRAPH", "SERVICE", "SERVICE SILENT", f"SERVICE <{NOWHERE}/sparql>", "BIND",
    "AS", "VALUES", "UNDEF", "GROUP BY", "ORDER BY", "HAVING", "LIMIT", "OFFSET", "DISTINCT", "1e999999",
    "99999999999999999999999999999", "-0", '"x"@zh-CN', '"x"@zh CN', '"x"@中文', '"x"^^xsd:integer',
    '"abc"^^<http://www.w3.org/2001/XMLSchema#decimal>', '"1e999999"^^<http://www.w3.org/2001/XMLSchema#double>',
    f"<{NOWHERE}/>", "<>", "<../../etc/passwd>", "ent:", "jjj:nope", "undeclared:x", "rdfs:label", "COUNT(*)",
    "COUNT(", 'REGEX(?x, "(a+)+$")', '"\\u0000"', '"\\uD800"', "\\u0000", "INSERT DATA", "DELETE WHERE",
    f"LOAD <{NOWHERE}/x.ttl>", "CLEAR ALL", "DROP ALL", "DESCRIBE", "CONSTRUCT", "ASK", f"FROM <{NOWHERE}/g>",
    "FROM NAMED", f"PREFIX x: <{NOWHERE}/>", "BASE <x:>", '"""', "'''", "#", "||", "&&", "!", "^^", "@", "/",
    "|", "^", "+", "?", "NOT EXISTS", "EXISTS", "IN", "STR(", "LANG(", "xsd:dateTime(", "NOW()", "RAND()",
]
Generator = Callable[[random.Random], tuple[str, str]]


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def mutate_tokens(rng: random.Random, text: str) -> tuple[str, str]:
    """Delete, copy, swap, replace or insert tokens of a query (one to three times)."""
    parts, done = tokens(text), []
    for _ in range(rng.choice([1, 1, 2, 3])):
        solid = [i for i, t in enumerate(parts) if not t.isspace() and not t.startswith("#")] or [0]
        at, other = rng.choice(solid), rng.choice(solid)
        action = rng.choice(["delete", "copy", "swap", "replace", "insert"])
        word = rng.choice(POOL)
        if not parts:
            parts = [word]
        elif action == "delete":
            word = parts.pop(at)
        elif action == "copy":
            parts.insert(other, " " + parts[at] + " ")
        elif action == "swap":
            parts[at], parts[other] = parts[other], parts[at]
        elif action == "replace":
            parts[at] = f" {word} "
        else:
            parts.insert(at, f" {word} ")
        done.append(f"{action} token {at}" + (f" -> {word!r}" if action in ("replace", "insert") else ""))
    return "".join(parts), "; ".join(done)


def mutate_bytes(rng: random.Random, data: bytes) -> Mutation:
    mutator = rng.choice(GENERIC)
    mutated, what = mutator(rng, data)
    return mutated, f"{mutator.__name__}: {what}"


def deep_nesting(rng: random.Random) -> tuple[str, str]:
    depth, kind = rng.choice([10, 100, 1_000, 5_000, 50_000]), rng.choice("({[/!-")
    if kind == "(":
        body = "?s ?p ?o FILTER(" + "(" * depth + "?o" + ")" * depth + ")"
    elif kind == "{":
        body = "{" * depth + " ?s ?p ?o " + "}" * depth
    elif kind == "[":
        body = "?s ?p " + "[ ?p " * depth + "?o" + " ]" * depth
    elif kind == "/":
        body = "?s " + "(" * depth + "rdfs:label" + ")" * depth + " ?o"
    elif kind == "!":
        body = "?s ?p ?o FILTER(" + "!" * depth + "BOUND(?o))"
    else:
        body = "?s ?p ?o BIND(" + "-" * depth + "1 AS ?n)"
    unclosed = rng.random() < 0.2
    if unclosed:
        body = body[: len(body) // 2]
    what = f"nesting of {kind!r} {depth} deep" + (", unclosed" if unclosed else "")
    return f"{PREFIXES}SELECT * WHERE {{ {body} }}", what


def service(rng: random.Random) -> tuple[str, str]:
    target = rng.choice([f"<{NOWHERE}/sparql>", "?endpoint", "<file:///etc/passwd>", "<http://[::1]:9/>",
                         f"<{NOWHERE}/\\u0041>", "<>"])
    silent = rng.choice(["", "SILENT "])
    inner = rng.choice(["?s ?p ?o", f"SERVICE {silent}{target} {{ ?s ?p ?o }}", ""])
    where = rng.choice([f"SERVICE {silent}{target} {{ {inner} }}",
                        f"?s ?p ?o OPTIONAL {{ SERVICE {silent}{target} {{ ?s ?q ?r }} }}",
                        f"VALUES ?endpoint {{ <{NOWHERE}/a> }} SERVICE {silent}?endpoint {{ ?s ?p ?o }}"])
    return f"{PREFIXES}SELECT * WHERE {{ {where} }}", f"SERVICE {silent}{target}"


def update(rng: random.Random) -> tuple[str, str]:
    operation = rng.choice([
        "INSERT DATA { <x:a> <x:b> <x:c> }", "DELETE WHERE { ?s ?p ?o }", f"LOAD <{NOWHERE}/x.ttl>",
        f"LOAD SILENT <{NOWHERE}/x.ttl> INTO GRAPH <x:g>", "CLEAR ALL", "DROP ALL", "CREATE GRAPH <x:g>",
        "ADD DEFAULT TO <x:g>", "MOVE DEFAULT TO <x:g>", "COPY DEFAULT TO <x:g>",
        "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
        "WITH <x:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "SELECT * WHERE { ?s ?p ?o } ; DROP ALL", "INSERT DATA { <x:a> <x:b> <x:c> } ; CLEAR DEFAULT",
    ])
    return PREFIXES + operation, f"update: {operation[:50]}"


def huge(rng: random.Random) -> tuple[str, str]:
    size = rng.choice([10_000, 100_000, 1_000_000])
    what = rng.choice(["string", "number", "iri", "variable", "values", "union", "langtag"])
    if what == "string":
        body = '?s ?p "' + "长" * size + '"'
    elif what == "number":
        body = "?s ?p " + "9" * size
    elif what == "iri":
        body = "?s ?p <http://x/" + "a" * size + ">"
    elif what == "variable":
        body = "?s ?p ?" + "v" * size
    elif what == "values":
        body = "VALUES ?v { " + " ".join(str(i) for i in range(size // 10)) + " } ?s ?p ?o"
    elif what == "union":
        body = " UNION ".join(["{ ?s ?p ?o }"] * (size // 100))
    else:
        body = '?s ?p "x"@' + "-".join(["abcdefgh"] * (size // 9))
    return f"{PREFIXES}SELECT * WHERE {{ {body} }} LIMIT 1", f"huge {what} of about {size:,} characters"


def escapes(rng: random.Random) -> tuple[str, str]:
    escape = rng.choice(["\\u0000", "\\uD800", "\\uDFFF", "\\U0010FFFF", "\\U00110000", "\\uFFFE", "\\u", "\\uZZZZ",
                         "\\u007B", "\\u007D", "\\u0022", "\\u003E", "\\U", "\\\\u0041"])
    where = rng.choice(["literal", "iri", "keyword", "name", "bare"])
    query = {
        "literal": f'SELECT * WHERE {{ ?s ?p "{escape}" }}',
        "iri": f"SELECT * WHERE {{ ?s ?p <http://x/{escape}> }}",
        "keyword": f"SEL{escape}CT * WHERE {{ ?s ?p ?o }}",
        "name": f"SELECT * WHERE {{ ?s ?p ent:a{escape} }}",
        "bare": f"SELECT * WHERE {{ ?s ?p ?o {escape} }}",
    }[where]
    return PREFIXES + query, f"escape {escape} in a {where}"


HOSTILE: list[Generator] = [deep_nesting, deep_nesting, service, update, huge, escapes, escapes]


def sparql_case(rng: random.Random, catalogue: dict[str, str]) -> tuple[bytes, list[str]]:
    """A query's bytes and how they were made: a mutated catalogue query or a hostile one."""
    choice = rng.random()
    if choice < 0.35:
        return _hostile(rng)
    name = rng.choice(sorted(catalogue))
    if choice < 0.75:
        text, what = mutate_tokens(rng, catalogue[name])
        return text.encode("utf-8", "surrogatepass"), [f"queries/{name}.rq tokens: {what}"]
    data, what = mutate_bytes(rng, catalogue[name].encode())
    return data, [f"queries/{name}.rq bytes: {what}"]


def _hostile(rng: random.Random) -> tuple[bytes, list[str]]:
    generator = rng.choice(HOSTILE)
    text, what = generator(rng)
    return text.encode("utf-8", "surrogatepass"), [f"{generator.__name__}: {what}"]
