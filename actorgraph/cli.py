"""Command line: ``python -m actorgraph extract|render ARTICLE`` (and batch|corpus, see cli_batch)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .errors import ActorGraphError

FORMATS = ("json", "graphml", "gexf", "csv")


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m actorgraph",
                                 description="News article → graph of actors joined by alliance and hostility.")
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="write the actor graph of an article")
    ex.add_argument("article", type=Path, help=".txt, .md, .html, .pdf or .docx file ('-' reads stdin)")
    ex.add_argument("--format", choices=FORMATS, default="json",
                    help="json: NetworkX node-link; csv: nodes then edges (or two files with -o DIR)")
    ex.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    rn = sub.add_parser("render", help="write a standalone HTML picture of the graph")
    rn.add_argument("article", type=Path)
    rn.add_argument("-o", "--output", type=Path, required=True)
    rn.add_argument("--color-by", choices=("country", "type"), default="country")
    for p in (ex, rn):
        p.add_argument("--corrections", type=Path, metavar="JSON",
                       help="apply a corrections file downloaded from the dashboard")
    from .cli_batch import add_commands  # batch, corpus: many articles and a store

    add_commands(sub)
    return ap


def _graph(path: Path, corrections_file: Path | None = None):
    from .graph import build_graph
    from .ingest import read_path, read_stream
    from .pipeline import extract

    # Both readers stop at the size limit + 1 byte (a 2 GB file, /dev/zero).
    article = read_stream(sys.stdin.buffer, "stdin.txt") if str(path) == "-" else read_path(path)
    extraction = extract(article)
    if corrections_file is not None:
        extraction = _corrected(extraction, corrections_file)
    G = build_graph(extraction)
    for notice in G.graph.get("notices", ()):
        print(f"notice: {notice}", file=sys.stderr)
    return G


def _corrected(extraction, path: Path):
    from .corrections import CorrectionsError, apply, from_json
    from .store import text_hash

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorrectionsError(f"the corrections file {path} cannot be read "
                               f"({exc.strerror or exc})") from None
    corrections = from_json(data)
    if corrections.article != text_hash(extraction.article.text):
        which = f" ({corrections.title})" if corrections.title else ""
        raise CorrectionsError(f"{path} holds the corrections of another article{which}")
    return apply(extraction, corrections)


def _output_problem(out: Path | None, as_dir_ok: bool) -> str | None:
    """Why ``out`` cannot be written, checked before the extraction runs; None when it can."""
    if out is None:
        return None
    if out.is_dir():
        if as_dir_ok:
            return None if os.access(out, os.W_OK) else f"cannot write into the folder {out}"
        return f"{out} is a folder; give a file name"
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        return f"the folder {parent} does not exist"
    if out.exists() and not os.access(out, os.W_OK):
        return f"{out} cannot be written (permission denied)"
    if not out.exists() and not os.access(parent, os.W_OK | os.X_OK):
        return f"cannot write into the folder {parent} (permission denied)"
    return None


def _write(out: Path | None, payload: str | bytes) -> None:
    if out is None:
        if isinstance(payload, bytes):
            sys.stdout.buffer.write(payload)
        else:
            sys.stdout.write(payload if payload.endswith("\n") else payload + "\n")
        return
    if isinstance(payload, bytes):
        out.write_bytes(payload)
    else:
        out.write_text(payload, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from . import cli_batch

    if args.command in cli_batch.COMMANDS:
        return cli_batch.run(args)
    problem = _output_problem(args.output, args.command == "extract" and args.format == "csv")
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    try:
        G = _graph(args.article, args.corrections)
    except FileNotFoundError:
        print(f"error: no such file: {args.article}", file=sys.stderr)
        return 2
    except (ActorGraphError, IsADirectoryError, PermissionError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        return _export(args, G)
    except OSError as exc:  # the disk filled up, or the path changed since the check
        print(f"error: {args.output} could not be written ({exc.strerror or exc})", file=sys.stderr)
        return 2


def _export(args: argparse.Namespace, G) -> int:
    from . import export

    if args.command == "render":
        _write(args.output, export.to_html(G, color_by=args.color_by))
        return 0
    if args.format == "json":
        _write(args.output, export.to_node_link_json(G))
    elif args.format == "graphml":
        _write(args.output, export.to_graphml(G))
    elif args.format == "gexf":
        _write(args.output, export.to_gexf(G))
    elif args.output is not None and args.output.is_dir():
        _write(args.output / "nodes.csv", export.nodes_csv(G))
        _write(args.output / "edges.csv", export.edges_csv(G))
    else:
        _write(args.output, export.nodes_csv(G) + "\n" + export.edges_csv(G))
    return 0
