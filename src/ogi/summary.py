"""Terminal output of a build: a progress bar on a terminal, a summary table at the end."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn
from rich.table import Table

from .build import BuildSummary


@contextlib.contextmanager
def progress_callback() -> Iterator[Callable[[int, int], None] | None]:
    if not sys.stderr.isatty():
        yield None
        return
    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("parsing", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def print_summary(summary: BuildSummary, out: Path) -> None:
    console = Console()
    table = Table(title=f"corpus → {out}", show_header=True)
    table.add_column("")
    table.add_column("count", justify="right")
    table.add_row("documents", str(summary.documents))
    for status, n in summary.by_status.items():
        table.add_row(f"  status {status}", str(n))
    for template, n in summary.by_template.items():
        table.add_row(f"  template {template}", str(n))
    table.add_row("years", ", ".join(f"{y}: {n}" for y, n in summary.by_year.items()) or "-")
    table.add_row("levels", ", ".join(f"{k}: {n}" for k, n in summary.by_level.items()) or "-")
    table.add_row("complete tables", str(summary.tables_complete))
    table.add_row("failed checks", f"{summary.checks_failed} in {summary.documents_with_failed_checks} documents")
    table.add_row("cells inferred", str(summary.cells_inferred))
    table.add_row("cells ambiguous", str(summary.cells_ambiguous))
    if summary.reused:
        table.add_row("reused (unchanged)", str(summary.reused))
    console.print(table)
