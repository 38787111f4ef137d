"""Command line for many articles: ``batch`` fills a store, ``corpus`` writes its graph."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .errors import ActorGraphError

FORMATS = ("json", "graphml", "gexf", "csv")
COMMANDS = ("batch", "corpus")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2024-03-31") from None


def _workers(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of workers (1 or more)")
    return n


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add the ``batch`` and ``corpus`` subcommands to the main parser."""
    b = sub.add_parser("batch", help="extract many articles into a store")
    b.add_argument("paths", nargs="+", metavar="PATH", help="files, or folders read recursively")
    b.add_argument("--db", required=True, help="store: a file path (SQLite) or a SQLAlchemy URL")
    b.add_argument("--manifest", type=Path, help="TSV with `file` and `date` columns")
    where = b.add_mutually_exclusive_group()
    where.add_argument("--workers", type=_workers, help="run on a local Dask cluster of N processes")
    where.add_argument("--scheduler", help="run on an existing Dask cluster (tcp://host:8786)")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    c = sub.add_parser("corpus", help="write the graph of every article in a store")
    c.add_argument("--db", required=True, help="store: a file path (SQLite) or a SQLAlchemy URL")
    c.add_argument("--format", choices=FORMATS, default="json")
    c.add_argument("--since", type=_date, help="first article date (YYYY-MM-DD)")
    c.add_argument("--until", type=_date, help="last article date (YYYY-MM-DD)")
    c.add_argument("--country", nargs="+", metavar="ISO3", help="keep actors of these countries")
    c.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")


def _client(args):
    """A Dask client for --workers/--scheduler, or None for a serial run; and what to close."""
    if args.scheduler:
        from distributed import Client

        try:
            client = Client(args.scheduler, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise ActorGraphError(f"Cannot reach the Dask scheduler at {args.scheduler}: {exc}") from None
        return client, (client,)
    if args.workers:
        from distributed import Client, LocalCluster

        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
        return client, (client, cluster)
    return None, ()


def run_batch_command(args) -> int:
    from tqdm import tqdm

    from .batch import WarmUp, collect_paths, run_batch
    from .dates import read_manifest
    from .store import open_store

    try:
        manifest = read_manifest(args.manifest) if args.manifest else None
        collect_paths(args.paths)  # a missing path is an error before anything starts
        store = open_store(args.db)
    except ActorGraphError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    closers: tuple = ()
    bar = tqdm(total=0, unit="article", file=sys.stderr, disable=args.quiet, dynamic_ncols=True)
    try:
        client, closers = _client(args)
        if client is not None:
            client.register_plugin(WarmUp())
        result = run_batch(args.paths, store, manifest=manifest, client=client,
                           progress=bar.update, on_total=lambda n: bar.reset(total=n))
    except ActorGraphError as exc:
        bar.close()
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        bar.close()
        for c in closers:
            c.close()
        store.close()
    for path, message in result.failures:
        print(f"failed: {path}: {message}", file=sys.stderr)
    print(result.summary())
    return 130 if result.interrupted else (1 if result.failed and not result.added else 0)


def corpus_payload(G, fmt: str) -> dict[str, str | bytes]:
    """The corpus graph as files: {"": payload} or, for csv, {"nodes.csv": …, "edges.csv": …}."""
    from . import corpus_export, export

    if fmt == "json":
        return {"": export.to_node_link_json(G)}
    if fmt == "graphml":
        return {"": export.to_graphml(G)}
    if fmt == "gexf":
        return {"": export.to_gexf(G)}
    return {"nodes.csv": corpus_export.nodes_csv(G), "edges.csv": corpus_export.edges_csv(G)}


def run_corpus_command(args) -> int:
    from .cli import _write
    from .corpus import corpus_graph
    from .store import open_store

    try:
        store = open_store(args.db, create=False)
    except ActorGraphError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with store:
        G = corpus_graph(store, since=args.since, until=args.until,
                         countries=[c.upper() for c in args.country] if args.country else None)
    files = corpus_payload(G, args.format)
    if "" in files:
        _write(args.output, files[""])
    elif args.output is not None and args.output.is_dir():
        for name, payload in files.items():
            _write(args.output / name, payload)
    else:
        _write(args.output, files["nodes.csv"] + "\n" + files["edges.csv"])
    return 0


def run(args) -> int:
    if args.command == "batch":
        return run_batch_command(args)
    return run_corpus_command(args)
