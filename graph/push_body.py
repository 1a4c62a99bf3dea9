"""What `jjjkg push` sends: N-Triples of the curated graph (built in memory), or of what
`jjjkg import-csv` wrote to its out folder (jjjkg.nt, else the default graph of jjjkg.oxigraph/),
read from disk in blocks while it is sent, so a million-row import is never held in memory.

A body can be iterated more than once (a login challenge makes the request go again), and counts
the triples it sent: one a line is the N-Triples rule, so lines that are blank or a comment are
not counted, wherever the blocks happen to cut the file.
"""
from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from .importer import STORE_DIR
from .problems import ConfigError
from .settings import Built

NT_FILE = "jjjkg.nt"
BLOCK = 1 << 20
EOL = re.compile(rb"[\r\n]")
UNUSUAL = (b"\r", b"\n\n", b"\n ", b"\n\t", b"\n#")  # a blank or comment line may follow: count line by line


class Body(Protocol):
    size: int  # bytes, for Content-Length
    triples: int  # triples in the bytes last sent
    label: str  # where the triples come from, for the report ("" for the curated graph)

    def __iter__(self) -> Iterator[bytes]: ...


def count_triples(block: bytes, line_open: bool) -> tuple[int, bool]:
    """Triples whose line begins in this block, and whether the block ends inside a line's text
    (line_open: the block before it did, so the block's first line is not a new one)."""
    if not any(mark in block for mark in UNUSUAL) and (line_open or block[:1] not in b" \t#\n"):
        ends = block.endswith(b"\n")  # the usual case, and fast: every line a triple
        return (0 if line_open else 1) + block.count(b"\n") - ends, not ends
    pieces = EOL.split(block)
    triples = sum(1 for index, piece in enumerate(pieces)
                  if not (index == 0 and line_open) and piece.lstrip(b" \t")[:1] not in (b"", b"#"))
    still_open = line_open and len(pieces) == 1
    return triples, still_open or bool(pieces[-1].lstrip(b" \t"))


class GraphBody:
    """The curated graph as N-Triples bytes."""

    def __init__(self, built: Built) -> None:
        self.data = built.ntriples
        self.size = len(self.data)
        self.triples = count_triples(self.data, False)[0]
        self.label = ""  # the usual case: the report names nothing

    def __iter__(self) -> Iterator[bytes]:
        yield self.data


class FileBody:
    """An N-Triples file, sent block by block."""

    def __init__(self, path: Path, label: str) -> None:
        self.path = path
        self.size = path.stat().st_size
        self.triples = 0
        self.label = label

    def __iter__(self) -> Iterator[bytes]:
        self.triples, line_open = 0, False
        with open(self.path, "rb") as file:
            while block := file.read(BLOCK):
                triples, line_open = count_triples(block, line_open)
                self.triples += triples
                yield block


@contextmanager
def folder_body(folder: Path) -> Iterator[FileBody]:
    """The out folder of `jjjkg import-csv`: its jjjkg.nt, else the store's default graph dumped
    to a temporary N-Triples file (removed afterwards). The ontology graph is not sent, as with
    the curated graph."""
    nt, store = folder / NT_FILE, folder / STORE_DIR
    if not folder.is_dir():
        raise ConfigError(f"--from: {folder} is not a folder")
    if nt.is_file():
        try:
            with open(nt, "rb"):
                pass
        except OSError as exc:
            raise ConfigError(f"--from: cannot read {nt}: {exc.strerror or exc}") from exc
        yield FileBody(nt, str(nt))
        return
    if not (store / "CURRENT").is_file():
        raise ConfigError(f"--from: {folder} holds neither {NT_FILE} nor {STORE_DIR}/ "
                          "(the out folder of `jjjkg import-csv`)")
    with tempfile.TemporaryDirectory(prefix="jjjkg-push-") as temp:
        dump = Path(temp) / NT_FILE
        try:
            ox.Store.read_only(str(store)).dump(dump, ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        except OSError as exc:
            raise ConfigError(f"--from: cannot read the store {store}: {exc}") from exc
        yield FileBody(dump, f"{store} (default graph)")
