"""The shipped category tree (类别树): load, validate, resolve free text, suggest.

``taxonomy.yaml`` beside this module is the source of truth. Every list importer resolves the free-text
category of a row with :meth:`Taxonomy.resolve`; an unknown term raises :class:`UnknownCategory`
carrying the closest categories, so an import can report it instead of inventing a category.

Resolution (:meth:`Taxonomy.resolve`), after :func:`normalize`:

1. exact hit on a code, Chinese name, synonym or English name;
2. otherwise *containment*: find every name/synonym occurring in the text and drop occurrences
   lying inside a longer one (``错时停车`` swallows ``停车``). The text resolves when what remains

   - names one category, or
   - names categories on one branch (``停车`` … ``错时停车``): the most specific one wins, or
   - is one longest term that every other remaining term overlaps (``电动车充电桩``: ``电动车充电``
     beats the overlapping ``充电桩``);

   anything else (``义诊和法律咨询``) is ambiguous;
3. otherwise :class:`UnknownCategory` with the ``n`` closest categories.

Closeness (:meth:`Taxonomy.suggest`): a category scores the best, over its name, synonyms, code and
English name, of ``0.6 * dice + 0.4 * ratio``, where ``dice`` is the Sørensen–Dice overlap of
character bigrams (the right unit for Chinese, which has no spaces; a one-character string counts as
its own bigram) and ``ratio`` is :class:`difflib.SequenceMatcher`'s ratio (order-aware, good for
typos in codes). Ties go to the broader category, then to file order.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "DEFAULT_RADIUS_M",
    "Category",
    "Taxonomy",
    "TaxonomyError",
    "UnknownCategory",
    "category_rows",
    "normalize",
]

DEFAULT_RADIUS_M = 5000
"""Radius of a top-level category that gives none (the design's default for services)."""

_CODE_RE = re.compile(r"^[a-z][a-z0-9]*(?:\.[a-z][a-z0-9]*)*$")
_KEYS = {"code", "name", "name_en", "synonyms", "radius_m"}
_SPACES = re.compile(r"\s+")
# A space next to a non-ascii character (CJK) is noise: "停车 位" means "停车位".
_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def normalize(text: str) -> str:
    """NFKC (full-width → half-width, ideographic space → space), trim, collapse spaces, lowercase ascii.

    Spaces touching a Chinese character are dropped as well.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _SPACES.sub(" ", text).strip()
    return _CJK_SPACE.sub("", text).translate(_ASCII_LOWER)


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    name_en: str
    synonyms: tuple[str, ...]
    parent: str | None
    radius_m: int

    @property
    def depth(self) -> int:
        return self.code.count(".")

    @property
    def terms(self) -> tuple[str, ...]:
        """The Chinese name followed by the synonyms."""
        return (self.name, *self.synonyms)

    def label(self) -> str:
        return f"{self.name} ({self.code})"


class TaxonomyError(ValueError):
    """The category file is malformed; the message lists every problem found."""


class UnknownCategory(ValueError):
    """Free text that names no category, or several; carries the closest categories."""

    def __init__(self, text: str, suggestions: Sequence[Category], matches: Sequence[Category] = ()) -> None:
        self.text = text
        self.suggestions = tuple(suggestions)
        self.matches = tuple(matches)  # the competing categories when the text is ambiguous
        closest_zh = "、".join(c.label() for c in self.suggestions)
        closest_en = ", ".join(f"{c.name_en} ({c.code})" for c in self.suggestions)
        if self.matches:
            named_zh = "、".join(c.label() for c in self.matches)
            named_en = ", ".join(c.code for c in self.matches)
            message = (
                f'类别不明确 "{text}"：同时提到 {named_zh}，请只填一个类别；最接近的是 {closest_zh}。'
                f'Ambiguous category "{text}": it names {named_en}; give exactly one category '
                f"(name or code). Closest: {closest_en}."
            )
        else:
            message = (
                f'未知类别 "{text}"：最接近的是 {closest_zh}。'
                f'Unknown category "{text}"; closest: {closest_en}. '
                "Use one of these names or codes, or add the term as a synonym in taxonomy.yaml."
            )
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (self.__class__, (self.text, self.suggestions, self.matches))


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    category: Category

    @property
    def size(self) -> int:
        return self.end - self.start

    def inside(self, other: _Hit) -> bool:
        return other.start <= self.start and self.end <= other.end and other.size > self.size

    def overlaps(self, other: _Hit) -> bool:
        return self.start < other.end and other.start < self.end


class Taxonomy:
    """A validated category tree. Build it with :meth:`load` (or :meth:`from_data`)."""

    def __init__(self, version: int, categories: Sequence[Category]) -> None:
        self.version = version
        self.categories: tuple[Category, ...] = tuple(categories)
        self._by_code = {c.code: c for c in self.categories}
        self._order = {c.code: i for i, c in enumerate(self.categories)}
        self._exact: dict[str, Category] = {}
        self._contained: list[tuple[str, Category]] = []
        for c in self.categories:
            for term in (c.code, c.name_en, *c.terms):
                self._exact[normalize(term)] = c
            self._contained.extend((normalize(t), c) for t in c.terms)

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None) -> Taxonomy:
        """Read and validate a category file; by default the one shipped with the package, which is
        read once per process (a taxonomy never changes once built)."""
        if path is None:
            return _packaged()
        return cls._read(Path(path), str(path))

    @classmethod
    def _read(cls, source: Traversable, where: str) -> Taxonomy:
        try:
            data = yaml.safe_load(source.read_text(encoding="utf-8"))
        except OSError as exc:
            raise TaxonomyError(f"{where}: cannot read the category file ({exc})") from exc
        except yaml.YAMLError as exc:
            raise TaxonomyError(f"{where}: not valid YAML ({exc})") from exc
        return cls.from_data(data, source=where)

    @classmethod
    def from_data(cls, data: Any, source: str = "<data>") -> Taxonomy:
        """Validate the parsed YAML document and build the tree; all problems are reported at once."""
        errors: list[str] = []
        if not isinstance(data, dict):
            raise TaxonomyError(f"{source}: expected a mapping with keys 'version' and 'categories'")
        version = data.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            errors.append(f"version: {version!r} is not a positive integer; write e.g. 'version: 1'")
        entries = data.get("categories")
        if not isinstance(entries, list) or not entries:
            errors.append("categories: missing or empty; give a list of categories")
            entries = []

        categories: list[Category] = []
        seen: dict[str, Category] = {}
        declared: set[str] = set()
        owner: dict[str, str] = {}  # normalised term -> code
        for i, entry in enumerate(entries):
            category = _parse_entry(i, entry, seen, declared, errors)
            if category is None:
                continue
            where = f"categories[{i}] ({category.code})"
            own: set[str] = set()
            for term in category.terms:
                key = normalize(term)
                if key in own:
                    errors.append(f'{where}: "{term}" is listed twice (a name counts as a synonym)')
                own.add(key)
            for term in (category.code, category.name_en, *category.terms):
                other = owner.setdefault(normalize(term), category.code)
                if other != category.code:
                    errors.append(
                        f'{where}: term "{term}" already belongs to {other}; '
                        "a term must map to exactly one category"
                    )
            seen[category.code] = category
            categories.append(category)
        if errors:
            raise TaxonomyError(
                f"{source}: invalid category tree:\n  - " + "\n  - ".join(dict.fromkeys(errors))
            )
        return cls(version, categories)

    # ------------------------------------------------------------------ navigation
    def __len__(self) -> int:
        return len(self.categories)

    def __iter__(self) -> Iterator[Category]:
        return iter(self.categories)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and normalize(code) in self._by_code

    def get(self, code: str) -> Category:
        """The category with this code; raises :class:`UnknownCategory` otherwise."""
        category = self._by_code.get(normalize(code))
        if category is None:
            raise UnknownCategory(code, self.suggest(code))
        return category

    def children(self, code: str | None) -> list[Category]:
        """Direct children in file order; ``None`` gives the top-level categories."""
        parent = None if code is None else self.get(code).code
        return [c for c in self.categories if c.parent == parent]

    def descendants(self, code: str) -> list[Category]:
        """The category itself and everything below it, in file order."""
        root = self.get(code).code
        return [c for c in self.categories if c.code == root or c.code.startswith(root + ".")]

    # ------------------------------------------------------------------ resolution
    def resolve(self, text: str) -> Category:
        """The category a free-text cell means (see the module docstring for the rules)."""
        key = normalize(text)
        exact = self._exact.get(key)
        if exact is not None:
            return exact
        hits = [
            _Hit(start, start + len(term), category)
            for term, category in self._contained
            for start in _find_all(key, term)
        ]
        hits = [h for h in hits if not any(h.inside(o) for o in hits)]
        cats = list({h.category.code: h.category for h in sorted(hits, key=lambda h: h.start)}.values())
        if not cats:
            raise UnknownCategory(text, self.suggest(text))
        deepest = max(cats, key=lambda c: c.depth)
        if all(deepest.code == c.code or deepest.code.startswith(c.code + ".") for c in cats):
            return deepest
        longest = max(h.size for h in hits)
        top = [h for h in hits if h.size == longest]
        if len({h.category.code for h in top}) == 1 and all(any(h.overlaps(t) for t in top) for h in hits):
            return top[0].category
        suggestions = (cats + [c for c in self.suggest(text, n=3 + len(cats)) if c not in cats])[:3]
        raise UnknownCategory(text, suggestions, matches=cats)

    def suggest(self, text: str, n: int = 3) -> list[Category]:
        """The ``n`` closest categories (exactly ``n`` when the tree has that many)."""
        key = normalize(text)
        scored = [
            (-max(_closeness(key, normalize(t)) for t in (c.code, c.name_en, *c.terms)), c.depth, i, c)
            for i, c in enumerate(self.categories)
        ]
        scored.sort(key=lambda s: s[:3])
        return [s[3] for s in scored[: max(n, 0)]]


def category_rows(tax: Taxonomy) -> list[dict[str, Any]]:
    """One row per category for ``taxonomy_categories.cypher`` / ``taxonomy_broader.cypher``."""
    return [
        {
            "code": c.code,
            "name": c.name,
            "nameEn": c.name_en,
            "synonyms": list(c.synonyms),
            "parent": c.parent,
            "radiusM": c.radius_m,
            "version": tax.version,
        }
        for c in tax.categories
    ]


# ---------------------------------------------------------------------- helpers
def _parse_entry(
    i: int, entry: Any, seen: dict[str, Category], declared: set[str], errors: list[str]
) -> Category | None:
    where = f"categories[{i}]"
    if not isinstance(entry, dict):
        errors.append(f"{where}: expected a mapping with code, name, name_en, synonyms")
        return None
    code = entry.get("code")
    if isinstance(code, str):
        where = f"{where} ({code})"
    before = len(errors)
    unknown = sorted(str(k) for k in entry if k not in _KEYS)
    if unknown:
        errors.append(f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_KEYS))}")
    if not isinstance(code, str) or not _CODE_RE.match(code):
        errors.append(f"{where}: code {code!r} must be dotted lowercase ascii, e.g. 'parking.offpeak'")
        return None
    if code in declared:
        errors.append(f"{where}: duplicate code {code!r}")
    declared.add(code)
    parent = code.rpartition(".")[0] or None
    if parent is not None and parent not in declared:
        errors.append(f"{where}: parent {parent!r} is not defined above it; declare {parent!r} first")
    for field in ("name", "name_en"):
        value = entry.get(field)
        if not isinstance(value, str) or not value.strip():
            errors.append(f"{where}: {field} must be a non-empty string (got {value!r})")
    synonyms = entry.get("synonyms", [])
    if not isinstance(synonyms, list) or not all(isinstance(s, str) and s.strip() for s in synonyms):
        errors.append(f"{where}: synonyms must be a list of non-empty strings (quote numbers and yes/no)")
        synonyms = []
    radius = entry.get("radius_m")
    if radius is not None and (isinstance(radius, bool) or not isinstance(radius, int) or radius <= 0):
        errors.append(f"{where}: radius_m {radius!r} must be a positive whole number of metres")
    if len(errors) > before:
        return None
    if radius is None:
        above = seen.get(parent) if parent is not None else None
        radius = above.radius_m if above is not None else DEFAULT_RADIUS_M
    return Category(
        code=code,
        name=entry["name"].strip(),
        name_en=entry["name_en"].strip(),
        synonyms=tuple(s.strip() for s in synonyms),
        parent=parent,
        radius_m=radius,
    )


def _find_all(text: str, term: str) -> Iterator[int]:
    start = text.find(term)
    while start != -1:
        yield start
        start = text.find(term, start + 1)


def _bigrams(s: str) -> set[str]:
    return {s[i : i + 2] for i in range(len(s) - 1)} or ({s} if s else set())


def _closeness(a: str, b: str) -> float:
    """``0.6 * bigram Dice + 0.4 * difflib ratio``, both in [0, 1]."""
    if not a or not b:
        return 0.0
    ga, gb = _bigrams(a), _bigrams(b)
    dice = 2 * len(ga & gb) / (len(ga) + len(gb))
    return 0.6 * dice + 0.4 * difflib.SequenceMatcher(None, a, b).ratio()


@functools.cache
def _packaged() -> Taxonomy:
    return Taxonomy._read(
        resources.files("gongjian.graph").joinpath("taxonomy.yaml"), "taxonomy.yaml (packaged)"
    )
