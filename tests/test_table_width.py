"""Tables fit the terminal: long cells (quotes) wrap to its width, nothing is cut; --wide gives
full cells; piped output is never wrapped."""
from __future__ import annotations

from conftest import on_a_terminal, run_cli

from graph.textable import display_width, render_table, wrap

QUOTE = "研发中心设在北京,制造基地建在保定 — R&D in Beijing, manufacturing in Baoding, as the article says"


def test_a_table_fits_the_width_and_keeps_every_character() -> None:
    rows = [["河北京车轨道交通车辆装备有限公司", "北京市", QUOTE], ["a", "b", "c"]]
    lines = render_table(["org", "place", "quote"], rows, width=50).splitlines()
    assert max(display_width(line) for line in lines) <= 50
    assert len(lines) > 4  # the long row took several lines
    one_column = render_table(["k", "quote"], [["a", QUOTE]], width=30).splitlines()
    assert max(display_width(line) for line in one_column) <= 30
    assert "".join(line[3:] for line in one_column[2:]).replace(" ", "") == QUOTE.replace(" ", "")


def test_without_a_width_each_row_is_one_line() -> None:
    table = render_table(["org", "quote"], [["a", QUOTE]])
    assert len(table.splitlines()) == 3 and QUOTE in table


def test_words_stay_whole_where_they_fit() -> None:
    assert wrap("manufacturing in Baoding", 14) == ["manufacturing", "in Baoding"]
    assert wrap("研发中心设在北京", 6) == ["研发中", "心设在", "北京"]
    assert wrap("supercalifragilistic", 8) == ["supercal", "ifragili", "stic"]


def _lines(shown: str) -> list[str]:
    return [line for line in shown.replace("\r\n", "\n").split("\n") if line]


def test_on_a_terminal_the_table_fits_and_wide_does_not_wrap() -> None:
    args = ["query", "hq-relocations", "--param", "to=xiongan"]
    narrow = _lines(on_a_terminal(*args, columns=80))
    assert max(display_width(line) for line in narrow) <= 80, narrow
    wide = _lines(on_a_terminal(*args, "--wide", columns=80))
    assert max(display_width(line) for line in wide) > 80
    piped = run_cli(*args)
    assert piped.returncode == 0 and _lines(piped.stdout) == wide  # piped: as --wide, unchanged
    assert len(narrow) > len(wide)
