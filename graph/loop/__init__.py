"""The closed loop (design.md §6): guarded, atomic state changes of demands and projects, with events."""
