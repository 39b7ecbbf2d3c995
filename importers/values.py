"""Cell value parsers: turn what people type into typed values, or raise :class:`CellError`.

Every parser receives a non-blank cell (``str`` from CSV; ``str``, ``int``, ``float``, ``datetime`` or
``bool`` from Excel) and returns the typed value. A value that cannot be read is an error, never a
guess: ``若干`` is not a quantity.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from gongjian.graph.identity import normalise_name, normalise_phone, normalise_uscc, uscc_is_valid
from gongjian.graph.taxonomy import Taxonomy, UnknownCategory

from .problems import CONSTRAINT_ERROR, UNKNOWN_CATEGORY, CellError

LIST_SEPARATORS = re.compile(r"[；;、,，/／\n]+")
_SPACES = re.compile(r"\s+")
_QUANTITY = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.0+)?\s*([^\d\s.,][^\d]*)?$")
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$"),
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
# China's extent, for telling swapped or mistyped coordinates apart.
LAT_RANGE = (3.0, 54.0)
LON_RANGE = (73.0, 136.0)


@dataclass(frozen=True)
class ParseContext:
    taxonomy: Taxonomy


Parser = Callable[[Any, ParseContext], Any]


def display(value: Any) -> str:
    """How a raw cell reads in messages and in the errors workbook."""
    if type(value) is str:  # nearly every cell, and every cell of a CSV
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def clean_text(value: Any) -> str:
    """NFKC (full-width → half-width), trimmed, runs of spaces collapsed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", display(value))).strip()


# ---------------------------------------------------------------------- scalars
def text(value: Any, _ctx: ParseContext) -> str:
    return clean_text(value)


def name(value: Any, _ctx: ParseContext) -> str:
    """A name (unit, area, organisation, person): the display form of ``identity.normalise_name``."""
    return normalise_name(display(value))


def quantity(value: Any, _ctx: ParseContext) -> tuple[int, str | None]:
    """A whole number, optionally with a unit suffix: ``20``, ``20个``, ``30 车位``, ``1,000``.

    Returns ``(number, suffix or None)``; the suffix fills 计量单位 when that column is blank.
    """
    if isinstance(value, bool):
        raise CellError(f'"{value}" 不是数量', "填写整数，如 20")
    if isinstance(value, int | float):
        if float(value).is_integer() and value > 0:
            return int(value), None
        raise CellError(f'"{display(value)}" 不是正整数', "数量填写大于0的整数，如 20")
    cleaned = clean_text(value)
    match = _QUANTITY.match(cleaned)
    if not match:
        raise CellError(f'"{cleaned}" 不是数字', "数量填写整数，可带单位，如 20 或 20个；不要写“若干”“约20”")
    number = int(match.group(1).replace(",", ""))
    if number <= 0:
        raise CellError(f'"{cleaned}" 不是正整数', "数量填写大于0的整数", CONSTRAINT_ERROR)
    suffix = (match.group(2) or "").strip() or None
    return number, suffix


def count(value: Any, _ctx: ParseContext) -> int:
    """A non-negative whole number (户数, 人口)."""
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        if value < 0:
            raise CellError(f'"{display(value)}" 是负数', "填写0或正整数", CONSTRAINT_ERROR)
        return int(value)
    cleaned = clean_text(value).replace(",", "")
    cleaned = re.sub(r"(户|人|口)$", "", cleaned)
    if not re.fullmatch(r"\d+(?:\.0+)?", cleaned):
        raise CellError(f'"{clean_text(value)}" 不是整数', "填写整数，如 1200")
    return int(float(cleaned))


def _number(value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    cleaned = clean_text(value).rstrip("°")
    try:
        return float(cleaned)
    except ValueError:
        raise CellError(f'"{cleaned}" 不是数字', "填写十进制度数，如 112.9388") from None


def longitude(value: Any, _ctx: ParseContext) -> float:
    number = _number(value)
    if not LON_RANGE[0] <= number <= LON_RANGE[1]:
        fix = "经纬度可能填反了" if LAT_RANGE[0] <= number <= LAT_RANGE[1] else "经度应在73到136之间"
        raise CellError(f'经度 "{display(value)}" 不在中国范围内', fix, CONSTRAINT_ERROR)
    return number


def latitude(value: Any, _ctx: ParseContext) -> float:
    number = _number(value)
    if not LAT_RANGE[0] <= number <= LAT_RANGE[1]:
        fix = "经纬度可能填反了" if LON_RANGE[0] <= number <= LON_RANGE[1] else "纬度应在3到54之间"
        raise CellError(f'纬度 "{display(value)}" 不在中国范围内', fix, CONSTRAINT_ERROR)
    return number


def date(value: Any, _ctx: ParseContext) -> str:
    """An ISO date from an Excel date, an Excel serial, 2024年3月1日, 2024/3/1, 2024-03-01, 20240301."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20000 <= value <= 80000:  # 1954 … 2119 as an Excel serial
            return (_EXCEL_EPOCH + dt.timedelta(days=int(value))).isoformat()
        value = display(value)
    cleaned = clean_text(value)
    if re.fullmatch(r"\d{5}(?:\.\d+)?", cleaned) and 20000 <= float(cleaned) <= 80000:
        return (_EXCEL_EPOCH + dt.timedelta(days=int(float(cleaned)))).isoformat()
    for pattern in _DATE_PATTERNS:
        match = pattern.match(cleaned)
        if match:
            year, month, day = (int(part) for part in match.groups())
            try:
                return dt.date(year, month, day).isoformat()
            except ValueError:
                break
    raise CellError(f'"{cleaned}" 不是日期', "填写日期，如 2024-03-01 或 2024年3月1日")


def phone(value: Any, _ctx: ParseContext) -> str:
    """A mobile or landline number, digits only (spaces, dashes and +86 removed)."""
    digits = normalise_phone(display(value))
    if _MOBILE.match(digits) or (digits.startswith("0") and 10 <= len(digits) <= 12) or len(digits) in (7, 8):
        return digits
    raise CellError("电话号码位数不对", "填写11位手机号或带区号的固定电话，如 0731-88886666")


def mobile(value: Any, _ctx: ParseContext) -> str:
    digits = normalise_phone(display(value))
    if _MOBILE.match(digits):
        return digits
    raise CellError("不是11位手机号", "填写11位手机号，如 138 0000 0003")


def uscc(value: Any, _ctx: ParseContext) -> str:
    code = normalise_uscc(display(value))
    if not uscc_is_valid(code):
        raise CellError(
            f'统一社会信用代码 "{code}" 无效（应为18位且校验位正确）',
            "核对营业执照上的18位代码；不清楚可留空，按单位名称识别",
            CONSTRAINT_ERROR,
        )
    return code


def split_list(value: Any) -> list[str]:
    return [item for item in (clean_text(p) for p in LIST_SEPARATORS.split(display(value))) if item]


def name_list(value: Any, _ctx: ParseContext) -> list[str]:
    return [normalise_name(item) for item in split_list(value)]


def name_path(value: Any, _ctx: ParseContext) -> list[str]:
    """``星城街道/星城第一社区`` (or ``>``, ``、`` as separators) → ``["星城街道", "星城第一社区"]``."""
    parts = [normalise_name(p) for p in re.split(r"[/／>＞\\、]+", display(value)) if p.strip()]
    if not parts:
        raise CellError("区域为空", "填写名称路径，如 星城街道/星城第一社区")
    return parts


# ---------------------------------------------------------------------- vocabularies
def enum(choices: Mapping[str, str], what: str) -> Parser:
    """A parser for an enumeration: Chinese terms (and the English values) → the model's value."""
    table = {_enum_key(k): v for k, v in choices.items()}
    table.update({_enum_key(v): v for v in choices.values()})
    listed = "、".join(dict.fromkeys(choices))

    def parse(value: Any, _ctx: ParseContext) -> str:
        found = table.get(_enum_key(display(value)))
        if found is None:
            raise CellError(
                f'{what} "{clean_text(value)}" 不在可选范围内', f"填写其一：{listed}", CONSTRAINT_ERROR
            )
        return found

    parse.choices = tuple(dict.fromkeys(choices))  # type: ignore[attr-defined]
    return parse


def enum_list(choices: Mapping[str, str], what: str) -> Parser:
    single = enum(choices, what)

    def parse(value: Any, ctx: ParseContext) -> list[str]:
        return list(dict.fromkeys(single(item, ctx) for item in split_list(value)))

    parse.choices = single.choices  # type: ignore[attr-defined]
    return parse


def _enum_key(text: str) -> str:
    return re.sub(r"[\s_\-]", "", unicodedata.normalize("NFKC", text)).casefold()


def category(value: Any, ctx: ParseContext) -> str:
    """A taxonomy category code from free text (车位 → parking)."""
    return _category(clean_text(value), ctx)


def categories(value: Any, ctx: ParseContext) -> list[str]:
    return list(dict.fromkeys(_category(item, ctx) for item in split_list(value)))


def _category(term: str, ctx: ParseContext) -> str:
    try:
        return ctx.taxonomy.resolve(term).code
    except UnknownCategory as exc:
        closest = "、".join(c.label() for c in exc.suggestions)
        if exc.matches:
            named = "、".join(c.label() for c in exc.matches)
            raise CellError(
                f'类别不明确 "{term}"：同时提到 {named}',
                f"只填一个类别；最接近的是 {closest}",
                UNKNOWN_CATEGORY,
            ) from None
        raise CellError(f'未知类别 "{term}"', f"最接近的是 {closest}", UNKNOWN_CATEGORY) from None


def schedule(value: Any, _ctx: ParseContext) -> list[str]:
    """Canonical schedule strings (design.md §4) from the Chinese forms, via ``graph.schedule``."""
    from gongjian.graph.schedule import ScheduleError, normalise_schedule

    parts = [part for part in (clean_text(p) for p in re.split(r"[；;\n]+", display(value))) if part]
    try:
        return list(normalise_schedule(parts))
    except ScheduleError as exc:
        raise CellError(
            f'时间 "{clean_text(value)}" 无法识别：{exc}',
            "写成 工作日18:00-次日7:30、周末全天 或 每天9:00-17:00，多段用；分隔",
        ) from None
