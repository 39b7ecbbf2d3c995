"""What every list kind provides: its column spec, a builder from parsed rows to entities, and the
names of its Cypher statements (``graph/cypher/import_<kind>*.cypher``)."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from gongjian.graph.facade import Graph
from gongjian.graph.taxonomy import Taxonomy

from .. import values as v
from ..entity import Collector, Entity
from ..problems import Problem
from ..refs import AreaIndex, OrgIndex, RefError, UnitIndex
from ..spec import Column, KindSpec


@dataclass(slots=True)
class Parsed:
    """A row whose cells all parsed: the Excel row number and the typed values by field."""

    row: int
    values: dict[str, Any]

    def get(self, field_: str) -> Any:
        return self.values.get(field_)


@dataclass
class BuildContext:
    """Shared by the builders of one import: the graph (read only), the taxonomy, lazily read indexes."""

    graph: Graph
    taxonomy: Taxonomy
    today: str = field(default_factory=lambda: dt.date.today().isoformat())
    _areas: AreaIndex | None = None
    _units: UnitIndex | None = None
    _orgs: OrgIndex | None = None
    # References resolved earlier in this import, by what the row's cells named: a list names the
    # same few hundred units row after row, chunk after chunk, and the indexes hold still meanwhile.
    resolved: dict[tuple[str | None, ...], Any] = field(default_factory=dict)
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    def prefetch(self, indexes: tuple[str, ...]) -> None:
        """Start reading ``indexes`` (``areas``, ``units``, ``orgs``) in the background, so that they are
        there when the first rows are built. A failure is left for the builder's own read to raise."""
        if indexes:
            threading.Thread(
                target=self._load, args=(indexes,), name="gongjian-prefetch", daemon=True
            ).start()

    def _load(self, indexes: tuple[str, ...]) -> None:
        with contextlib.suppress(Exception):
            for name in indexes:
                getattr(self, name)

    @property
    def areas(self) -> AreaIndex:
        with self._lock:
            if self._areas is None:
                self._areas = AreaIndex.load(self.graph)
            return self._areas

    @property
    def units(self) -> UnitIndex:
        with self._lock:
            if self._units is None:
                self._units = UnitIndex.load(self.graph, self.areas)
            return self._units

    @property
    def orgs(self) -> OrgIndex:
        with self._lock:
            if self._orgs is None:
                self._orgs = OrgIndex.load(self.graph)
            return self._orgs


@dataclass
class Built:
    entities: list[Entity]
    problems: list[Problem]
    scope: list[str]  # ids that delimit "the same list" for missing rows and --prune


@dataclass(frozen=True)
class Kind:
    spec: KindSpec
    build: Callable[[list[Parsed], BuildContext, Collector], Built]
    what: str  # what one entity is, in Chinese ("资源"), for messages
    additive_links: frozenset[str] = frozenset()  # links a row adds to but never removes
    personal_label: bool = False  # mask the labels of missing entities (members)
    # Rows build independently of later rows, so a file is validated and written chunk by chunk
    # (areas and orgs need the whole file: hierarchy and centroids; units create the organisations
    # that later rows' 党组织名称 would then resolve to).
    streams: bool = False
    # When set, rows the diff proved new are written by ``import_<kind>_create`` with CREATE, cheaper
    # than MERGE, with the parameters ``create_params`` makes of a batch. A batch the unique
    # constraint refuses (a row appeared meanwhile) is sent again with the MERGE.
    create_params: Callable[[Sequence[Entity]], dict[str, Any]] | None = None
    # The scope read finds every stored entity a row can be (a resource's id derives from its unit's
    # id, and the scope is those units' resources), and returns what the existing read would: rows
    # are compared with it, and nothing is read again by id (rows whose id it did not return are new).
    # Anything that breaks the rule (a resource left without its unit) is found by the unique
    # constraint at the CREATE, and the batch is MERGEd.
    scope_finds_all: bool = False
    # The reference indexes the builder reads (BuildContext properties), read ahead while the file is.
    reads: tuple[str, ...] = ()

    @property
    def write_query(self) -> str:
        return f"import_{self.spec.kind}"

    @property
    def create_query(self) -> str:
        """The CREATE statement of a kind with ``create_params``."""
        return f"import_{self.spec.kind}_create"

    @property
    def existing_query(self) -> str:
        return f"import_{self.spec.kind}_existing"

    @property
    def scope_query(self) -> str:
        return f"import_{self.spec.kind}_scope"

    @property
    def prune_query(self) -> str:
        return f"import_{self.spec.kind}_prune"


def ref_problem(error: RefError, row: int, column: str, value: str) -> Problem:
    return Problem(error.type, error.message, error.fix, row, column, value)


def contact_phone_column(example: str) -> Column:
    """The 联系电话 column, the same wherever a list carries a contact (personal: masked in reports)."""
    return Column(
        "contactPhone",
        "联系电话",
        "contactPhone",
        v.phone,
        aliases=("电话", "手机"),
        personal="phone",
        help="手机或带区号的固定电话",
        example=example,
    )
