"""How README command blocks are read and compared: rules 1, 3 and 4 of tools/readme_blocks.py.

Parsing and comparing only; running the commands is tools/readme_blocks.py's job.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

SERVER_PROGRAM = re.compile(r"(?:jjjkg|python3? -m graph|oxigraph)\s+serve")
EXIT_COMMENT = re.compile(r"\s#\s*exits?\s+(\d+)\s*$")  # `$ jjjkg validate --seeds bad/  # exits 1`


@dataclass(frozen=True)
class Command:
    line: int                  # README line of its `$ `
    source: tuple[str, ...]    # its README lines, `$ ` included
    expected: tuple[str, ...]  # the output the README shows

    @property
    def text(self) -> str:
        return "\n".join(self.source)[2:]

    @property
    def expected_exit(self) -> int:
        found = EXIT_COMMENT.search(self.text)
        return int(found.group(1)) if found else 0

    @property
    def is_server(self) -> bool:
        return is_background(self.text) or bool(SERVER_PROGRAM.match(self.text.strip()))


@dataclass(frozen=True)
class Block:
    line: int        # README line of the opening fence
    end_line: int    # README line of the closing fence
    section: int     # how many headings come before it
    heading: str     # the heading it is under, without the #s
    commands: tuple[Command, ...]

    @property
    def label(self) -> str:
        return f"README.md:{self.line} $ {self.commands[0].source[0][2:][:60]}"


@dataclass
class Outcome:
    command: Command
    output: list[str]
    exit_code: int | None      # None: a server, still running when its output was taken (or a timeout)
    problem: str | None = None
    output_differs: bool = False  # the only problem is the output, so --update may rewrite it


@dataclass
class BlockResult:
    block: Block
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: str | None = None
    seconds: float = 0.0

    @property
    def problems(self) -> list[str]:
        return [o.problem for o in self.outcomes if o.problem]


def is_background(text: str) -> bool:
    stripped = text.rstrip()
    return stripped.endswith("&") and not stripped.endswith("&&")


def parse_blocks(text: str) -> list[Block]:
    """The README's command blocks (rule 1)."""
    lines, blocks, section, heading, index = text.split("\n"), [], 0, "", 0
    while index < len(lines):
        line = lines[index]
        if re.match(r"#{1,6}\s", line):
            section, heading = section + 1, line.lstrip("#").strip()
        fence = re.match(r"(`{3,}|~{3,})", line)
        if not fence:
            index += 1
            continue
        end = next((j for j in range(index + 1, len(lines))
                    if lines[j].strip() and set(lines[j].strip()) == {fence.group(1)[0]}
                    and len(lines[j].strip()) >= len(fence.group(1))), len(lines))
        body = lines[index + 1:end]
        if next((b for b in body if b.strip()), "").startswith("$ "):
            blocks.append(Block(index + 1, end + 1, section, heading, _commands(body, index + 2)))
        index = end + 1
    return blocks


def _commands(body: list[str], first_line: int) -> tuple[Command, ...]:
    commands, k = [], next(i for i, b in enumerate(body) if b.strip())
    while k < len(body):
        start = k
        while body[k].endswith("\\") and k + 1 < len(body):
            k += 1
        source = body[start:k + 1]
        k += 1
        output_start = k
        while k < len(body) and not body[k].startswith("$ "):
            k += 1
        commands.append(Command(first_line + start, tuple(source), tuple(normal(body[output_start:k]))))
    return tuple(commands)


def normal(lines: list[str]) -> list[str]:
    """Rule 3: trailing spaces and trailing empty lines do not count."""
    kept = [line.rstrip() for line in lines]
    while kept and not kept[-1]:
        kept.pop()
    return kept


def pattern(expected: tuple[str, ...] | list[str]) -> list[str | tuple[str, ...]]:
    """Expected lines with each elision (rule 3) as one tuple of its README lines."""
    items: list[str | tuple[str, ...]] = []
    index = 0
    while index < len(expected):
        line = expected[index].strip()
        end = index if line == "…" else None
        if line.startswith("[…"):
            end = next((j for j in range(index, len(expected)) if expected[j].rstrip().endswith("…]")), None)
        if end is None:
            items.append(expected[index])
            index += 1
        else:
            items.append(tuple(expected[index:end + 1]))
            index = end + 1
    return items


def output_matches(expected: tuple[str, ...] | list[str], actual: list[str]) -> bool:
    positions = {0}
    for item in pattern(expected):
        if isinstance(item, tuple):
            positions = set(range(min(positions), len(actual) + 1)) if positions else set()
        else:
            positions = {p + 1 for p in positions if p < len(actual) and actual[p] == item}
    return len(actual) in positions


def refill(expected: tuple[str, ...] | list[str], actual: list[str]) -> list[str]:
    """New README output for a command: actual, with the README's elisions kept in place."""
    items = pattern(expected)
    if output_matches(expected, actual):
        return list(expected)
    if not any(isinstance(item, tuple) for item in items):
        return actual
    groups: list[list[str] | tuple[str, ...]] = []
    for item in items:
        if isinstance(item, tuple):
            groups.append(item)
        elif groups and isinstance(groups[-1], list):
            groups[-1].append(item)
        else:
            groups.append([item])
    new: list[str] = []
    position = 0
    for number, group in enumerate(groups):
        if isinstance(group, tuple):
            new.extend(group)
            continue
        last = number == len(groups) - 1
        start = position if number == 0 else _anchor(group, actual, position, last)
        taken = actual[start:] if last else actual[start:start + len(group)]
        new.extend(taken)
        position = start + len(taken)
    return new


def _anchor(run: list[str], actual: list[str], start: int, last: bool) -> int:
    """Where a literal run that follows an elision starts in actual: at its first line if that is there,
    else as many lines from the end (the last run), else at the likeliest line."""
    if run[0] in actual[start:]:
        return actual.index(run[0], start)
    if last:
        return max(start, len(actual) - len(run))
    return max(range(start, len(actual)), key=lambda j: difflib.SequenceMatcher(None, run[0], actual[j]).ratio(),
               default=start)


def check(outcome: Outcome) -> None:
    """Rule 4, then rule 3: set outcome.problem (with a diff) if the command's run breaks them."""
    command, where = outcome.command, f"README.md:{outcome.command.line} $ {outcome.command.text}"
    if outcome.problem:
        return
    if outcome.exit_code is not None and outcome.exit_code != command.expected_exit:
        outcome.problem = (f"{where}\nexited {outcome.exit_code}, not {command.expected_exit}; it printed:\n"
                           + "\n".join(outcome.output))
    elif not output_matches(command.expected, outcome.output):
        diff = difflib.unified_diff(list(command.expected), outcome.output, "README", "printed", lineterm="", n=2)
        outcome.problem, outcome.output_differs = f"{where}\noutput differs:\n" + "\n".join(diff), True
