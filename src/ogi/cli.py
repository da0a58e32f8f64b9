"""The ``ogi`` command: a thin typer layer over the Python API."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from .errors import OgiError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Chinese government information disclosure annual reports → research dataset.")


@app.command("build")
def build_command(
    raw_dir: Path = typer.Argument(..., help="Folder of scraped reports (txt, md, html, pdf, docx)."),
    out: Path = typer.Option(Path("corpus/build"), "--out", "-o", help="Output folder for the Parquet tables."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes."),
    incremental: bool = typer.Option(False, "--incremental", help="Re-parse only files whose hash changed."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 if any document failed."),
    max_bytes: int = typer.Option(32 * 1024 * 1024, "--max-bytes", min=1, help="Size limit per file."),
    engine: str = typer.Option("local", "--engine", help="local (worker processes) or dask (pip install 'ogi-reports[dask]')."),
    scheduler: str | None = typer.Option(None, "--scheduler", help="Dask scheduler address, e.g. tcp://host:8786."),
) -> None:
    """Build a corpus from a folder of reports.

    Example: ogi build corpus/raw --out corpus/build --workers 2
    """
    from .build import build
    from .report import Settings
    from .summary import print_summary, progress_callback

    if not raw_dir.is_dir():
        typer.echo(f"error: {raw_dir}: not a folder", err=True)
        raise typer.Exit(2)
    if engine not in ("local", "dask"):
        typer.echo(f"error: --engine {engine}: use local or dask", err=True)
        raise typer.Exit(2)
    with progress_callback() as progress:
        summary = build(raw_dir, out, workers=workers, incremental=incremental,
                        settings=Settings(max_bytes=max_bytes), progress=progress, engine=engine, scheduler=scheduler)
    print_summary(summary, out)
    if strict and summary.errors:
        raise typer.Exit(1)


@app.command("parse")
def parse_command(file: Path = typer.Argument(..., exists=True, dir_okay=False, help="One report file.")) -> None:
    """Print one document as JSON.

    Example: ogi parse corpus/raw/pingtan-2022.txt
    """
    from .api import parse

    try:
        report = parse(file)
    except OgiError as exc:
        typer.echo(f"error: {file}: {exc}", err=True)
        raise typer.Exit(1) from exc
    json.dump(report.to_json(), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


@app.command("segment")
def segment_command(
    input: Path = typer.Option(..., "--input", "-i", exists=True, help="CSV with columns id,text."),
    out: Path = typer.Option(..., "--out", "-o", help="CSV to write: id,part,n,text,start,end."),
) -> None:
    """Cut section-五 texts into problem and measure items.

    Example: ogi segment --input sections.csv --out items.csv
    """
    import pandas as pd

    from .text import segment_table

    frame = pd.read_csv(input, dtype=str).fillna("")
    if not {"id", "text"} <= set(frame.columns):
        typer.echo(f"error: {input}: needs columns id,text", err=True)
        raise typer.Exit(2)
    rows = segment_table(zip(frame["id"], frame["text"], strict=True))
    columns = ["id", "part", "n", "text", "start", "end"]
    from .atomic import write_atomic

    write_atomic(out, pd.DataFrame(rows, columns=columns).to_csv(index=False).encode("utf-8"))
    typer.echo(f"{len(rows)} items from {len(frame)} sections → {out}")


def main() -> None:
    app()
