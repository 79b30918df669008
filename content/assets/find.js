// "Find strategies": sends the description to /api/suggest on this site and shows the answer.
// No outside requests and no cookies. What was typed never goes into an address: it reaches this page
// from the home form or the header search through sessionStorage, which belongs to this tab only and
// is gone when the tab closes. The pupil's initials for a printed sheet never leave the page.
import { CONSTANTS } from "./constants.js";
import { el, handoffKey, siteRoot } from "./site.js";

const TIMEOUT_MS = 10000;
const MIN_CHARS = 3;
const MAX_CHARS = 1000;
const FIRST_ACTIONS = 3; // shown straight away on a phone; the rest fold under "Show all"
const MATCHED_CHARS = 220;
const REVIEW_WEEKS = 6;
const LAST_KEY = "send-handbook-find-last"; // this tab's last answer, so Back from a need page keeps it
const WAVES = CONSTANTS.waves.map((wave) => [wave.key, wave.heading]); // from handbook/schema.py
const SAFEGUARDING = CONSTANTS.safeguarding_slug;

function pageUrl(url) {
  return new URL(url.replace(/^\//, ""), siteRoot()).href;
}

function absoluteUrl(url) {
  // The printed sheet carries full addresses, from the site's configured address (site_url).
  const canonical = document.querySelector('link[rel="canonical"]');
  const root = canonical ? new URL("..", canonical.href) : siteRoot();
  return new URL(url.replace(/^\//, ""), root).href;
}

function link(url, text) {
  return el("a", { href: pageUrl(url), text });
}

export function endAtWord(text, max) {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(" ");
  return `${cut.slice(0, space > max / 2 ? space : max).replace(/[\s,;:.–-]+$/, "")}…`;
}

function strategyItem(item) {
  const li = el("li");
  if (item.phase) li.append(el("span", { class: "find-phase-tag", text: `${item.phase.replace("-", " ")}: ` }));
  if (item.title && item.text.startsWith(item.title)) {
    li.append(el("strong", { text: item.title }), " ", item.text.slice(item.title.length).trim());
  } else {
    li.append(item.text);
  }
  return li;
}

function strategyList(items, ordered = false) {
  const list = el(ordered ? "ol" : "ul", { class: "find-strategies" });
  for (const item of items) list.append(strategyItem(item));
  return list;
}

function waveSection(key, title, items, level, first) {
  const block = el("div", { class: `find-wave find-${key}` });
  block.append(el(`h${level}`, { text: title }));
  if (!items.length) {
    block.append(el("p", { text: "Nothing listed for this wave." }));
    return block;
  }
  const shown = first ? items.slice(0, FIRST_ACTIONS) : items;
  block.append(strategyList(shown, first));
  if (first && items.length > FIRST_ACTIONS) {
    const more = el("details", { class: "find-more" });
    more.append(el("summary", { text: `Show all ${items.length} Wave 1 actions` }));
    const rest = strategyList(items.slice(FIRST_ACTIONS), true);
    rest.setAttribute("start", String(FIRST_ACTIONS + 1));
    more.append(rest);
    block.append(more);
  }
  return block;
}

function needBody(need, level) {
  const parts = [];
  for (const [index, [key, title]] of WAVES.entries()) {
    parts.push(waveSection(key, title, need.strategies[key] || [], level, index === 0));
  }
  if (need.matched && need.matched.text) {
    parts.push(el("p", { class: "find-matched" }, el("span", { text: "Why this matched: " }), endAtWord(need.matched.text, MATCHED_CHARS)));
  }
  parts.push(el("p", { class: "find-read-more" }, link(need.url, `Read the full page: ${need.title}`)));
  return parts;
}

function topNeed(need) {
  const section = el("section", { class: "find-need find-top", "aria-labelledby": "need-top" });
  section.append(el("h3", { id: "need-top", class: "find-need-title" }, link(need.url, need.title)));
  section.append(...needBody(need, 4));
  return section;
}

function otherNeed(need, index) {
  const details = el("details", { class: "find-need find-other" });
  details.append(el("summary", { class: "find-need-title", id: `need-${index}`, text: need.title }));
  details.append(...needBody(need, 4));
  return details;
}

function linkList(title, items) {
  if (!items || !items.length) return null;
  const list = el("ul");
  for (const item of items) list.append(el("li", {}, link(item.url, item.title)));
  return el("section", { class: "find-extra" }, el("h3", { text: title }), list);
}

function dslLink() {
  return el("a", { href: pageUrl("/services/designated-safeguarding-lead/"), text: "who your DSL is and what they do" });
}

function safeguardingFirst(data) {
  const box = el("section", { class: "find-safeguarding", "aria-labelledby": "find-steps-heading" });
  box.append(el("h3", { id: "find-steps-heading", text: "Do this now: tell your designated safeguarding lead (DSL)" }));
  box.append(el("p", { class: "find-urgent", text: "If a child is in immediate danger, call 999." }));
  const steps = el("ol", { class: "find-steps" });
  for (const step of data.safeguarding_steps || []) steps.append(el("li", { text: step }));
  if (!steps.children.length) {
    steps.append(el("li", { text: "Tell the DSL straight away, and always before the pupil goes home." }));
  }
  box.append(steps, el("p", {}, "Read ", dslLink(), "."));
  return box;
}

function clarifyPanel(data, onPick) {
  const panel = el("section", { class: "find-clarify", "aria-labelledby": "find-clarify-heading" });
  panel.append(el("h3", { id: "find-clarify-heading", text: "Which is closest?" }));
  panel.append(el("p", { text: "Several needs fit about equally. Choose the question that fits best." }));
  const list = el("ul", { class: "find-clarify-options" });
  for (const option of data.clarify) {
    const button = el("button", { type: "button", class: "find-clarify-option", "data-slug": option.slug });
    button.append(el("span", { text: option.question }), el("span", { class: "find-clarify-title", text: option.title }));
    button.addEventListener("click", () => onPick(option.slug));
    list.append(el("li", {}, button));
  }
  panel.append(list);
  return panel;
}

function nothingMatched(data) {
  const box = el("section", { class: "find-none", "aria-labelledby": "find-none-heading" });
  box.append(el("h3", { id: "find-none-heading", text: "We could not match that to a need" }));
  // The service's notice already says what to try next; without one, the page says it.
  if (data.notice) box.append(el("p", { text: data.notice }), el("p", { text: "Or browse the needs by area:" }));
  else box.append(el("p", { text: "Describe what the pupil does or finds hard, in a few more everyday words. Or browse the needs by area:" }));
  const areas = el("ul");
  for (const area of CONSTANTS.areas) areas.append(el("li", {}, link(`/needs/${area.id}/`, area.label)));
  box.append(areas);
  return box;
}

function reviewDate() {
  const date = new Date();
  date.setDate(date.getDate() + REVIEW_WEEKS * 7);
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
}

function buildSheet(view, initials, includeWords) {
  const need = view.data.needs[0];
  const sheet = el("article", { id: "find-sheet", class: "find-sheet" });
  const today = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  sheet.append(el("h1", { text: `Strategy sheet: ${need.title}` }));
  const facts = el("dl", { class: "find-sheet-facts" });
  const fact = (term, value) => facts.append(el("dt", { text: term }), el("dd", { text: value }));
  fact("Pupil", initials || "…………");
  fact("Date", today);
  fact("Review by", reviewDate());
  if (includeWords) fact("What was noticed", view.words);
  sheet.append(facts);
  sheet.append(el("h2", { text: WAVES[0][1] }), strategyList(need.strategies[WAVES[0][0]] || [], true));
  for (const [key, title] of WAVES.slice(1)) {
    const items = need.strategies[key] || [];
    if (!items.length) continue;
    const line = items.map((item) => item.title || endAtWord(item.text, 60)).join("; ");
    sheet.append(el("p", { class: "find-sheet-line" }, el("strong", { text: `${title}: ` }), line));
  }
  const pages = el("ul", { class: "find-sheet-pages" });
  pages.append(el("li", { text: `${need.title}: ${absoluteUrl(need.url)}` }));
  for (const other of view.data.needs.slice(1)) pages.append(el("li", { text: `${other.title}: ${absoluteUrl(other.url)}` }));
  sheet.append(el("h2", { text: "Read more" }), pages);
  sheet.append(el("p", { class: "find-sheet-dsl", text: "Worried about a pupil's safety? Tell the DSL straight away, and always before the pupil goes home." }));
  return sheet;
}

function printPanel(view) {
  const panel = el("section", { class: "find-print", "aria-labelledby": "find-print-heading" });
  panel.append(el("h3", { id: "find-print-heading", text: "Print a one-page strategy sheet" }));
  const input = el("input", { id: "find-pupil", type: "text", autocomplete: "off", maxlength: "12" });
  const label = el("label", { for: "find-pupil", text: "Pupil's initials (optional, stays on this device)" });
  const words = el("input", { id: "find-include-words", type: "checkbox" });
  const wordsLabel = el("label", { for: "find-include-words", class: "find-inline-label" }, words, " Print what I typed on the sheet");
  const button = el("button", { type: "button", class: "md-button", text: "Print strategy sheet" });
  button.addEventListener("click", () => {
    document.getElementById("find-sheet")?.remove();
    document.body.append(buildSheet(view, input.value.trim(), words.checked));
    document.documentElement.classList.add("find-printing");
    window.print();
  });
  panel.append(label, input, wordsLabel, button);
  return panel;
}

window.addEventListener("afterprint", () => {
  document.documentElement.classList.remove("find-printing");
  document.getElementById("find-sheet")?.remove();
});

function render(results, view, onPick) {
  const { data, phase } = view;
  results.replaceChildren();
  const heading = el("h2", { id: "find-results-heading", tabindex: "-1", class: "find-results-heading" });
  results.append(heading);
  if (data.safeguarding) {
    heading.textContent = "What to do now";
    results.append(safeguardingFirst(data));
    const others = data.needs.filter((need) => need.slug !== SAFEGUARDING);
    const all = [data.needs.find((need) => need.slug === SAFEGUARDING), ...others].filter(Boolean);
    const after = el("section", { class: "find-after-dsl", "aria-labelledby": "find-after-heading" });
    after.append(el("h3", { id: "find-after-heading", text: "Other things that may help, after you have told the DSL" }));
    all.forEach((need, index) => after.append(otherNeed(need, index)));
    const extras = [linkList("Services", data.services), linkList("Training for staff", data.training)];
    for (const extra of extras) if (extra) after.append(extra);
    results.append(after);
    return heading;
  }
  if (data.confidence === "none" || !data.needs.length) {
    heading.textContent = "No match";
    results.append(nothingMatched(data));
    results.append(el("p", { class: "find-dsl-line" }, "Worried a pupil may be at risk of harm? Tell your DSL straight away. Read ", dslLink(), "."));
    return heading;
  }
  heading.textContent = data.confidence === "low" && view.picked === undefined ? "Possible matches" : "Best match";
  if (data.notice) results.append(el("p", { class: "find-notice", text: data.notice }));
  if (data.confidence === "low" && data.clarify && data.clarify.length && view.picked === undefined) {
    results.append(clarifyPanel(data, onPick));
  }
  if (phase) results.append(el("p", { class: "find-phase-note", text: `${phase.replace("-", " ")} notes come first.` }));
  results.append(topNeed(data.needs[0]));
  if (data.needs.length > 1) {
    const others = el("section", { class: "find-others", "aria-labelledby": "find-others-heading" });
    others.append(el("h3", { id: "find-others-heading", text: "Other needs that may fit" }));
    data.needs.slice(1).forEach((need, index) => others.append(otherNeed(need, index + 1)));
    results.append(others);
  }
  for (const extra of [linkList("Training for staff", data.training), linkList("Services to consult", data.services)]) {
    if (extra) results.append(extra);
  }
  results.append(printPanel(view));
  return heading;
}

function openSiteSearch(words) {
  // The theme's own search, in this page, filled in: the words never go into an address.
  const toggle = document.getElementById("__search");
  const input = document.querySelector(".md-search__input");
  if (!toggle || !input) return false;
  toggle.checked = true;
  toggle.dispatchEvent(new Event("change"));
  input.value = words;
  input.focus();
  input.dispatchEvent(new Event("input", { bubbles: true }));
  input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  return true;
}

function fallback(results, words, reason) {
  results.replaceChildren();
  const button = el("button", { type: "button", class: "md-button", id: "find-fallback-search", text: "Search the handbook for the same words" });
  button.addEventListener("click", () => openSiteSearch(words));
  results.append(
    el(
      "section",
      { class: "find-fallback", role: "alert" },
      el("h2", { text: "Strategy search is not available right now" }),
      el("p", { text: reason }),
      el("p", { text: "Worried a pupil may be at risk of harm? Do not wait: tell your DSL straight away, and always before the pupil goes home. If a child is in immediate danger, call 999." }),
      button,
      el("p", { text: "Or browse the needs by area from the menu." }),
    ),
  );
}

async function suggest(description, phase, timeoutMs) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const body = { description, limit: 4 };
    if (phase) body.phase = phase;
    const response = await fetch(new URL("api/suggest", siteRoot()), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: controller.signal,
      credentials: "omit",
      cache: "no-store",
    });
    const data = await response.json().catch(() => ({}));
    return { status: response.status, data };
  } finally {
    clearTimeout(timer);
  }
}

function remember(view) {
  try {
    sessionStorage.setItem(LAST_KEY, JSON.stringify(view));
  } catch {
    // Storage may be off: the page still works, Back just shows an empty form.
  }
}

function recall() {
  try {
    return JSON.parse(sessionStorage.getItem(LAST_KEY) || "null");
  } catch {
    return null;
  }
}

function takeHandoff() {
  try {
    const value = JSON.parse(sessionStorage.getItem(handoffKey) || "null");
    sessionStorage.removeItem(handoffKey);
    return value;
  } catch {
    return null;
  }
}

function start() {
  const form = document.getElementById("find-form");
  if (!form) return;
  const box = document.getElementById("find-description");
  const phase = document.getElementById("find-phase");
  const error = document.getElementById("find-error");
  const status = document.getElementById("find-status");
  const results = document.getElementById("find-results");
  const submit = document.getElementById("find-submit");
  const clear = document.getElementById("find-clear");
  let view = null;

  function showError(message) {
    error.textContent = message;
    error.hidden = !message;
    box.setAttribute("aria-invalid", message ? "true" : "false");
  }

  function show(next, focus) {
    view = next;
    const heading = render(results, view, (slug) => {
      const chosen = view.data.needs.find((need) => need.slug === slug);
      const needs = [chosen, ...view.data.needs.filter((need) => need.slug !== slug)].filter(Boolean);
      show({ ...view, picked: slug, data: { ...view.data, needs } }, true);
    });
    document.body.classList.add("find-has-results");
    if (clear) clear.hidden = false;
    remember(view);
    if (focus) {
      heading.scrollIntoView({ block: "start" });
      heading.focus({ preventScroll: true });
    }
  }

  async function run() {
    const words = box.value.trim();
    if (words.length < MIN_CHARS) {
      showError(`Describe what you notice in at least ${MIN_CHARS} characters.`);
      box.focus();
      return;
    }
    if (words.length > MAX_CHARS) {
      showError(`Keep the description under ${MAX_CHARS} characters.`);
      box.focus();
      return;
    }
    showError("");
    submit.disabled = true;
    status.textContent = "Finding strategies…";
    try {
      const timeoutMs = Number(form.dataset.timeoutMs) || TIMEOUT_MS;
      const { status: code, data } = await suggest(words, phase.value, timeoutMs);
      if (code === 200) {
        show({ words, phase: phase.value, data }, true);
        const top = data.needs.length ? ` Top match: ${data.needs[0].title}.` : "";
        status.textContent = data.safeguarding ? "Safeguarding: tell your DSL now. The steps are below." : `Found ${data.needs.length} needs.${top}`;
      } else if (code === 422) {
        status.textContent = "";
        showError(data.detail || "Please check what you typed.");
        box.focus();
      } else {
        const reason = code === 429 ? "Too many searches from this computer. Wait a minute and try again." : "The search service is not answering.";
        fallback(results, words, reason);
        status.textContent = reason;
      }
    } catch (err) {
      const reason = err && err.name === "AbortError" ? "The search service is taking too long to answer." : "The search service cannot be reached.";
      fallback(results, words, reason);
      status.textContent = reason;
    } finally {
      submit.disabled = false;
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  phase.addEventListener("change", () => {
    if (view && box.value.trim().length >= MIN_CHARS) run(); // the phase choice reorders the answer
  });
  if (clear) {
    clear.addEventListener("click", () => {
      sessionStorage.removeItem(LAST_KEY);
      box.value = "";
      results.replaceChildren();
      status.textContent = "";
      view = null;
      clear.hidden = true;
      document.body.classList.remove("find-has-results");
      box.focus();
    });
  }
  for (const button of document.querySelectorAll(".find-example")) {
    button.addEventListener("click", () => {
      box.value = button.textContent;
      run();
    });
  }
  const handoff = takeHandoff();
  if (handoff && typeof handoff.words === "string") {
    box.value = handoff.words;
    if (handoff.phase) phase.value = handoff.phase;
    run();
    return;
  }
  const last = recall();
  if (last && last.data && Array.isArray(last.data.needs)) {
    box.value = last.words || "";
    phase.value = last.phase || "";
    show(last, false);
  }
}

start();
