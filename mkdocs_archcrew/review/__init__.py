"""Change tracking: requirements changed since they were last reviewed against the FRS, and
documents of the Architect Crew chain changed since they were last regenerated."""
