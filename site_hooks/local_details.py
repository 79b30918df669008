"""Local details: what a local authority, trust or school fills in once, in `content/local.yml`.

A page asks for a box with a marker on its own line:

    <!-- local-details: camhs-mental-health-support-team -->

The site build replaces the marker with a clearly marked box. A filled value shows as it is. An
empty value shows a useful line instead ("Ask your SENCO for ...", then the national route), so a
reader never sees "Add ... here". The search index skips HTML comments, so it never sees a marker.

See docs/local-details.md for how another local authority replaces the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from handbook.errors import ContentError

LOCAL_FILE = "local.yml"
MARKER = re.compile(r"^<!-- local-details: ([a-z0-9-]+) -->[ \t]*$", re.M)
ASK_WHO = ("your SENCO", "your DSL", "your designated teacher", "the school office")
ASK_WORDS = ("for", "how", "who", "which", "what", "when", "where", "whether", "about")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


@dataclass(frozen=True)
class Detail:
    label: str
    value: str  # empty when the local authority, trust or school has not filled it in yet
    ask: str  # what to ask: "Ask <who> <ask>.", e.g. "for the crisis line" or "how to refer"
    who: str  # who to ask: one of ASK_WHO
    national: str  # the national route that always works

    @property
    def missing_line(self) -> str:
        return f"Ask {self.who} {self.ask}. {self.national}"


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Box:
    key: str
    title: str
    intro: str
    details: tuple[Detail, ...]
    tables: tuple[Table, ...] = ()

    def empty(self) -> list[Detail]:
        return [detail for detail in self.details if not detail.value]


@dataclass(frozen=True)
class LocalDetails:
    area: str  # who filled the file in, shown on every box
    boxes: dict[str, Box]

    def empty_values(self) -> list[str]:
        """Every value still to fill in, as 'box: label'."""
        return [f"{box.key}: {detail.label}" for box in self.boxes.values() for detail in box.empty()]


def _text(where: str, data: dict[str, Any], key: str, required: bool = True) -> str:
    value = data.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ContentError(LOCAL_FILE, f"{where}: '{key}' must be text, not {type(value).__name__}")
    value = " ".join(value.split())
    if required and not value:
        raise ContentError(LOCAL_FILE, f"{where}: '{key}' is missing or empty")
    if EMAIL.search(value):
        raise ContentError(LOCAL_FILE, f"{where}: '{key}' has an email address; give a team web page or phone number")
    return value


def _detail(where: str, data: Any) -> Detail:
    if not isinstance(data, dict):
        raise ContentError(LOCAL_FILE, f"{where}: each detail must be a mapping with label, value, ask and national")
    unknown = set(data) - {"label", "value", "ask", "who", "national"}
    if unknown:
        raise ContentError(LOCAL_FILE, f"{where}: unknown keys {sorted(unknown)}")
    label = _text(where, data, "label")
    where = f"{where} ({label})"
    who = _text(where, data, "who", required=False) or ASK_WHO[0]
    if who not in ASK_WHO:
        raise ContentError(LOCAL_FILE, f"{where}: 'who' must be one of {', '.join(ASK_WHO)}")
    ask = _text(where, data, "ask").rstrip(".")
    if ask.split()[0] not in ASK_WORDS:
        raise ContentError(LOCAL_FILE, f"{where}: 'ask' must start with one of: {', '.join(ASK_WORDS)}")
    national = _text(where, data, "national")
    if not national.endswith((".", "!", "?")):
        raise ContentError(LOCAL_FILE, f"{where}: 'national' must be a full sentence ending with a full stop")
    return Detail(label, _text(where, data, "value", required=False), ask, who, national)


def _table(where: str, data: Any) -> Table:
    if not isinstance(data, dict) or set(data) - {"caption", "columns", "rows"}:
        raise ContentError(LOCAL_FILE, f"{where}: a table has 'caption', 'columns' and 'rows' only")
    columns = data.get("columns")
    rows = data.get("rows")
    if not isinstance(columns, list) or not columns or not all(isinstance(c, str) and c for c in columns):
        raise ContentError(LOCAL_FILE, f"{where}: 'columns' must be a list of column names")
    if not isinstance(rows, list) or not rows:
        raise ContentError(LOCAL_FILE, f"{where}: 'rows' must be a list of rows")
    cells: list[tuple[str, ...]] = []
    for number, row in enumerate(rows, 1):
        if not isinstance(row, list) or len(row) != len(columns):
            raise ContentError(LOCAL_FILE, f"{where} row {number}: give exactly {len(columns)} cells")
        cells.append(tuple(_text(f"{where} row {number}", {"cell": c}, "cell", required=False) for c in row))
    return Table(_text(where, data, "caption"), tuple(columns), tuple(cells))


def parse_local_details(data: Any) -> LocalDetails:
    """Check the whole file and say exactly what is wrong, so a bad edit fails the build clearly."""
    if not isinstance(data, dict):
        raise ContentError(LOCAL_FILE, "the file must be a mapping with 'area' and 'boxes'")
    area = _text("top level", data, "area")
    raw_boxes = data.get("boxes")
    if not isinstance(raw_boxes, dict) or not raw_boxes:
        raise ContentError(LOCAL_FILE, "'boxes' must map each box name to its title and details")
    boxes: dict[str, Box] = {}
    for key, raw in raw_boxes.items():
        if not isinstance(key, str) or not re.fullmatch(r"[a-z0-9-]+", key):
            raise ContentError(LOCAL_FILE, f"box name '{key}' must be lower-case words joined by hyphens")
        if not isinstance(raw, dict):
            raise ContentError(LOCAL_FILE, f"box '{key}' must have 'title' and 'details'")
        unknown = set(raw) - {"title", "intro", "details", "tables"}
        if unknown:
            raise ContentError(LOCAL_FILE, f"box '{key}': unknown keys {sorted(unknown)}")
        details = raw.get("details")
        if not isinstance(details, list) or not details:
            raise ContentError(LOCAL_FILE, f"box '{key}' has no details")
        tables = raw.get("tables") or []
        if not isinstance(tables, list):
            raise ContentError(LOCAL_FILE, f"box '{key}': 'tables' must be a list")
        boxes[key] = Box(
            key,
            _text(f"box '{key}'", raw, "title"),
            _text(f"box '{key}'", raw, "intro", required=False),
            tuple(_detail(f"box '{key}' detail {n}", item) for n, item in enumerate(details, 1)),
            tuple(_table(f"box '{key}' table {n}", item) for n, item in enumerate(tables, 1)),
        )
    return LocalDetails(area, boxes)


def load_local_details(content_dir: Path) -> LocalDetails:
    path = content_dir / LOCAL_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ContentError(LOCAL_FILE, f"not found in {content_dir}: every box needs it") from error
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ContentError(LOCAL_FILE, f"not valid YAML ({error})") from error
    return parse_local_details(data)


def _indent(text: str) -> str:
    return "\n".join(("    " + line) if line else "" for line in text.split("\n"))


def render_box(box: Box, area: str) -> str:
    """A Material admonition: one bullet per detail; empty values become the 'Ask your ...' line."""
    lines = []
    if box.intro:
        lines += [box.intro, ""]
    for detail in box.details:
        shown = detail.value or detail.missing_line
        lines.append(f"- **{detail.label}:** {shown}")
    for table in box.tables:
        lines += ["", f"**{table.caption}**", ""]
        lines.append("| " + " | ".join(table.columns) + " |")
        lines.append("|" + "---|" * len(table.columns))
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in table.rows]
    body = _indent("\n".join(lines))
    return f'!!! abstract "{box.title} ({area})"\n{body}\n'


def markers(markdown: str) -> list[str]:
    return MARKER.findall(markdown)


def expand_markers(markdown: str, details: LocalDetails, page: str) -> str:
    """Replace every marker with its box; an unknown box name fails the build with the page name."""

    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in details.boxes:
            raise ContentError(page, f"unknown local details box '{key}': add it to content/{LOCAL_FILE}")
        return render_box(details.boxes[key], details.area)

    return MARKER.sub(replace, markdown)
