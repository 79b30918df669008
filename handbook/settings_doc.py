"""The settings reference, docs/settings.md, generated from the Settings model so it cannot drift.

python -m handbook.settings_doc            # print it
python -m handbook.settings_doc --write    # rewrite docs/settings.md
python -m handbook.settings_doc --check    # exit 1 if docs/settings.md is out of date
send-handbook settings [--write | --check] # the same
"""

from __future__ import annotations

import argparse
import sys
import types
from collections.abc import Sequence
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic.fields import FieldInfo

from handbook.settings import ENV_PREFIX, ROOT, Settings

DOC_PATH = ROOT / "docs" / "settings.md"
HEADER = f"""# Settings reference

<!-- Generated from handbook/settings.py by `send-handbook settings --write`. Do not edit by hand. -->

Every setting of the build and the service lives in one typed object, `Settings` in
`handbook/settings.py`. Set any of them with an environment variable `{ENV_PREFIX}<NAME>`, for
example `{ENV_PREFIX}INDEX_DIR=/srv/index`. Command-line options such as `--port` override the
variable for that run.

- Lists are comma-separated: `{ENV_PREFIX}CORS_ORIGINS=https://a.example,https://b.example`.
- True or false settings take `true`, `yes`, `on`, `1` or `false`, `no`, `off`, `0`.
- A value that does not fit stops the program with a message that names the variable.
- Paths are relative to the folder you run the command in; the defaults sit in the repository.
"""


def type_name(annotation: Any) -> str:
    if isinstance(annotation, types.UnionType):
        return " or ".join(type_name(arg) for arg in get_args(annotation))
    if annotation is type(None):
        return "none"
    if get_origin(annotation) is list:
        return f"list of {type_name(get_args(annotation)[0])}"
    names = {Path: "path", str: "text", int: "whole number", float: "number", bool: "true or false"}
    return names.get(annotation, getattr(annotation, "__name__", str(annotation)))


def limits(field: FieldInfo) -> str:
    """The field's bounds (pydantic keeps Field(ge=..., le=...) as annotated-types rules in its metadata)."""
    words = {"ge": "at least", "gt": "more than", "le": "at most", "lt": "less than"}
    rules = [(rule, key) for rule in field.metadata for key in words if hasattr(rule, key)]
    bounds = [f"{words[key]} {getattr(rule, key)}" for rule, key in rules]
    return ", ".join(bounds)


def default_text(field: FieldInfo) -> str:
    value = field.get_default(call_default_factory=True)
    if value is None:
        return "none"
    if isinstance(value, Path):
        try:
            return f"`{value.relative_to(ROOT).as_posix()}/`" if value.suffix == "" else f"`{value.relative_to(ROOT)}`"
        except ValueError:
            return f"`{value}`"
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, list):
        return "`" + ",".join(str(v) for v in value) + "`" if value else "empty"
    return f"`{value}`"


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def settings_markdown() -> str:
    """The whole of docs/settings.md, one table row per Settings field, in the model's order."""
    rows = [
        "| Setting | Environment variable | Type | Default | Description |",
        "|---|---|---|---|---|",
    ]
    for name, field in Settings.model_fields.items():
        kind = type_name(field.annotation)
        bounds = limits(field)
        if bounds:
            kind += f" ({bounds})"
        cells = [f"`{name}`", f"`{ENV_PREFIX}{name.upper()}`", kind, default_text(field), field.description or ""]
        rows.append("| " + " | ".join(cell(text) for text in cells) + " |")
    return HEADER + "\n" + "\n".join(rows) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print, write or check docs/settings.md (generated from Settings).")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--write", action="store_true", help="rewrite docs/settings.md")
    group.add_argument("--check", action="store_true", help="exit 1 if the file is out of date")
    args = parser.parse_args(argv)
    text = settings_markdown()
    if args.write:
        DOC_PATH.write_text(text, encoding="utf-8")
        print(f"Wrote {DOC_PATH}")
    elif args.check:
        current = DOC_PATH.read_text(encoding="utf-8") if DOC_PATH.is_file() else ""
        if current != text:
            print(f"{DOC_PATH} is out of date. Run: send-handbook settings --write", file=sys.stderr)
            return 1
        print(f"{DOC_PATH} is up to date.")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
