#!/usr/bin/env node
// Offline Neo4j 5 Cypher linter for Gongjian.
//
// Uses Neo4j's own language tooling (@neo4j-cypher/language-support, pinned in package.json)
// to parse and semantically analyse Cypher statements without a running database.
//
// stdin (JSON):
//   {
//     "statements": [{"id": "queries/x.cypher:3", "text": "MATCH (n:Unit) RETURN n"}],
//     "schema": {"labels": [...], "relationshipTypes": [...], "propertyKeys": [...]},
//     "plugins": []            // optional: "apoc" and/or "gds" to also accept those namespaces
//   }
//
// stdout (JSON):
//   {
//     "linter": "@neo4j-cypher/language-support@<version>",
//     "cypherVersion": "CYPHER 5",
//     "results": [{"id": "...", "diagnostics": [{
//        "severity": "error" | "warning",
//        "category": "syntax-or-semantic" | "unknown-label" | "unknown-relationship-type" |
//                    "unknown-label-or-type" | "unknown-property" | "unknown-function" |
//                    "unknown-procedure" | "function-procedure-mixup" | "deprecated" | "other",
//        "message": "...",
//        "line": 1, "column": 1,          // 1-based, relative to the statement text
//        "endLine": 1, "endColumn": 5,    // 1-based, end exclusive
//        "offset": 0, "endOffset": 4      // 0-based character offsets into the statement text
//     }]}]
//   }
//
// The database schema used for linting is: Neo4j 5's built-in functions and procedures (taken from
// the package's bundled Neo4j 5 signature registry, `testData.mockSchema`, minus the APOC / GDS
// plugin namespaces unless requested) plus the labels, relationship types and property keys given
// on stdin. Parameters ($x) are never declared, so "Parameter $x is not defined." diagnostics are
// dropped with the package's own `isNotParamError` filter.
//
// Narrow additions to the package, reported in the same format: a `CYPHER <n>` prefix other than 5 is
// an error (Neo4j 5 runs Cypher 5 only); the labels, relationship types and property keys named in
// CREATE … INDEX / CONSTRAINT commands are checked against the schema (the package skips schema
// commands); and the package's false "unknown property" for `row.key` inside a MATCH pattern's
// property map, where `row` is a map, is dropped (see isMisattributedProperty).
//
// Exit status: 0 whenever linting ran (even with diagnostics: the caller decides); 2 on bad input.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isNotParamError, lintCypherQuery, testData } from '@neo4j-cypher/language-support';

const CYPHER_VERSION = 'CYPHER 5'; // production runs Neo4j 5
const PLUGIN_NAMESPACES = ['apoc', 'gds'];

function fail(message) {
  process.stderr.write(`cypher-lint: ${message}\n`);
  process.exit(2);
}

function packageVersion() {
  try {
    const require = createRequire(import.meta.url);
    // The package's "exports" map does not expose package.json; resolve the entry point instead.
    const entry = require.resolve('@neo4j-cypher/language-support');
    const root = entry.slice(0, entry.lastIndexOf('/dist/'));
    return JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

function stringList(value, name) {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    fail(`${name} must be a list of strings`);
  }
  return [...new Set(value)];
}

function inNamespace(name, namespaces) {
  return namespaces.some((ns) => name === ns || name.startsWith(`${ns}.`));
}

/** Neo4j 5 built-in functions and procedures (plus requested plugins) from the bundled registry. */
function neo4jRegistries(plugins) {
  const mock = testData?.mockSchema;
  const functions = mock?.functions?.[CYPHER_VERSION];
  const procedures = mock?.procedures?.[CYPHER_VERSION];
  if (!functions || !procedures) {
    fail(`the installed @neo4j-cypher/language-support has no ${CYPHER_VERSION} function/procedure registry`);
  }
  const excluded = PLUGIN_NAMESPACES.filter((ns) => !plugins.includes(ns));
  const keep = (registry) =>
    Object.fromEntries(Object.entries(registry).filter(([name]) => !inNamespace(name, excluded)));
  return { functions: keep(functions), procedures: keep(procedures) };
}

const NOT_PRESENT = / is not present in the database\./;

function categorize(severity, message) {
  if (NOT_PRESENT.test(message)) {
    if (message.startsWith('Label or relationship type ')) return 'unknown-label-or-type';
    if (message.startsWith('Relationship type ')) return 'unknown-relationship-type';
    if (message.startsWith('Label ')) return 'unknown-label';
    if (message.startsWith('Function ')) return 'unknown-function';
    if (message.startsWith('Procedure ')) return 'unknown-procedure';
    return 'unknown-property';
  }
  if (/ is a (procedure, not a function|function, not a procedure)\./.test(message)) {
    return 'function-procedure-mixup';
  }
  if (/deprecated/i.test(message)) return 'deprecated';
  return severity === 'error' ? 'syntax-or-semantic' : 'other';
}

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

function toOutput(diagnostic) {
  const severity = SEVERITY[diagnostic.severity] ?? 'error';
  const { start, end } = diagnostic.range;
  return {
    severity,
    category: categorize(severity, diagnostic.message),
    message: diagnostic.message,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    offset: diagnostic.offsets?.start ?? null,
    endOffset: diagnostic.offsets?.end ?? null,
  };
}

function positionAt(text, offset) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

function diagnosticAt(text, start, end, severity, category, message) {
  const from = positionAt(text, start);
  const to = positionAt(text, end);
  return {
    severity,
    category,
    message,
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
    offset: start,
    endOffset: end,
  };
}

// The package does not check labels, relationship types or property keys inside schema commands
// (CREATE … INDEX / CONSTRAINT … FOR … ON/REQUIRE …), yet a typo there silently indexes or constrains
// nothing. This narrow supplement checks exactly those names; it runs only on statements the package
// parsed without error, so the grammar is known to be valid Neo4j 5.
const NAME = '(?:`(?:[^`]|``)+`|[\\p{L}_][\\p{L}\\p{N}_]*)';
const LEADING_COMMENTS = '^(?:\\s+|\\/\\/[^\\n]*(?:\\n|$)|\\/\\*[\\s\\S]*?\\*\\/)*';
const SCHEMA_COMMAND = new RegExp(`${LEADING_COMMENTS}CREATE\\s+(?:\\w+\\s+)?(?:INDEX|CONSTRAINT)\\b`, 'iu');
const NODE_TARGET = new RegExp(`\\bFOR\\s*\\(\\s*(${NAME})\\s*:\\s*(${NAME}(?:\\s*\\|\\s*${NAME})*)\\s*\\)`, 'iuy');
const REL_TARGET = new RegExp(
  `\\bFOR\\s*\\(\\s*\\)\\s*<?-\\s*\\[\\s*(${NAME})\\s*:\\s*(${NAME}(?:\\s*\\|\\s*${NAME})*)\\s*\\]\\s*->?\\s*\\(\\s*\\)`,
  'iuy',
);
const unquote = (name) => (name.startsWith('`') ? name.slice(1, -1).replaceAll('``', '`') : name);

function schemaCommandNames(text, dbSchema) {
  if (!SCHEMA_COMMAND.test(text)) return [];
  let target;
  let kind;
  search: for (const forKeyword of text.matchAll(/\bFOR\b/gi)) {
    for (const [regex, k] of [
      [NODE_TARGET, 'Label'],
      [REL_TARGET, 'Relationship type'],
    ]) {
      regex.lastIndex = forKeyword.index;
      target = regex.exec(text);
      if (target) {
        kind = k;
        break search;
      }
    }
  }
  if (!target) return []; // e.g. LOOKUP indexes: FOR (n) ON EACH labels(n)
  const [whole, variable, names] = target;
  const known = new Set(kind === 'Label' ? dbSchema.labels : dbSchema.relationshipTypes);
  const category = kind === 'Label' ? 'unknown-label' : 'unknown-relationship-type';
  const found = [];
  const namesAt = target.index + whole.lastIndexOf(names);
  for (const m of names.matchAll(new RegExp(NAME, 'gu'))) {
    if (!known.has(unquote(m[0]))) {
      const start = namesAt + m.index;
      found.push(
        diagnosticAt(text, start, start + m[0].length, 'warning', category,
          `${kind} ${m[0]} is not present in the database (schema command).`),
      );
    }
  }
  // Property references of the bound variable, up to OPTIONS (whose map keys are index settings).
  const bodyStart = target.index + whole.length;
  const optionsAt = text.slice(bodyStart).search(/\bOPTIONS\b/i);
  const body = text.slice(bodyStart, optionsAt < 0 ? undefined : bodyStart + optionsAt);
  const varPattern = variable.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const props = new Set(dbSchema.propertyKeys);
  for (const m of body.matchAll(new RegExp(`(?<![\\p{L}\\p{N}_\`])${varPattern}\\s*\\.\\s*(${NAME})`, 'gu'))) {
    if (!props.has(unquote(m[1]))) {
      const start = bodyStart + m.index + m[0].length - m[1].length;
      found.push(
        diagnosticAt(text, start, start + m[1].length, 'warning', 'unknown-property',
          `${m[1]} is not present in the database (schema command).`),
      );
    }
  }
  return found;
}

// Work-around for a false positive in the package: inside a MATCH pattern's property map,
// `(p:Category {code: row.parent})`, it attributes `row.parent` to the pattern variable `p` and so
// reports `parent` as an unknown node property although `row` is a map. Its own rule is to check only
// properties of variables that are nodes or relationships, so apply that rule to the variable
// actually written before the dot; property-map keys (`{code: …}`) and `node.prop` stay reported.
const ACCESSOR_BEFORE = new RegExp(`(${NAME})\\s*\\.\\s*$`, 'u');

function isMisattributedProperty(text, diagnostic, symbols) {
  if (categorize('warning', diagnostic.message) !== 'unknown-property') return false;
  const start = diagnostic.offsets?.start;
  if (typeof start !== 'number') return false;
  const accessor = ACCESSOR_BEFORE.exec(text.slice(0, start));
  if (!accessor) return false;
  const name = unquote(accessor[1]);
  const at = accessor.index;
  const candidates = symbols.filter((symbol) => symbol.variable === name);
  const symbol =
    candidates.find((c) => c.definitionPosition === at || c.references.includes(at)) ?? candidates[0];
  if (!symbol || symbol.types.length === 0) return false;
  return !symbol.types.every((type) => type === 'Node' || type === 'Relationship');
}

// `CYPHER 25 MATCH …` parses fine in the package, but Neo4j 5 only runs Cypher 5: say so plainly
// rather than leaving only a cascade of "Function … is not present" errors.
const VERSION_PREFIX = new RegExp(`${LEADING_COMMENTS}CYPHER\\s+(\\d+)\\b`, 'i');

function versionMismatch(text) {
  const match = VERSION_PREFIX.exec(text);
  if (!match || `CYPHER ${match[1]}` === CYPHER_VERSION) return undefined;
  const start = match[0].length - match[1].length - 'CYPHER '.length;
  return diagnosticAt(text, start, match[0].length, 'error', 'syntax-or-semantic',
    `CYPHER ${match[1]} is not available: production runs Neo4j 5, which only runs ${CYPHER_VERSION}`);
}

function main() {
  let input;
  try {
    input = JSON.parse(readFileSync(0, 'utf8'));
  } catch (err) {
    fail(`stdin is not valid JSON: ${err.message}`);
  }
  const statements = input?.statements;
  if (!Array.isArray(statements)) fail('"statements" must be a list');
  const schema = input.schema ?? {};
  const plugins = stringList(input.plugins, 'plugins');

  const { functions, procedures } = neo4jRegistries(plugins);
  const dbSchema = {
    defaultLanguage: CYPHER_VERSION,
    labels: stringList(schema.labels, 'schema.labels'),
    relationshipTypes: stringList(schema.relationshipTypes, 'schema.relationshipTypes'),
    propertyKeys: stringList(schema.propertyKeys, 'schema.propertyKeys'),
    functions: { [CYPHER_VERSION]: functions },
    procedures: { [CYPHER_VERSION]: procedures },
  };

  const results = statements.map((statement, index) => {
    const id = statement?.id ?? String(index);
    const text = statement?.text;
    if (typeof text !== 'string') fail(`statement ${JSON.stringify(id)} has no "text" string`);
    let diagnostics;
    let symbolTables;
    try {
      // Console commands (:param, :use …) are not Cypher: lint them as the errors they are.
      ({ diagnostics, symbolTables } = lintCypherQuery(text, dbSchema, { consoleCommandsEnabled: false }));
    } catch (err) {
      const crash = diagnosticAt(text, 0, text.length, 'error', 'other', `the linter crashed: ${err}`);
      return { id, diagnostics: [crash] };
    }
    const symbols = symbolTables.flat();
    const output = diagnostics
      .filter(isNotParamError)
      .filter((d) => !isMisattributedProperty(text, d, symbols))
      .map(toOutput);
    const versionError = versionMismatch(text);
    if (versionError) output.unshift(versionError);
    if (!output.some((d) => d.severity === 'error')) output.push(...schemaCommandNames(text, dbSchema));
    return { id, diagnostics: output };
  });

  const output = {
    linter: `@neo4j-cypher/language-support@${packageVersion()}`,
    cypherVersion: CYPHER_VERSION,
    schemaSize: {
      labels: dbSchema.labels.length,
      relationshipTypes: dbSchema.relationshipTypes.length,
      propertyKeys: dbSchema.propertyKeys.length,
      functions: Object.keys(functions).length,
      procedures: Object.keys(procedures).length,
    },
    results,
  };
  process.stdout.write(`${JSON.stringify(output, null, 1)}\n`);
}

main();
