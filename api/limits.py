"""Limits on what one GraphQL operation may ask for (docs/security.md, "GraphQL limits").

- Tokens, depth and aliases: strawberry's ``MaxTokensLimiter``, ``QueryDepthLimiter`` and
  ``MaxAliasesLimiter``; graphql-core's ``MaxIntrospectionDepthRule``; introspection off in production.
- Cost (:func:`cost_rule`): every field costs 1 and a list multiplies what it contains by its page size —
  the ``first``/``limit`` argument (variables included), else the argument's default, else
  :data:`~gongjian.api.pagination.DEFAULT_FIRST`. ``first`` outside ``0…GONGJIAN_API_MAX_FIRST`` is
  refused here for every list, with the message the resolvers use; a larger ``limit`` counts as the cap
  (the matching queries refuse it themselves, as data).
- :class:`LimitedValidation` runs, in order: graphql-core's known-fragment and fragment-cycle rules (the
  depth counter fails on unknown fragments), the cost rule, then every other rule; each verdict is kept
  per document (:class:`Verdicts`), the cost's also per operation and values of its size variables.
  Order matters: strawberry's depth and alias counters walk a
  fragment again for every spread, so a document whose fragments fan out (``fragment A { ...B ...B }``
  …) costs them exponential time; the cost rule memoises fragments and refuses such a document first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLCompositeType,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_composite_type,
    validate,
)
from graphql.type import SchemaMetaFieldDef, TypeMetaFieldDef, TypeNameMetaFieldDef
from graphql.validation import (
    KnownFragmentNamesRule,
    MaxIntrospectionDepthRule,
    NoFragmentCyclesRule,
    NoSchemaIntrospectionCustomRule,
)
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.schema.schema import validate_document

from gongjian.graph.matching.engine import MAX_LIMIT as MATCH_MAX_LIMIT
from gongjian.settings import Settings

from .pagination import DEFAULT_FIRST

SIZE_ARGUMENTS = ("first", "limit")
"""Arguments that set how many items a list field returns."""

ExtensionFactory = Callable[[], SchemaExtension]
_R = TypeVar("_R")


@dataclass(frozen=True)
class CostLimits:
    max_cost: int
    max_first: int
    max_limit: int  # a larger `limit` is refused by its resolver before any work, so counts as this
    default_size: int = DEFAULT_FIRST


def first_out_of_range(value: int, maximum: int) -> str:
    """The refusal of a page size, worded as :func:`gongjian.api.pagination.check_first` words it."""
    return f"first: {value} is out of range; ask for 0 to {maximum} items per page"


def cost_rule(
    limits: CostLimits, variables: Mapping[str, Any] | None, operation_name: str | None
) -> type[ValidationRule]:
    """A validation rule that refuses the operation whose cost is above ``limits.max_cost``.

    Variables are bound in (validation rules otherwise never see them), so the rule is built per request.
    """

    class CostRule(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            # The operation that runs; without a name, every one (only a lone one can run).
            for operation in context.document.definitions:
                if isinstance(operation, OperationDefinitionNode) and (
                    operation_name is None or (operation.name and operation.name.value == operation_name)
                ):
                    self._check(context, operation)

        def _check(self, context: ValidationContext, operation: OperationDefinitionNode) -> None:
            root = context.schema.get_root_type(operation.operation)
            if root is None:
                return
            counter = _Counter(context, limits, _variable_values(operation, variables or {}))
            try:
                cost = counter.selections(operation.selection_set, root, None, False)
            except RecursionError:
                context.report_error(
                    GraphQLError("The document nests too deeply to be analysed; flatten it", [operation])
                )
                return
            if counter.refused:
                return
            if cost > limits.max_cost:
                name = f"'{operation.name.value}'" if operation.name else "The operation"
                context.report_error(
                    GraphQLError(
                        f"{name} costs {cost}, above the limit of {limits.max_cost}: ask for fewer items "
                        "(a smaller first/limit) or fewer nested lists. Each field costs 1 and a list "
                        "multiplies what it contains by its page size (lists without first/limit count "
                        f"as {limits.default_size}) / 查询代价 {cost} 超过上限 {limits.max_cost}，"
                        "请减少每页条数或嵌套列表",
                        [operation],
                        extensions={"code": "COST_LIMIT", "cost": cost, "maxCost": limits.max_cost},
                    )
                )

    return CostRule


def _variable_values(operation: OperationDefinitionNode, given: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for definition in operation.variable_definitions or ():
        name = definition.variable.name.value
        if name in given:
            values[name] = given[name]
        elif isinstance(definition.default_value, IntValueNode):
            values[name] = int(definition.default_value.value)
    return values


class _Counter:
    """Cost of selection sets; fragments are memoised, so time is linear in the document."""

    def __init__(self, context: ValidationContext, limits: CostLimits, variables: dict[str, Any]) -> None:
        self.context = context
        self.limits = limits
        self.variables = variables
        self.memo: dict[tuple[str, int | None, bool], int] = {}
        self.open: set[str] = set()
        self.refused = False

    def selections(
        self,
        selection_set: SelectionSetNode,
        parent: GraphQLCompositeType,
        pending: int | None,
        introspection: bool,
    ) -> int:
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, pending, introspection)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.context.schema.get_type(condition.name.value) if condition else parent
                if is_composite_type(target):
                    total += self.selections(selection.selection_set, target, pending, introspection)  # type: ignore[arg-type]
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment(selection.name.value, pending, introspection)
        return total

    def fragment(self, name: str, pending: int | None, introspection: bool) -> int:
        key = (name, pending, introspection)
        if key in self.memo:
            return self.memo[key]
        fragment: FragmentDefinitionNode | None = self.context.get_fragment(name)
        if fragment is None or name in self.open:  # unknown or cyclic: reported by graphql-core's rules
            return 0
        target = self.context.schema.get_type(fragment.type_condition.name.value)
        if not is_composite_type(target):
            return 0
        self.open.add(name)
        cost = self.selections(fragment.selection_set, target, pending, introspection)  # type: ignore[arg-type]
        self.open.discard(name)
        self.memo[key] = cost
        return cost

    def field(
        self, node: FieldNode, parent: GraphQLCompositeType, pending: int | None, introspection: bool
    ) -> int:
        definition = _field_definition(self.context.schema, parent, node.name.value)
        if definition is None or node.selection_set is None:
            return 1  # leaves (scalar lists too); unknown fields are reported by graphql-core's rules
        named = get_named_type(definition.type)
        if not is_composite_type(named):
            return 1
        if introspection or node.name.value.startswith("__"):
            # Introspection is answered from memory; its nesting is bounded by MaxIntrospectionDepthRule.
            return 1 + self.selections(node.selection_set, named, None, True)  # type: ignore[arg-type]
        size = self.size(node, definition)
        is_list = isinstance(get_nullable_type(definition.type), GraphQLList)
        # A size argument on a list sizes it; on a wrapper (a connection, a result union) it sizes the
        # first lists inside (`edges`, `candidates`). A list with no size of its own takes the pending one.
        if size is not None:
            factor, below = (size, None) if is_list else (1, size)
        elif is_list:
            factor, below = (pending if pending is not None else self.limits.default_size), None
        else:
            factor, below = 1, pending
        # `first: 0` still counts as one item: what it contains must stay cheap to validate.
        return 1 + max(factor, 1) * self.selections(node.selection_set, named, below, False)  # type: ignore[arg-type]

    def size(self, node: FieldNode, definition: GraphQLField) -> int | None:
        """The page size a field asks for, or None when it has no size argument."""
        present = [name for name in SIZE_ARGUMENTS if name in definition.args]
        if not present:
            return None
        given = {argument.name.value: argument.value for argument in node.arguments or ()}
        for name in present:
            value: Any = None
            if name in given:
                literal = given[name]
                if isinstance(literal, IntValueNode):
                    value = int(literal.value)
                elif isinstance(literal, VariableNode):
                    value = self.variables.get(literal.name.value)
            else:
                value = definition.args[name].default_value
            if not isinstance(value, int) or isinstance(value, bool):
                continue
            if name == "first" and not 0 <= value <= self.limits.max_first:
                self.refused = True
                self.context.report_error(
                    GraphQLError(
                        first_out_of_range(value, self.limits.max_first),
                        [node],
                        extensions={"code": "PAGE_SIZE", "maxFirst": self.limits.max_first},
                    )
                )
            return min(max(value, 0), self.limits.max_limit)
        return self.limits.default_size


def _field_definition(schema: GraphQLSchema, parent: GraphQLCompositeType, name: str) -> GraphQLField | None:
    if name == "__typename":
        return TypeNameMetaFieldDef
    if parent is schema.query_type:
        if name == "__schema":
            return SchemaMetaFieldDef
        if name == "__type":
            return TypeMetaFieldDef
    if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
        return parent.fields.get(name)
    return None


# The guard runs graphql-core's fragment rules first: with unknown or cyclic fragments, nothing else runs.
_FRAGMENT_RULES = (KnownFragmentNamesRule, NoFragmentCyclesRule)


def size_variables(document: DocumentNode) -> tuple[str, ...]:
    """The variables a document passes to a ``first``/``limit`` argument: the only ones its cost reads."""
    names: dict[str, None] = {}
    stack = [d.selection_set for d in document.definitions if hasattr(d, "selection_set")]
    while stack:
        selection_set = stack.pop()
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                for argument in selection.arguments or ():
                    if argument.name.value in SIZE_ARGUMENTS and isinstance(argument.value, VariableNode):
                        names[argument.value.name.value] = None
            inner = getattr(selection, "selection_set", None)
            if inner is not None:
                stack.append(inner)
    return tuple(names)


Sized = tuple[tuple[str, str | None, Any], ...]


def sized(variables: Mapping[str, Any] | None, names: tuple[str, ...]) -> Sized | None:
    """What the cost reads of the variables, as a cache key: each size variable's name, type and value
    (type None when absent, so that its default applies, unlike an explicit null); None when one holds
    something that cannot be a key."""
    given = variables or {}
    entries = []
    for name in names:
        if name not in given:
            entries.append((name, None, None))
            continue
        value = given[name]
        if value is not None and type(value) not in (int, str, float, bool):
            return None
        entries.append((name, type(value).__name__, value))  # 1, 1.0 and True differ
    return tuple(entries)


@dataclass(frozen=True)
class Verdicts:
    """Validation verdicts remembered per document (the parser cache hands out one document per text):
    the fragment rules', the size variables', the cost's per operation and size values, and every other
    rule's (strawberry's ``ValidationCache`` is replaced by this)."""

    fragments: Callable[[GraphQLSchema, DocumentNode, tuple[type[ValidationRule], ...]], list[GraphQLError]]
    sizes: Callable[[DocumentNode], tuple[str, ...]]
    cost: Callable[[GraphQLSchema, DocumentNode, str | None, Sized], list[GraphQLError]]
    rest: Callable[..., list[GraphQLError]]


class _Same:
    """A document as a cache key, by identity: the parser cache hands out one document per text, and
    graphql-core's nodes (frozen dataclasses) would otherwise hash their whole tree on every lookup.
    The key holds the document, so its identity cannot be reused while it is remembered."""

    __slots__ = ("document",)

    def __init__(self, document: DocumentNode) -> None:
        self.document = document

    def __hash__(self) -> int:
        return id(self.document)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.document is self.document


def _remembered(function: Callable[..., _R], maxsize: int) -> Callable[..., _R]:
    """``function`` remembered per arguments, its documents compared by identity (:class:`_Same`)."""

    @lru_cache(maxsize=maxsize)
    def by_key(*args: Any) -> _R:
        return function(*(arg.document if type(arg) is _Same else arg for arg in args))

    def remembered(*args: Any) -> _R:
        return by_key(*(_Same(arg) if isinstance(arg, DocumentNode) else arg for arg in args))

    return remembered


class LimitedValidation(SchemaExtension):
    """Validation in order: fragments known and acyclic, then cost (with the variables), then every other
    rule; each verdict remembered (:class:`Verdicts`)."""

    def __init__(self, limits: CostLimits, verdicts: Verdicts) -> None:
        super().__init__()
        self.limits = limits
        self.verdicts = verdicts

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and context.pre_execution_errors is None:
            schema = context.schema._schema
            errors = self.verdicts.fragments(schema, document, _FRAGMENT_RULES)
            if not errors:
                errors = self._cost(schema, document)
            if not errors:
                errors = self.verdicts.rest(schema, document, context.validation_rules)
            context.pre_execution_errors = list(errors)
        yield

    def _cost(self, schema: GraphQLSchema, document: DocumentNode) -> list[GraphQLError]:
        context = self.execution_context
        variables = context.variables if isinstance(context.variables, Mapping) else None
        key = sized(variables, self.verdicts.sizes(document))
        if key is None:
            return cost_errors(self.limits, schema, document, context.operation_name, variables)
        return self.verdicts.cost(schema, document, context.operation_name, key)


def cost_errors(
    limits: CostLimits,
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
) -> list[GraphQLError]:
    return validate(schema, document, [cost_rule(limits, variables, operation_name)])


def limit_extensions(settings: Settings, *, production: bool) -> list[ExtensionFactory]:
    """The schema extensions that enforce the settings' limits (factories: one instance per request)."""
    rules = [
        *QueryDepthLimiter(max_depth=settings.api_max_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=settings.api_max_aliases).validation_rules,
        MaxIntrospectionDepthRule,
    ]
    if production:
        rules.append(NoSchemaIntrospectionCustomRule)
    limits = CostLimits(
        max_cost=settings.api_max_cost,
        max_first=settings.api_max_first,
        max_limit=max(settings.api_max_first, MATCH_MAX_LIMIT),
    )

    def cost_by_sizes(
        schema: GraphQLSchema, document: DocumentNode, operation_name: str | None, key: Sized
    ) -> list[GraphQLError]:
        given = {name: value for name, kind, value in key if kind is not None}
        return cost_errors(limits, schema, document, operation_name, given)

    # One set of caches per schema: the rule classes are part of the keys, and they are built once here.
    verdicts = Verdicts(
        fragments=_remembered(validate, 256),
        sizes=_remembered(size_variables, 256),
        cost=_remembered(cost_by_sizes, 1024),
        rest=_remembered(validate_document, 256),
    )
    return [
        lambda: MaxTokensLimiter(max_token_count=settings.api_max_tokens),
        lambda: AddValidationRules(list(rules)),
        lambda: LimitedValidation(limits, verdicts),
    ]
