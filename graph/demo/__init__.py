"""Demo data: a deterministic, realistic co-construction network (``gongjian demo load``).

    with Graph.open() as graph:
        init_schema(graph)
        counts = load_demo(graph, scale="district", seed=0)

Three scales:

- ``tiny``: Qilin district (麒麟区, 曲靖市) with two streets and one town, seven communities and
  villages, about 25 grids and 800 members. For tests and quick looks.
- ``district``: Qilin as seed 003 describes it — 11 streets and 3 towns, 84 communities and 50
  villages, 686 grids, ≈2,100 party organisations, 32,885 members, plus ≈2,000 resident units,
  ≈6,000 resources and ≈3,000 demands with their projects and closed-loop timelines.
- ``city``: the nine county-level divisions of Qujing (曲靖市) with ≈5,000 communities and villages,
  100,000 units, ≈300,000 resources, 1,000,000 members and ≈100,000 demands. Members, buildings and
  timelines are generated and written in streaming batches.

Everything follows design.md §4 and the glossary: territory (district → street/town →
community/village → grid → estate → building, ``WITHIN``), the five-level organisations
(``UNDER``/``COVERS``), units (``LOCATED_IN``, ``CO_BUILDS``, ``SEATED_ON``, ``REPORTED_TO``,
``ORG_OF``), members, resources, demands in every state with an ``Event`` timeline that obeys
``DEMAND_TRANSITIONS``, and projects whose status follows their demand's story.

The modules: :mod:`.scales` (what each scale holds), :mod:`.vocabulary` (names and tables),
:mod:`.network` (territory, organisations, units, members, resources), :mod:`.stories` (what each
demand asks for and how it goes on), :mod:`.replay` (the closed loop, written by the loop engine) and
:mod:`.writer` (batches and the background thread).

Determinism: every random choice comes from ``random.Random`` instances seeded from ``seed`` (one per
phase), never the global generator or the clock; timestamps count back from :data:`REFERENCE`. The
same seed gives the same ids, names, properties and counts, whatever the batch size.

Writes: the network goes through one parameterised ``UNWIND $rows`` statement per
``graph/cypher/demo_*.cypher`` file (the common Cypher of FalkorDB and Neo4j 5), in batches of
``batch_size`` rows, parents before children. A background thread sends the batches in order while
the next ones are generated; each statement returns how many rows it wrote, and a row that found no
node to attach to is an error, never a silent gap. Members are split by shape (with or without
employer and 双报到) so that every statement is a plain ``MATCH … CREATE``, which FalkorDB runs faster
than ``OPTIONAL MATCH`` with ``FOREACH``. Demands, projects and their timelines are written by the
loop engine's own statements (:func:`~gongjian.graph.loop.raising.raise_many`,
:meth:`~gongjian.graph.loop.engine.Loop.perform_many`), so they are exactly what the API would write.

Conventions of the data (useful to whoever queries it):

- Areas have ``code`` down to communities and villages (district 530302, street ``530302001``, town
  ``530302100``, community ``530302001001``, village ``530302100201``); grids, estates and buildings
  have no code and are keyed by their path.
- Units are ``LOCATED_IN`` their community or village; members ``LIVES_IN`` a grid, an estate or a
  community; units co-build with their own community and sometimes a neighbouring one (some of the
  agreements have expired, some run without end date).
- A unit's own organisation (``unit_org``) is ``UNDER`` its community committee for firms, shops,
  property companies and social organisations (属地管理) and ``UNDER`` the street committee for
  agencies, schools, hospitals, banks and state-owned enterprises.
- In-service members belong to their employer's organisation when it has one; retired and mobile
  members to the branch of their grid; new-employment members mostly to a street's joint branch.
- Every demand has a ``raise`` event (``toStatus`` open) and one event per transition, as the loop
  engine writes them (``dispatch`` … ``rate``, with ``targetId`` and ``quantity`` where the engine sets
  them); the last event's ``toStatus`` is the demand's status. Each dispatch creates a project for the
  unit or member it was sent to: ``proposed`` until accepted, then ``accepted``, ``in_progress``,
  ``done`` and ``closed`` (rated 1–5, with feedback) as the demand moves, ``rejected`` or
  ``cancelled`` when the demand is rejected, cancelled or escalated. Projects that are still open
  (proposed, accepted, in progress) never use more of a resource than it offers.
- Members start with points from before the demo's period (``points``); completing a project and a
  good rating credit more, each with its ``credit`` event (``CREDITS``) on the project's timeline.
"""

from __future__ import annotations

from gongjian.settings import Settings, get_settings

from ..facade import Graph
from ..loop.engine import Loop
from ..schema import init_schema
from ..taxonomy import Taxonomy
from .common import Progress
from .network import _Demo
from .replay import write_loop
from .scales import QILIN_BOX, REFERENCE, SCALES, DistrictSpec, Scale, StreetSpec
from .writer import _STATEMENTS as _STATEMENTS  # the demo_*.cypher statements (tests use it)
from .writer import _Writer

__all__ = ["QILIN_BOX", "REFERENCE", "SCALES", "DistrictSpec", "Progress", "Scale", "StreetSpec", "load_demo"]


def load_demo(
    graph: Graph,
    *,
    scale: Scale = "district",
    seed: int = 0,
    progress: Progress | None = None,
    batch_size: int = 5000,
    replace: bool = False,
    settings: Settings | None = None,
) -> dict[str, int]:
    """Write the demo network of ``scale`` into ``graph``; returns node counts per label and
    relationship counts per type that were written (``{"Area": …, "WITHIN": …}``).

    Refuses (``ValueError``) when the graph already holds areas, units or members, unless ``replace``
    is true: then the graph is cleared and its schema initialised again first. Categories come from
    the graph's taxonomy (``init_schema``); when they are missing, ``init_schema`` runs first. The
    loop's points rules come from ``settings`` (default: the environment's).
    """
    if scale not in SCALES:
        raise ValueError(f'unknown demo scale "{scale}"; use one of {", ".join(SCALES)}')
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1 (got {batch_size})")
    _make_room(graph, replace)
    taxonomy = Taxonomy.load()
    present = {row["code"] for row in graph.read(graph.named("demo_category_codes"))}
    if not {c.code for c in taxonomy.categories} <= present:
        init_schema(graph, taxonomy)
    writer = _Writer(graph, batch_size, progress)
    try:
        demo = _Demo(SCALES[scale], seed, taxonomy)
        demo.run(writer)
        write_loop(demo, writer, Loop(graph, settings or get_settings()), taxonomy)
        writer.finish()
    finally:
        writer.stop()
    return dict(sorted(writer.counts.items()))


def _make_room(graph: Graph, replace: bool) -> None:
    existing = graph.read(graph.named("demo_guard"))[0]
    if not any(existing.values()):
        return
    if not replace:
        held = ", ".join(f"{n} {kind}" for kind, n in existing.items() if n)
        raise ValueError(
            f"the graph {graph.description} already holds data ({held}); load the demo into an empty "
            "graph, or pass replace=True (CLI: --replace) to clear it first"
        )
    graph.clear()
    init_schema(graph)
