"""Ids and name keys: the fast ``name_key`` is exactly the documented normalisation."""

from __future__ import annotations

import random
import re

from gongjian.graph.identity import name_key, normalise_name, resource_id

_SPACES = re.compile(r"\s+")


def _reference_key(text: str) -> str:
    return _SPACES.sub("", normalise_name(text)).casefold()


def test_name_key_equals_the_normalised_name_without_spaces() -> None:
    pool = [*"AbcZ星城社区ＡＢＣ１２３", " ", "\t", "\n", "\u3000", "\xa0", "\u2028", "\x1c", "\x85"]
    pool += ["ﬁ", "㊟", "Ⅻ", "ß", "İ", "e\u0301", "\u200b", "\ufeff", "（", "）"]
    rng = random.Random(3)
    samples = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 10))) for _ in range(20_000)]
    samples += [" 星城 第一 社区 ", "Star City\u3000No.1", "ＡＢＣ　有限公司"]
    for text in samples:
        assert name_key(text) == _reference_key(text), repr(text)


def test_ids_are_stable() -> None:
    # Changing the normalisation would change every id in every graph: pin one.
    assert resource_id("unit-0123456789abcdef", "parking", " 教职工 停车场 ") == resource_id(
        "unit-0123456789abcdef", "parking", "教职工停车场"
    )
    assert resource_id("unit-0123456789abcdef", "parking", "教职工停车场") == "res-c4867be0d8d59d6f"
