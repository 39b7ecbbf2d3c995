"""Developer tools that are not installed with the package (fuzzing harness, Cypher lint)."""
