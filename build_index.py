"""Build the SEND Handbook search index from content/.

    python build_index.py                 # writes index/ (see handbook/index_store.py for the layout)
    python build_index.py --index /tmp/i  # somewhere else
    python build_index.py --write-shipped-embeddings  # also refresh data/embeddings/ after a content change

A broken page stops the build with the file name and the reason; the previous index stays in place.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from handbook.errors import ContentError
from handbook.settings import Settings

if TYPE_CHECKING:
    from handbook.build import BuildResult


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--content", type=Path, help="content folder (default: content/)")
    parser.add_argument("--index", type=Path, help="index folder (default: index/)")
    parser.add_argument(
        "--write-shipped-embeddings",
        action="store_true",
        help="rewrite the shipped embeddings (data/embeddings/) with exactly the texts this build used",
    )
    args = parser.parse_args(argv)
    overrides = {k: v for k, v in {"content_dir": args.content, "index_dir": args.index}.items() if v}
    settings = Settings.from_env(**overrides)
    logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=sys.stderr)
    logging.getLogger("handbook").setLevel(logging.INFO)  # the build's own progress lines, not the libraries'
    # Beside a live service the build must not starve it: lower priority, few threads (settings).
    os.nice(settings.build_nice)
    from handbook.build import build_index  # imported here so --help stays fast

    try:
        result = build_index(settings, write_shipped_embeddings=args.write_shipped_embeddings)
    except ContentError as error:
        print(f"Build failed, the previous index is unchanged.\n{error}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{value} {name.replace('_', ' ')}" for name, value in result.counts.items())
    print(f"Built the search index in {result.seconds:.1f}s: {counts}.")
    print(f"Embedded {result.embedded} texts; {result.reused} came from the embedding cache.")
    print(shipped_embeddings_report(result, settings))
    print(result.path)
    return 0


def shipped_embeddings_report(result: BuildResult, settings: Settings) -> str:
    if result.shipped_written:
        return f"Wrote the shipped embeddings: {result.shipped_written}"
    if settings.shipped_embeddings_dir is None:
        return "No shipped embeddings are used (SEND_HANDBOOK_SHIPPED_EMBEDDINGS_DIR is empty)."
    if result.shipped_missing == result.shipped_unused == 0:
        return "The shipped embeddings are up to date."
    return (
        f"The shipped embeddings lack {result.shipped_missing} of the texts this build used and hold "
        f"{result.shipped_unused} it did not use. Refresh them: python build_index.py --write-shipped-embeddings"
    )


if __name__ == "__main__":
    sys.exit(main())
