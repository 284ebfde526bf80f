"""What a sheet import found and did: problems by Excel row and column, the counts, and the error for a file that
cannot be read as a whole. ImportCounts.as_dict() is the --json shape every import command prints (README)."""

from dataclasses import dataclass, field

# a first cell with one of these words ends the table: totals and sign-off lines under it are not rows
FOOTER_WORDS = ("合计", "总计", "制表", "填表", "审核", "负责人", "说明")


class SheetError(Exception):
    """The file as a whole cannot be read (no header, a required column missing, wrong type): nothing row-level
    to report. The message is Chinese and meant for the user."""


@dataclass(slots=True)
class Problem:
    row: int
    column: str  # the header as written in the sheet
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportCounts:
    """What an import did, in the shape every import command prints with --json (README)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    # where the header was, for the marked error report (sheets.report): its Excel row, header text -> column index
    header_row: int | None = None
    columns: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [p.as_dict() for p in self.errors],
            "warnings": [p.as_dict() for p in self.warnings],
        }

    def write_report(self, command, *, dry_run: bool) -> None:
        """The plain-text report of an import command: every problem by row and column, then the counts."""
        for problem in self.errors:
            command.stderr.write(f"错误  第 {problem.row} 行 [{problem.column}] {problem.message}")
        for problem in self.warnings:
            command.stdout.write(f"提示  第 {problem.row} 行 [{problem.column}] {problem.message}")
        prefix = "（有错误，未写入任何数据）" if self.errors else "（试运行，未写入）" if dry_run else ""
        counts = f"新增 {self.created}，更新 {self.updated}，未变 {self.unchanged}"
        command.stdout.write(f"{prefix}{counts}，错误 {len(self.errors)}，提示 {len(self.warnings)}")
