"""Build the SEND Handbook search index from content/.

    python build_index.py                 # writes index/ (see handbook/index_store.py for the layout)
    python build_index.py --index /tmp/i  # somewhere else

A broken page stops the build with the file name and the reason; the previous index stays in place.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from handbook.errors import ContentError
from handbook.settings import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--content", type=Path, help="content folder (default: content/)")
    parser.add_argument("--index", type=Path, help="index folder (default: index/)")
    args = parser.parse_args(argv)
    overrides = {k: v for k, v in {"content_dir": args.content, "index_dir": args.index}.items() if v}
    settings = Settings.from_env(**overrides)
    logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=sys.stderr)
    logging.getLogger("handbook").setLevel(logging.INFO)  # the build's own progress lines, not the libraries'
    # Beside a live service the build must not starve it: lower priority, few threads (settings).
    os.nice(settings.build_nice)
    from handbook.build import build_index  # imported here so --help stays fast

    try:
        result = build_index(settings)
    except ContentError as error:
        print(f"Build failed, the previous index is unchanged.\n{error}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{value} {name.replace('_', ' ')}" for name, value in result.counts.items())
    print(f"Built the search index in {result.seconds:.1f}s: {counts}.")
    print(f"Embedded {result.embedded} texts; {result.reused} came from the embedding cache.\n{result.path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
