"""Column specifications: what each list's columns are called and how their values are read.

A column has a canonical Chinese header, an English name and aliases; headers in a file are matched
after :func:`header_key` (full-width → half-width, spaces removed, required markers ``*``/``★``
dropped, a trailing unit in brackets dropped: ``数量（个）`` → ``数量``, case folded).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from gongjian.graph.model import Label

from .values import Parser

_BRACKETED_TAIL = re.compile(r"[(\[【（][^()\[\]【】（）]*[)\]】）]$")
_MARKERS = re.compile(r"[*＊★☆※]")
_NOISE = re.compile(r"[\s_\-:：]")


def header_key(text: Any) -> str:
    """The comparison form of a header cell."""
    key = unicodedata.normalize("NFKC", str(text))
    key = _MARKERS.sub("", key)
    key = _NOISE.sub("", key)
    while True:
        shorter = _BRACKETED_TAIL.sub("", key)
        if shorter == key or not shorter:
            break
        key = shorter
    return key.casefold()


@dataclass(frozen=True)
class Column:
    """One column of a list."""

    field: str  # the key of the parsed value in a row
    zh: str  # canonical Chinese header
    en: str  # English name (accepted as a header too)
    parser: Parser
    required: bool = False
    aliases: tuple[str, ...] = ()
    personal: str | None = None  # "name" or "phone": masked in reports and logs
    help: str = ""  # 填写说明 for the template's second sheet
    example: str = ""  # the template's example row

    @property
    def header(self) -> str:
        """The template's header: the Chinese name, with ``*`` when required."""
        return f"{self.zh}*" if self.required else self.zh

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(header_key(h) for h in (self.zh, self.en, *self.aliases)))

    @property
    def choices(self) -> tuple[str, ...]:
        """The allowed values of an enumeration column (for drop-downs), else empty."""
        return tuple(getattr(self.parser, "choices", ()))


@dataclass(frozen=True)
class KindSpec:
    """One importable list: its columns and what it writes."""

    kind: str  # areas, orgs, units, …
    zh: str  # 区域, 党组织, 驻区单位名册, …
    label: Label | None  # the node label written (None for agreements: relationships)
    columns: tuple[Column, ...]
    notes: tuple[str, ...] = field(default=())  # extra explanations for the template's second sheet

    def column(self, field_: str) -> Column:
        return next(c for c in self.columns if c.field == field_)

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)

    def lookup(self) -> dict[str, Column]:
        """Header key → column, for every accepted header."""
        table: dict[str, Column] = {}
        for column in self.columns:
            for key in column.keys:
                table.setdefault(key, column)
        return table
