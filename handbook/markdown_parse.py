"""Parse one Markdown page with markdown-it-py into front matter and headed sections of plain-text blocks.

Anchors are made exactly as the site's Python-Markdown table of contents makes them, so a search
result can link to the very section it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from markdown.extensions.toc import slugify, unique
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from handbook.errors import ContentError
from handbook.yaml_loader import load_yaml

_PARSER = MarkdownIt("commonmark").enable("table").use(front_matter_plugin).use(admon_plugin)


@dataclass
class Block:
    """A paragraph, a top-level list item (with its nested items) or a table row."""

    kind: str  # "paragraph" | "item" | "row"
    text: str
    lead: str = ""  # the bold words an item starts with, e.g. the strategy itself
    details: list[str] = field(default_factory=list)  # nested list items under a top-level item
    cells: list[str] = field(default_factory=list)  # table row cells
    links: list[str] = field(default_factory=list)


@dataclass
class Section:
    level: int
    heading: str
    anchor: str
    parent: str = ""  # the enclosing level-2 heading, for level-3 and deeper sections
    blocks: list[Block] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks)


@dataclass
class Document:
    front_matter: dict[str, Any]
    title: str
    intro: list[Block]
    sections: list[Section]

    def section(self, heading: str) -> Section | None:
        for section in self.sections:
            if section.heading.lower() == heading.lower():
                return section
        return None


def inline_text(token: Token) -> tuple[str, str, list[str]]:
    """Plain text of an inline token, the bold words it starts with, and the links in it."""
    parts: list[str] = []
    lead_parts: list[str] = []
    links: list[str] = []
    in_lead = False
    lead_done = False
    for child in token.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            if child.type == "html_inline":
                continue
            parts.append(child.content)
            if in_lead:
                lead_parts.append(child.content)
            elif not lead_done and child.content.strip():
                lead_done = True
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "strong_open" and not lead_done and not "".join(parts).strip():
            in_lead = True
        elif child.type == "strong_close" and in_lead:
            in_lead = False
            lead_done = True
        elif child.type == "link_open":
            href = child.attrGet("href")
            if isinstance(href, str):
                links.append(href)
        elif child.type == "image":
            parts.append(child.content)
    text = " ".join("".join(parts).split())
    return text, " ".join("".join(lead_parts).split()), links


def split_front_matter(path: str, tokens: list[Token]) -> dict[str, Any]:
    if not tokens or tokens[0].type != "front_matter":
        raise ContentError(path, "no YAML front matter: the file must start with a '---' block")
    try:
        data = load_yaml(tokens[0].content)
    except yaml.YAMLError as error:
        raise ContentError(path, f"front matter is not valid YAML ({error})") from error
    if not isinstance(data, dict):
        raise ContentError(path, "front matter must be a YAML mapping of keys to values")
    return data


def parse_markdown(path: str, text: str) -> Document:
    tokens = _PARSER.parse(text)
    front_matter = split_front_matter(path, tokens)
    title = ""
    intro: list[Block] = []
    sections: list[Section] = []
    used_anchors: set[str] = set()
    current_h2 = ""
    list_depth = 0
    current_item: Block | None = None
    row: list[str] | None = None
    row_links: list[str] = []
    heading_level = 0
    in_table_head = False

    def target() -> list[Block]:
        return sections[-1].blocks if sections else intro

    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            heading_level = int(token.tag[1])
        elif token.type == "inline" and heading_level:
            text_, _, _ = inline_text(token)
            anchor = unique(slugify(text_, "-"), used_anchors)
            if heading_level == 1:
                title = title or text_
            else:
                if heading_level == 2:
                    current_h2 = text_
                parent = current_h2 if heading_level > 2 else ""
                sections.append(Section(heading_level, text_, anchor, parent))
            heading_level = 0
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
            if list_depth == 0:
                current_item = None
        elif token.type in ("thead_open", "thead_close"):
            in_table_head = token.type == "thead_open"
        elif token.type == "tr_open":
            row, row_links = [], []
        elif token.type == "tr_close" and row is not None:
            if not in_table_head:
                target().append(Block("row", " | ".join(row), cells=row, links=row_links))
            row = None
        elif token.type == "inline":
            text_, lead, links = inline_text(token)
            if row is not None:
                row.append(text_)
                row_links.extend(links)
            elif list_depth >= 2 and current_item is not None:
                current_item.details.append(text_)
                current_item.links.extend(links)
                current_item.text += " " + text_
            elif list_depth == 1:
                if tokens[index - 2].type == "list_item_open" or current_item is None:
                    current_item = Block("item", text_, lead=lead, links=links)
                    target().append(current_item)
                else:  # a second paragraph in the same item
                    current_item.text += " " + text_
                    current_item.links.extend(links)
            elif text_:
                target().append(Block("paragraph", text_, lead=lead, links=links))
    return Document(front_matter, title, intro, sections)
