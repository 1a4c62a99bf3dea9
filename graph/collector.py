"""Python's cyclic garbage collector, paused while a build runs.

A build makes millions of small objects (model records, rdflib terms and triples, NetworkX
dictionaries) that live until it ends. The collector walks them again and again without freeing
anything: on 10,000 synthetic facts it was 31% of `jjjkg build` (10.2 s → 7.0 s with it paused,
byte-identical outputs; a gen-0 threshold of 100,000 gave 7.3 s, `gc.freeze()` after the imports
nothing; `benchmarks/README.md`). Reference counting still frees whatever is not in a cycle, and
the collector runs again, if it was on, as soon as the build is over.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
