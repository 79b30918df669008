// "Find strategies": sends the description to /api/suggest on this site and shows the answer.
// No outside requests, no cookies, no storage. The pupil's name for a printed sheet never leaves the page.
const TIMEOUT_MS = 10000;
const MIN_CHARS = 3;
const MAX_CHARS = 1000;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function siteRoot() {
  // The site may be served under a path prefix: derive the root from this script's own URL.
  const script = document.querySelector('script[src$="assets/find.js"]');
  return script ? new URL("..", script.src) : new URL("/", location.href);
}

function link(url, text) {
  return el("a", { href: new URL(url.replace(/^\//, ""), siteRoot()).href, text });
}

function strategyList(items) {
  const list = el("ul", { class: "find-strategies" });
  for (const item of items) {
    const li = el("li");
    if (item.title) {
      li.append(el("strong", { text: item.title }), " ", item.text.slice(item.title.length).trim());
    } else {
      li.textContent = item.text;
    }
    if (item.phase) li.prepend(el("span", { class: "find-phase-tag", text: `${item.phase.replace("-", " ")}: ` }));
    list.append(li);
  }
  return list;
}

function waveBlock(title, items, open) {
  if (!items.length) return null;
  const details = el("details", { class: "find-wave" }, el("summary", { text: `${title} (${items.length})` }), strategyList(items));
  if (open) details.open = true;
  return details;
}

function renderNeed(need, index) {
  const section = el("section", { class: "find-need", "aria-labelledby": `need-${index}` });
  const heading = el("h2", { id: `need-${index}` }, link(need.url, need.title));
  section.append(heading);
  if (need.description) section.append(el("p", { class: "find-need-description", text: need.description }));
  if (need.matched && need.matched.text) {
    section.append(el("p", { class: "find-matched" }, el("span", { text: "Why this matched: " }), need.matched.text));
  }
  const s = need.strategies;
  section.append(
    el("h3", { text: "Wave 1: what to do in class tomorrow" }),
    strategyList(s.wave1.slice(0, 8)),
    waveBlock("Wave 2: targeted support", s.wave2, false),
    waveBlock("Wave 3: specialist support", s.wave3, false),
  );
  return section;
}

function renderList(title, items) {
  if (!items.length) return null;
  const list = el("ul");
  for (const item of items) list.append(el("li", {}, link(item.url, item.title)));
  return el("section", { class: "find-extra" }, el("h2", { text: title }), list);
}

function printPanel() {
  const panel = el("div", { class: "find-print" });
  const input = el("input", { id: "find-pupil", type: "text", autocomplete: "off", maxlength: "60" });
  const label = el("label", { for: "find-pupil", text: "Pupil's initials for the printed sheet (optional, stays on this device)" });
  const button = el("button", { type: "button", class: "md-button", text: "Print strategy sheet" });
  button.addEventListener("click", () => {
    const header = document.getElementById("find-print-header");
    header.textContent = `Strategy sheet${input.value.trim() ? ` for ${input.value.trim()}` : ""}, ${new Date().toLocaleDateString("en-GB")}`;
    window.print();
  });
  panel.append(label, input, button);
  return panel;
}

function render(results, data, phase) {
  results.replaceChildren();
  results.append(el("p", { id: "find-print-header", class: "find-print-header" }));
  if (data.safeguarding) {
    results.append(
      el(
        "div",
        { class: "find-safeguarding", role: "alert" },
        el("h2", { text: "Tell your designated safeguarding lead today" }),
        el("p", { text: "What you describe may mean a pupil is at risk of harm. Tell the designated safeguarding lead (DSL) today, before you do anything else. If a child is in immediate danger, call 999." }),
      ),
    );
  }
  const heading = el("h2", { id: "find-results-heading", tabindex: "-1", class: "find-results-heading", text: "Best matches" });
  results.append(heading);
  if (phase) results.append(el("p", { text: `Showing ${phase.replace("-", " ")} notes first.` }));
  data.needs.forEach((need, index) => results.append(renderNeed(need, index)));
  const extras = [renderList("Training for staff", data.training), renderList("Services to consult", data.services)];
  for (const extra of extras) if (extra) results.append(extra);
  results.append(printPanel());
  heading.focus();
}

function fallback(results, words, reason) {
  results.replaceChildren();
  const searchLink = new URL(`?q=${encodeURIComponent(words)}`, siteRoot());
  results.append(
    el(
      "div",
      { class: "find-fallback", role: "alert" },
      el("h2", { text: "Strategy search is not available right now" }),
      el("p", { text: reason }),
      el("p", {}, "You can still ", el("a", { href: searchLink.href, id: "find-fallback-search", text: "search the handbook for the same words" }), ", or browse the needs by area from the menu."),
    ),
  );
}

async function suggest(description, phase, timeoutMs) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const body = { description, limit: 3 };
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

function start() {
  const form = document.getElementById("find-form");
  if (!form) return;
  const box = document.getElementById("find-description");
  const phase = document.getElementById("find-phase");
  const error = document.getElementById("find-error");
  const status = document.getElementById("find-status");
  const results = document.getElementById("find-results");
  const submit = document.getElementById("find-submit");

  function showError(message) {
    error.textContent = message;
    error.hidden = !message;
    box.setAttribute("aria-invalid", message ? "true" : "false");
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
        render(results, data, phase.value);
        const top = data.needs.length ? ` Top match: ${data.needs[0].title}.` : "";
        status.textContent = `${data.safeguarding ? "Safeguarding: tell your DSL today. " : ""}Found ${data.needs.length} matching needs.${top}`;
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
  for (const button of document.querySelectorAll(".find-example")) {
    button.addEventListener("click", () => {
      box.value = button.textContent;
      run();
    });
  }
  const params = new URLSearchParams(location.search);
  if (params.get("phase")) phase.value = params.get("phase");
  if (params.get("q")) {
    box.value = params.get("q");
    history.replaceState(null, "", location.pathname); // keep the description out of the address bar
    run();
  }
}

// Material for MkDocs swaps pages without reloading when instant loading is on; it is off here.
start();
