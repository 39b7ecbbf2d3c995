"""GraphQL types and root fields, one module per domain."""
