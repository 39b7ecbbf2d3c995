"""Ids and name keys: the fast ``name_key`` is exactly the documented normalisation."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongjian.graph.identity import name_key, normalise_name, normalise_phone, resource_id

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


_BESIDE_CJK = r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+|\s+(?=[\u3000-\u9fff\uff00-\uffef])"
TRICKY = [
    "ABC",
    "a b",
    "a\tb",
    "unit-00ff",
    "ß",
    "Straße",
    "ﬁ",
    "\x1f",
    "A\x0bB",
    "",
    " x ",
    "星城 第一小学",
    "\u3000星城\u3000",
    "Ｓｔａｒ",
    "a\u2028b",
    "a\xa0b",
    "138 0000 0001",
    "１３８００００００１",
    "+86-138-0000-0001",
]


@pytest.mark.parametrize("text", TRICKY)
def test_fast_paths_give_the_slow_paths_answers(text: str) -> None:
    """Plain names, ids and digit-only phones skip NFKC and regular expressions: same results."""
    slow_key = "".join(unicodedata.normalize("NFKC", text).split()).casefold()
    assert name_key(text) == slow_key
    slow_name = unicodedata.normalize("NFKC", text).strip()
    slow_name = re.sub(r"\s+", " ", slow_name)
    slow_name = re.sub(
        r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+|\s+(?=[\u3000-\u9fff\uff00-\uffef])", "", slow_name
    )
    assert normalise_name(text) == slow_name
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", text))
    assert normalise_phone(text) == (digits[2:] if digits.startswith("86") and len(digits) == 13 else digits)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12), st.text(max_size=12), st.text(max_size=12))
def test_resource_ids_are_stable_ids_of_their_parts(owner: str, category: str, name: str) -> None:
    """``resource_id`` hashes the owner's part once per owner; the id is still ``stable_id``'s."""
    from gongjian.graph.identity import stable_id
    from gongjian.graph.model import Label

    assert resource_id(owner, category, name) == stable_id(Label.RESOURCE, owner, category, name)
