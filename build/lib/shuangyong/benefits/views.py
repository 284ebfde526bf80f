"""What the benefits pages share: who may open them, and a domain refusal turned into a message.

The pages themselves are in views_runs.py (发放批次, findings, lines, bank files) and views_standards.py
(抚恤补助标准, 工资基数, standards import)."""

PAGE_SIZE = 50
