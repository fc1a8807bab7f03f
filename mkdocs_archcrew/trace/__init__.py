"""RDS → FRS cross-validation: requirements, their coverage, and what is published of them
(the JSON report, the traceability table and diagram)."""
