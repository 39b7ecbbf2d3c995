"""The per-request GraphQL context: the graph, the settings, the caller and the DataLoaders.

DataLoaders are created per request (never at module level) so that batching never leaks data
between callers: :meth:`Context.create` is what the app's context getter calls.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from strawberry.fastapi import BaseContext
from strawberry.types import Info as StrawberryInfo

from gongjian.graph.facade import Graph
from gongjian.graph.loop import clock as clocks
from gongjian.graph.loop.engine import Listener, Loop
from gongjian.settings import Settings

from .audit import AuditLog
from .loaders import Loaders
from .permissions import Guard, effective_roles

if TYPE_CHECKING:
    from gongjian.graph.taxonomy import Taxonomy


@dataclass(frozen=True)
class Caller:
    """Who is asking: an account (API key), an OIDC subject, or anonymous (no credentials; api/auth.py).

    ``scopes`` are the area ids a street coordinator or community worker acts on; ``unit_id`` is a unit
    liaison's unit. Roles are :class:`gongjian.graph.model.Role` values.
    """

    id: str = "anonymous"
    roles: frozenset[str] = frozenset()
    scopes: frozenset[str] = frozenset()
    unit_id: str | None = None
    name: str | None = None

    @property
    def is_anonymous(self) -> bool:
        return self.id == "anonymous"


@dataclass
class Context(BaseContext):
    graph: Graph
    settings: Settings
    caller: Caller = field(default_factory=Caller)
    listeners: tuple[Listener, ...] = ()
    clock: clocks.Clock = clocks.now
    origin: str | None = None  # the client's address, for the audit trail
    loaders: Loaders = field(init=False)
    audit: AuditLog = field(default_factory=AuditLog)  # api/audit.py: what this request must record

    def __post_init__(self) -> None:
        super().__init__()
        self._guard: Guard | None = None
        self.loaders = Loaders(self.graph, self.guard)

    @property
    def guard(self) -> Guard:
        """What this caller may see and do (api/permissions.py). Rebuilt when the caller changes: a
        websocket authenticates in its first message, after the context was made."""
        if self._guard is None or self._guard.caller is not self.caller:
            self._guard = Guard(self.graph, self.caller, effective_roles(self.caller, self.settings))
            if hasattr(self, "loaders"):
                self.loaders = Loaders(self.graph, self._guard)
        return self._guard

    @classmethod
    def create(
        cls,
        graph: Graph,
        settings: Settings,
        caller: Caller | None = None,
        listeners: tuple[Listener, ...] = (),
        clock: clocks.Clock = clocks.now,
        origin: str | None = None,
    ) -> Context:
        """A fresh context (and fresh DataLoaders) for one request."""
        return cls(
            graph=graph,
            settings=settings,
            caller=caller or Caller(),
            listeners=listeners,
            clock=clock,
            origin=origin,
        )

    @property
    def loop(self) -> Loop:
        """The loop engine acting for this request; what it does is announced to ``listeners``."""
        return Loop(self.graph, self.settings, clock=self.clock, listeners=list(self.listeners))

    def forget_reads(self) -> None:
        """After a write: later fields of this request must not answer from cached reads."""
        self.guard.forget()
        self.loaders = Loaders(self.graph, self.guard)

    def request_id(self, client_mutation_id: str | None) -> str | None:
        """The idempotency key of a mutation: the caller and its ``clientMutationId``."""
        return f"{self.caller.id}:{client_mutation_id}" if client_mutation_id else None

    @property
    def taxonomy(self) -> Taxonomy:
        from gongjian.graph.matching.engine import default_taxonomy

        return default_taxonomy()


Info = StrawberryInfo[Context, None]
