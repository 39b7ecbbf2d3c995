"""Cypher statements owned by the graph layer (schema, maintenance, statistics, demo writes)."""
