"""Problems found in user input: one line each, with file:line:column where known."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Loc:
    """A place in a user's file; line and column count from 1."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line and self.column:
            return f"{self.file}:{self.line}:{self.column}"
        if self.line:
            return f"{self.file}:{self.line}"
        return self.file


@dataclass(frozen=True)
class Problem:
    loc: Loc
    code: str
    message: str
    severity: str = "error"  # or "warning": reported, but the input is still usable

    def __str__(self) -> str:
        return f"{self.loc}: {self.severity}[{self.code}]: {self.message}"


@dataclass
class Problems:
    """Collects every problem of a run, so that all are reported, not only the first."""

    items: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # not counted: they never make input unusable

    def add(self, loc: Loc, code: str, message: str) -> None:
        self.items.append(Problem(loc, code, " ".join(message.split())))

    def warn(self, loc: Loc, code: str, message: str) -> None:
        self.warnings.append(Problem(loc, code, " ".join(message.split()), "warning"))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Problem]:
        return sorted(self.items, key=_order)

    def sorted_warnings(self) -> list[Problem]:
        return sorted(self.warnings, key=_order)


def _order(problem: Problem) -> tuple[Loc, str, str]:
    return problem.loc, problem.code, problem.message


class ConfigError(Exception):
    """A wrong argument or setting (not a data problem): exit code 2."""


class InputError(Exception):
    """Raised when user input cannot be used at all; carries every problem found (at least one:
    an InputError without a problem would tell the user nothing, so making one is a bug)."""

    def __init__(self, problems: Problems) -> None:
        if not problems:
            raise ValueError("an InputError needs at least one problem to report")
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems.sorted()))
