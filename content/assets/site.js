// Every page: hand a description to "Find strategies" without putting it in an address, make tables
// readable on a phone, and let checklists be ticked on screen (kept in the page only, never stored).
export const handoffKey = "send-handbook-handoff"; // sessionStorage: this tab only, removed when read
const DESCRIPTION_WORDS = 6; // header searches this long are probably a description of a pupil

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

export function siteRoot() {
  // The site may be served under a path prefix: derive the root from this script's own URL.
  const script = document.querySelector('script[src*="assets/site.js"]');
  return script ? new URL("..", script.src) : new URL("/", location.href);
}

export function wordsLookLikeADescription(text) {
  return text.trim().split(/\s+/).filter(Boolean).length >= DESCRIPTION_WORDS;
}

function handOff(words, phase) {
  try {
    sessionStorage.setItem(handoffKey, JSON.stringify({ words, phase: phase || "" }));
  } catch {
    return false;
  }
  location.assign(new URL("find/", siteRoot()).href);
  return true;
}

function homeForm() {
  const form = document.querySelector("form.home-find");
  if (!form) return;
  form.addEventListener("submit", (event) => {
    const words = form.querySelector("textarea").value.trim();
    event.preventDefault();
    if (!handOff(words, "")) location.assign(new URL("find/", siteRoot()).href);
  });
}

function headerSearchHint() {
  const input = document.querySelector(".md-search__input");
  const hint = document.getElementById("find-handoff");
  if (!input || !hint || document.getElementById("find-form")) return; // not on the find page itself
  const button = hint.querySelector("button");
  const update = () => {
    hint.hidden = !wordsLookLikeADescription(input.value);
  };
  input.addEventListener("input", update);
  input.addEventListener("keyup", update);
  button.addEventListener("click", () => handOff(input.value.trim(), ""));
}

function stackTables() {
  // Each cell learns its column's name, so CSS can show rows as cards on a narrow screen.
  for (const table of document.querySelectorAll(".md-typeset table")) {
    const names = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    if (!names.length) continue;
    table.classList.add("stacks");
    for (const row of table.querySelectorAll("tbody tr")) {
      [...row.children].forEach((cell, index) => {
        if (names[index] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", names[index]);
      });
    }
  }
}

function tickableChecklists() {
  // Audit checklists print a box (☐) in each "In place / Partly / Not yet" cell: on screen it becomes a
  // real checkbox named by its row and column.
  for (const cell of document.querySelectorAll(".md-typeset td")) {
    if (cell.textContent.trim() !== "☐") continue;
    const row = cell.closest("tr");
    const need = row ? row.cells[0].textContent.trim() : "";
    const box = el("input", { type: "checkbox", "aria-label": `${cell.getAttribute("data-label") || "Tick"}: ${need}` });
    cell.replaceChildren(box);
    cell.classList.add("checklist-box");
    cell.closest("table").classList.add("checklist");
  }
  for (const box of document.querySelectorAll(".md-typeset .task-list-item input[type=checkbox]")) {
    const item = box.closest("li");
    box.disabled = false;
    box.removeAttribute("disabled");
    if (item && !box.getAttribute("aria-label")) box.setAttribute("aria-label", item.textContent.trim().slice(0, 150));
  }
}

function nameNavigation() {
  // The theme labels each nested menu by a toggle that holds only an icon, so the menus have no names
  // (axe: landmark-unique). Name each menu and its toggle after the section it opens.
  for (const label of document.querySelectorAll("label.md-nav__link[id$='_label']")) {
    if (label.textContent.trim()) continue;
    const link = label.parentElement ? label.parentElement.querySelector("a.md-nav__link") : null;
    const name = link ? link.textContent.trim() : "";
    if (!name) continue;
    label.setAttribute("aria-label", `Show the pages in ${name}`);
    const nav = document.querySelector(`nav[aria-labelledby="${label.id}"]`);
    if (nav) {
      nav.removeAttribute("aria-labelledby");
      nav.setAttribute("aria-label", name);
    }
  }
}

function tidyFocus() {
  // Keyboard users should never land on something they cannot see: the theme's lone colour-scheme
  // input, and (on a phone) the closed menu drawer and search box.
  const palettes = document.querySelectorAll("input[id^='__palette_']");
  if (palettes.length === 1) palettes[0].tabIndex = -1;
  const search = document.getElementById("__search");
  const drawer = document.getElementById("__drawer");
  const searchBox = document.querySelector(".md-search");
  const sidebar = document.querySelector(".md-sidebar--primary");
  const narrowSearch = matchMedia("(max-width: 59.984375em)");
  const narrowMenu = matchMedia("(max-width: 76.234375em)");
  const update = () => {
    const searching = Boolean(search && search.checked);
    if (searchBox) searchBox.inert = narrowSearch.matches && !searching;
    if (sidebar) sidebar.inert = narrowMenu.matches && !(drawer && drawer.checked);
  };
  // The header's menu and search buttons are labels, which a keyboard cannot reach: make them buttons.
  const names = { __drawer: "Open the menu", __search: "Search the handbook" };
  for (const [id, name] of Object.entries(names)) {
    const button = document.querySelector(`.md-header label.md-header__button[for="${id}"]`);
    if (!button) continue;
    button.tabIndex = 0;
    button.setAttribute("role", "button");
    button.setAttribute("aria-label", name);
    button.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      button.click();
      setTimeout(() => {
        const target = id === "__search" ? document.querySelector(".md-search__input") : document.querySelector(".md-sidebar--primary a");
        if (target) target.focus();
      }, 50);
    });
  }
  for (const toggle of [search, drawer]) if (toggle) toggle.addEventListener("change", update);
  narrowSearch.addEventListener("change", update);
  narrowMenu.addEventListener("change", update);
  update();
}

nameNavigation();
tidyFocus();
homeForm();
headerSearchHint();
stackTables();
tickableChecklists();
