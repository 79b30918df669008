"""MkDocs hooks: render the parts of pages that are generated from front matter, so each fact has one source.

- provision tables (`<!-- provision-table -->`) and their printable audit checklists (generated pages);
- the glossary (`<!-- glossary -->`) and an acronym tooltip on every page;
- the role pathway table (`<!-- role-pathway-table -->`) and the training planner (`<!-- training-planner -->`);
- the local details boxes (`<!-- local-details: NAME -->`) from `content/local.yml` (see
  `site_hooks/local_details.py` and docs/local-details.md);
- the sources and review dates at the foot of every page;
- after the build: the planner's data file and the hashes of the theme's inline scripts for the
  service's Content-Security-Policy.

Every page is also checked with the same rules as the index build, so a broken page fails the site
build with the file name and the reason.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
import posixpath
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage

from handbook.chunks import page_steps
from handbook.contract import load_contract
from handbook.errors import ContentError
from handbook.pages import ROLES, Page, load_pages
from handbook.schema import Role, TrainingCategory, Wave
from handbook.settings import Settings
from site_hooks.local_details import LOCAL_FILE, LocalDetails, expand_markers, load_local_details

CHECKLIST_DIR = "provision/checklists"
PLANNER_DATA = "assets/data/training.json"
CSP_HASHES = "csp-script-hashes.json"
_pages: dict[str, Page] = {}
_local: list[LocalDetails] = []
log = get_plugin_logger("local_details")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    settings = Settings.from_env()
    contract = load_contract(settings.contract_path)
    try:
        pages = load_pages(Path(config["docs_dir"]), contract)
    except ContentError as error:
        raise PluginError(f"Content check failed: {error}") from error
    _pages.clear()
    _pages.update({page.path: page for page in pages})
    try:
        local = load_local_details(Path(config["docs_dir"]))
    except ContentError as error:
        raise PluginError(f"Local details check failed: {error}") from error
    _local[:] = [local]
    if settings.warn_empty_local_details:
        for empty in local.empty_values():
            log.warning(f"{LOCAL_FILE}: no value yet for {empty}")
    return config


def by_kind(kind: str) -> list[Page]:
    return [page for page in _pages.values() if page.kind == kind]


def link(from_path: str, to_path: str) -> str:
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def need_paths() -> dict[str, Page]:
    return {page.stem: page for page in by_kind("need")}


def cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


# --- provision tables and checklists ---------------------------------------------------------------
def relative_url(from_page: Page, to_url: str) -> str:
    return posixpath.relpath(to_url, from_page.url) + "/"


def provision_table(page: Page) -> str:
    """An HTML table whose cells carry their column name, so CSS can stack it into cards on a phone."""
    needs = need_paths()
    head = "".join(f'<th scope="col">{label}</th>' for label in ["Need", *(wave.label for wave in Wave)])
    rows = []
    for row in page.meta["rows"]:
        links = ", ".join(
            f'<a href="{relative_url(page, needs[s].url)}">{html.escape(needs[s].title)}</a>'
            for s in row["needs"]
            if s in needs
        )
        cells = [f'<th scope="row" data-label="Need"><strong>{html.escape(row["topic"])}</strong><br>{links}</th>']
        cells += [f'<td data-label="{w.label}">{html.escape(cell(row[w.key]))}</td>' for w in Wave]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    checklist = f"{CHECKLIST_DIR}/{page.stem}.md"
    return "\n".join(
        [
            '<div class="provision-table" id="provision-table">',
            f"<table><thead><tr>{head}</tr></thead><tbody>",
            *rows,
            "</tbody></table></div>",
            "",
            f"[Print the audit checklist for this table]({link(page.path, checklist)})",
            "",
        ]
    )


def checklist_markdown(page: Page) -> str:
    path = f"{CHECKLIST_DIR}/{page.stem}.md"
    lines = [
        "---",
        json.dumps({"title": f"Audit checklist: {page.title}"})[1:-1].replace('"title": ', "title: "),
        "---",
        "",
        f"# Audit checklist: {page.title}",
        "",
        "Use this checklist for a school self-review. Tick one box for each line. "
        "Add what you will do next in the notes column.",
        "",
        f"It is generated from the [{page.title}]({link(path, page.path)}) table, so the two always match.",
        "",
        "School: ______________________ Completed by (role): ______________________ Date: ____________",
        "",
    ]
    for wave in Wave:
        lines += [
            f"## {wave.label}",
            "",
            "| Need | What should be in place | In place | Partly | Not yet | Notes |",
            "|---|---|---|---|---|---|",
        ]
        for row in page.meta["rows"]:
            lines.append(f"| {cell(row['topic'])} | {cell(row[wave.key])} | ☐ | ☐ | ☐ | |")
        lines.append("")
    return "\n".join(lines)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    local_file = files.get_file_from_path(LOCAL_FILE)
    if local_file is not None:
        files.remove(local_file)  # the pages render it; the raw file is not published
    for page in by_kind("provision"):
        files.append(File.generated(config, f"{CHECKLIST_DIR}/{page.stem}.md", content=checklist_markdown(page)))
    return files


# --- glossary ----------------------------------------------------------------------------------------
def glossary_terms() -> list[dict[str, Any]]:
    glossary = next(iter(by_kind("glossary")), None)
    return list(glossary.meta.get("terms", [])) if glossary else []


def glossary_markdown() -> str:
    lines = []
    for term in sorted(glossary_terms(), key=lambda t: str(t.get("term", "")).lower()):
        name = cell(term.get("term", ""))
        stands = f" ({cell(term['stands_for'])})" if term.get("stands_for") else ""
        lines += [f"**{name}**{stands}", f":   {cell(term.get('meaning', ''))}", ""]
    return "\n".join(lines)


def abbreviations() -> str:
    lines = []
    for term in glossary_terms():
        name, stands = str(term.get("term", "")), term.get("stands_for")
        if stands and re.fullmatch(r"[A-Za-z0-9+/&-]{2,10}", name):
            lines.append(f"*[{name}]: {cell(stands)}")
    return "\n".join(lines)


# --- training ---------------------------------------------------------------------------------------
def modules() -> list[Page]:
    order = {category.value: place for place, category in enumerate(TrainingCategory)}
    return sorted(by_kind("training"), key=lambda p: (order.get(p.meta["category"], 9), p.title))


def role_pathway_table(page: Page) -> str:
    lines = [
        "**Req** = required for this role. **Rec** = recommended. A blank means not needed for this role.",
        "",
        '<div class="pathway-table" markdown>',
        "",
        "| Module | Minutes | " + " | ".join(Role(r).label for r in ROLES) + " |",
        "|---|---|" + "---|" * len(ROLES),
    ]
    for module in modules():
        marks = []
        for role in ROLES:
            if role in (module.meta.get("required_for") or []):
                marks.append("**Req**")
            elif role in (module.meta.get("recommended_for") or []):
                marks.append("Rec")
            else:
                marks.append("")
        title = f"[{module.title}]({link(page.path, module.path)})"
        lines.append(f"| {title} | {module.meta['duration_minutes']} | " + " | ".join(marks) + " |")
    lines += ["", "</div>", "", "## By role", ""]
    for role in ROLES:
        required = [m for m in modules() if role in (m.meta.get("required_for") or [])]
        recommended = [m for m in modules() if role in (m.meta.get("recommended_for") or [])]
        lines.append(f"### {Role(role).label}")
        lines.append("")
        lines.append(
            "- Required: " + (", ".join(f"[{m.title}]({link(page.path, m.path)})" for m in required) or "none")
        )
        lines.append(
            "- Recommended: " + (", ".join(f"[{m.title}]({link(page.path, m.path)})" for m in recommended) or "none")
        )
        lines.append("")
    return "\n".join(lines)


def planner_data() -> dict[str, Any]:
    needs = need_paths()
    return {
        "roles": [{"id": r, "label": Role(r).label} for r in ROLES],
        "needs": sorted(({"slug": s, "title": p.title} for s, p in needs.items()), key=lambda n: n["title"]),
        "modules": [
            {
                "id": m.stem,
                "title": m.title,
                "url": m.url.lstrip("/"),  # relative to the site root, which may sit under a path prefix
                "category": m.meta["category"],
                "duration_minutes": m.meta["duration_minutes"],
                "refresher_months": m.meta.get("refresher_months"),
                "required_for": m.meta.get("required_for") or [],
                "recommended_for": m.meta.get("recommended_for") or [],
                "needs": m.meta.get("needs") or [],
            }
            for m in modules()
        ],
    }


PLANNER_HTML = """<form id="planner-form" class="planner" data-src="{data}" novalidate>
<fieldset><legend>1. Choose the roles you are planning for</legend>
{roles}
</fieldset>
<fieldset><legend>2. Optional: add modules for these needs</legend>
<label for="planner-needs">Needs (hold Ctrl or Cmd to choose more than one)</label>
<select id="planner-needs" multiple size="6"></select>
</fieldset>
<label for="planner-start">Training date (for refresher dates)</label>
<input id="planner-start" type="date">
</form>
<div id="planner-output" aria-live="polite"><p>Choose at least one role to see the modules to assign.</p></div>
<p class="planner-actions"><button type="button" id="planner-print" class="md-button">Print the plan</button>
<button type="button" id="planner-csv" class="md-button">Download as CSV</button></p>
"""


def planner_html(page: Page) -> str:
    roles = "\n".join(
        f'<label class="planner-role"><input type="checkbox" name="role" value="{r}"> {Role(r).label}</label>'
        for r in ROLES
    )
    return PLANNER_HTML.format(data=posixpath.relpath("/" + PLANNER_DATA, page.url), roles=roles)


# --- every page --------------------------------------------------------------------------------------
def sources_footer(meta: dict[str, Any]) -> str:
    def when(value: Any) -> str:
        date = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        return f"{date.day} {date:%B %Y}"

    lines = ["", '<div class="page-sources" markdown>', "", "**Sources**", ""]
    for source in meta.get("sources") or []:
        title = cell(source.get("title", ""))
        lines.append(f"- [{title}]({source['url']})" if source.get("url") else f"- {title}")
    if meta.get("last_reviewed"):
        lines += ["", f"Last reviewed {when(meta['last_reviewed'])}. Next review due {when(meta['review_due'])}."]
    lines += ["", "</div>", ""]
    return "\n".join(lines)


STEPS_PLACEHOLDER = "<!-- safeguarding-steps -->"
STEPS_TITLE = "Do this now"


def steps_markdown(page: Page) -> str:
    """The safeguarding steps from the page's front matter: the same list /api/suggest returns."""
    items = "\n".join(f"    {number}. {cell(step)}" for number, step in enumerate(page_steps(page), 1))
    return f'!!! danger "{STEPS_TITLE}"\n\n{items}\n'


def with_steps(markdown: str, page: Page) -> str:
    """Put the steps where the page asks for them, or straight after the page title."""
    if "steps" not in page.meta:
        return markdown
    block = steps_markdown(page)
    if STEPS_PLACEHOLDER in markdown:
        return markdown.replace(STEPS_PLACEHOLDER, block)
    lines = markdown.split("\n")
    title = next((i for i, line in enumerate(lines) if line.startswith("# ")), -1)
    lines.insert(title + 1, "\n" + block)
    return "\n".join(lines)


def on_page_markdown(markdown: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
    source = _pages.get(page.file.src_uri)
    try:
        markdown = expand_markers(markdown, _local[0], page.file.src_uri)
    except ContentError as error:
        raise PluginError(f"Local details check failed: {error}") from error
    if source is not None:
        markdown = markdown.replace(
            "<!-- provision-table -->", provision_table(source) if source.kind == "provision" else ""
        )
        markdown = markdown.replace("<!-- glossary -->", glossary_markdown())
        markdown = markdown.replace("<!-- role-pathway-table -->", role_pathway_table(source))
        markdown = markdown.replace("<!-- training-planner -->", planner_html(source))
        markdown = with_steps(markdown, source)
        markdown += sources_footer(source.meta)
    return markdown + "\n\n" + abbreviations() + "\n"


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config["site_dir"])
    data = site / PLANNER_DATA
    data.parent.mkdir(parents=True, exist_ok=True)
    data.write_text(json.dumps(planner_data(), ensure_ascii=False, indent=1), encoding="utf-8")
    hashes: set[str] = set()
    inline = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>(.*?)</script>", re.S)
    for page_file in site.rglob("*.html"):
        for script in inline.findall(page_file.read_text(encoding="utf-8")):
            digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
            hashes.add(f"sha256-{digest}")
    (site / CSP_HASHES).write_text(json.dumps(sorted(hashes), indent=1), encoding="utf-8")
