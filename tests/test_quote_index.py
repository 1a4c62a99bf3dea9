"""The quote check's one-pass index finds exactly the quotes that `quote in text` finds."""
from __future__ import annotations

import random

from graph.checks import quotes_found


def test_the_index_agrees_with_substring_search() -> None:
    rng = random.Random(14)
    alphabet = "京津冀产业协同研发生产，。0123456789ab "
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300)))
        quotes = set()
        for _ in range(rng.randint(1, 12)):
            if text and rng.random() < 0.6:
                start = rng.randrange(len(text))
                quotes.add(text[start:start + rng.randint(0, 20)])  # in the text (or empty)
            else:
                quotes.add("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8))))
        assert quotes_found(text, quotes) == {quote for quote in quotes if quote in text}, (text, quotes)
