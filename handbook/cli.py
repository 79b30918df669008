"""One command line for the SEND Handbook: send-handbook build | serve | evaluate | bench | settings.

Each command calls the existing entry point and passes the rest of the line to it, so
`send-handbook build --help` shows the build's own options.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType

from handbook.settings import ROOT

DESCRIPTION = """\
Build, serve and measure the SEND Handbook.

Settings come from SEND_HANDBOOK_* environment variables (see docs/settings.md);
the options after each command override them for that run.
"""
EPILOG = """\
examples:
  send-handbook build                      build the search index from content/ into index/
  send-handbook serve --port 8000          serve the site and the API on http://127.0.0.1:8000
  send-handbook evaluate --misses          score the search and list what it got wrong
  send-handbook bench --seconds 10         measure speed with a 10-second concurrent run
  send-handbook settings --write           regenerate docs/settings.md
  send-handbook build --help               the options of one command
"""
COMMANDS: dict[str, str] = {
    "build": "Build the search index from the content. A broken page stops the build with the file "
    "name and the reason, and the previous index stays in place.",
    "serve": "Serve the built site and the search API (the same as python -m search_service).",
    "evaluate": "Score how well search finds the right need, against three simpler systems "
    "(needs a built index and site).",
    "bench": "Measure the speed of the search service: latency, requests per second, cold start and "
    "build time (needs a built index and site; takes about a minute).",
    "settings": "Print the settings reference (every SEND_HANDBOOK_* variable), or write it to docs/settings.md.",
}


@contextmanager
def program(name: str, argv: list[str]) -> Iterator[None]:
    """Make the entry point's own argparse see `send-handbook <name> <argv>`, so its --help reads right."""
    saved = sys.argv
    sys.argv = [f"send-handbook {name}", *argv]
    try:
        yield
    finally:
        sys.argv = saved


def run_build(argv: list[str]) -> int:
    import build_index

    with program("build", argv):
        return build_index.main(argv)


def run_serve(argv: list[str]) -> int:
    from search_service.__main__ import main

    with program("serve", argv):
        return main(argv)


def load_script(relative: str) -> ModuleType | None:
    """One of the repository's scripts (evaluation/, benchmarks/) as a module, or None if it is not here."""
    script = ROOT / relative
    if not script.is_file():
        return None
    spec = importlib.util.spec_from_file_location("send_handbook_" + script.stem, script)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_script(name: str, relative: str, argv: list[str]) -> int:
    """Call the script's main(), which reads its options from sys.argv as `python <script>` would."""
    module = load_script(relative)
    if module is None:
        print(
            f"{relative} is not in {ROOT}. Run this command from a checkout of the repository "
            "installed with pip install -e .",
            file=sys.stderr,
        )
        return 2
    with program(name, argv):
        code: int = module.main()
        return code


def run_evaluate(argv: list[str]) -> int:
    return run_script("evaluate", "evaluation/evaluate.py", argv)


def run_bench(argv: list[str]) -> int:
    return run_script("bench", "benchmarks/benchmark.py", argv)


def run_settings(argv: list[str]) -> int:
    from handbook.settings_doc import main

    with program("settings", argv):
        return main(argv)


RUNNERS: dict[str, Callable[[list[str]], int]] = {
    "build": run_build,
    "serve": run_serve,
    "evaluate": run_evaluate,
    "bench": run_bench,
    "settings": run_settings,
}


def parser() -> argparse.ArgumentParser:
    """The top-level parser: it lists the commands for --help and names them when the command is wrong."""
    top = argparse.ArgumentParser(
        prog="send-handbook",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = top.add_subparsers(dest="command", metavar="COMMAND", title="commands", required=True)
    for name, help_text in COMMANDS.items():
        commands.add_parser(name, help=help_text, add_help=False)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run `send-handbook COMMAND [options]`; everything after the command goes to that command."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in RUNNERS:
        return RUNNERS[args[0]](args[1:])
    parser().parse_args(args)  # prints the help, or says which commands there are, and exits
    return 2


if __name__ == "__main__":
    sys.exit(main())
