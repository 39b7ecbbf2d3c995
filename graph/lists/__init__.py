"""Keeping the three lists up to date (资源清单, 需求清单, agreements and 双报到) between imports.

Each operation checks its arguments in Python (a refusal names the argument, the value and the fix),
reads what it must know, then writes in one guarded statement (``graph/cypher/lists_*.cypher``), so a
change happens whole or not at all. Ids and relationships are the importers' own.
"""

from __future__ import annotations

from .agreements import AgreementChange, AgreementKind, Signing, end_agreement, sign_agreement
from .demands import DemandChange, DemandUpdate, update_demand
from .errors import (
    AgreementConflict,
    DuplicateResource,
    Missing,
    QuantityBelowReserved,
    ResourceStatusConflict,
)
from .reports import Report, ReportChange, report_to_community
from .resources import (
    Offer,
    ResourceChange,
    ResourceUpdate,
    offer_resource,
    pause_resource,
    resume_resource,
    retire_resource,
    update_resource,
)

__all__ = [
    "AgreementChange",
    "AgreementConflict",
    "AgreementKind",
    "DemandChange",
    "DemandUpdate",
    "DuplicateResource",
    "Missing",
    "Offer",
    "QuantityBelowReserved",
    "Report",
    "ReportChange",
    "ResourceChange",
    "ResourceStatusConflict",
    "ResourceUpdate",
    "Signing",
    "end_agreement",
    "offer_resource",
    "pause_resource",
    "report_to_community",
    "resume_resource",
    "retire_resource",
    "sign_agreement",
    "update_demand",
    "update_resource",
]
