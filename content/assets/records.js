// Training records: the pages under /records/. They talk only to this site's /api/records/ and keep
// nothing in the browser except the session cookie the server sets (HttpOnly, so scripts cannot read it).
// Every page works signed out too: it shows the sign-in form first.
import { CONSTANTS } from "./constants.js";

const ROLE_LABELS = Object.fromEntries(CONSTANTS.roles.map((role) => [role.id, role.label])); // handbook/schema.py
const STATUS_LABELS = { overdue: "Overdue", due: "Due", expired: "Accreditation expired" };
let csrfToken = "";
let catalogue = null;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function siteRoot() {
  const script = document.querySelector('script[src$="assets/records.js"]');
  return script ? new URL("..", script.src) : new URL("/", location.href);
}

function pageUrl(name) {
  return new URL(name ? `records/${name}/` : "records/", siteRoot()).href;
}

function roleLabel(id) {
  if (ROLE_LABELS[id]) return ROLE_LABELS[id];
  const words = id.replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function formatDate(iso) {
  if (!iso) return "";
  const [year, month, day] = iso.split("-").map(Number);
  const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  return `${day} ${months[month - 1]} ${year}`;
}

function todayIso() {
  const now = new Date(); // the local calendar date, never a UTC conversion
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

class ApiError extends Error {
  constructor(status, detail, body) {
    super(detail);
    this.status = status;
    this.body = body;
  }
}

async function api(method, path, body, contentType = "application/json") {
  const headers = {};
  if (method !== "GET") headers["X-CSRF-Token"] = csrfToken;
  let payload;
  if (body !== undefined) {
    headers["Content-Type"] = contentType;
    payload = contentType === "application/json" ? JSON.stringify(body) : body;
  }
  let response;
  try {
    response = await fetch(new URL(`api/records/${path}`, siteRoot()), { method, headers, body: payload, credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "The records service cannot be reached. Check your connection and try again.");
  }
  const data = (response.headers.get("content-type") || "").includes("json") ? await response.json() : await response.text();
  if (!response.ok) throw new ApiError(response.status, (data && data.detail) || `The request failed (${response.status}).`, data);
  return data;
}

function message(root, text, kind = "error") {
  const box = root.querySelector(".records-message");
  box.replaceChildren();
  if (!text) return;
  box.className = `records-message records-${kind}`;
  box.setAttribute("role", kind === "error" ? "alert" : "status");
  box.append(el("p", { text }));
  if (kind === "error") box.focus();
}

function table(headings, rows, caption) {
  const t = el("table", { class: "records-table" });
  if (caption) t.append(el("caption", { text: caption }));
  const head = t.createTHead().insertRow();
  for (const text of headings) head.append(el("th", { scope: "col", text }));
  const bodyRows = t.createTBody();
  for (const cells of rows) {
    const tr = bodyRows.insertRow();
    cells.forEach((cell, index) => {
      const td = index === 0 ? el("th", { scope: "row" }) : el("td");
      td.setAttribute("data-label", headings[index]);
      if (cell instanceof Node) td.append(cell);
      else td.textContent = cell ?? "";
      tr.append(td);
    });
  }
  return t;
}

function field(id, label, input, hint) {
  input.id = id;
  const wrapper = el("div", { class: "records-field" }, el("label", { for: id, text: label }));
  if (hint) {
    wrapper.append(el("p", { class: "records-hint", id: `${id}-hint`, text: hint }));
    input.setAttribute("aria-describedby", `${id}-hint`);
  }
  wrapper.append(input);
  return wrapper;
}

function checkboxes(name, legend, options, checked = []) {
  const set = el("fieldset", { class: "records-choices" }, el("legend", { text: legend }));
  for (const [value, text] of options) {
    const id = `${name}-${value}`;
    set.append(
      el("div", { class: "records-choice" }, el("input", { type: "checkbox", name, value, id, checked: checked.includes(value) }), el("label", { for: id, text })),
    );
  }
  return set;
}

function chosen(form, name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((box) => box.value);
}

function button(text, onclick, kind = "") {
  return el("button", { type: "button", class: `md-button ${kind}`.trim(), text, onclick });
}

async function loadCatalogue() {
  if (!catalogue) catalogue = await api("GET", "modules");
  return catalogue;
}

function moduleOptions(select, modules) {
  for (const module of modules) select.append(new Option(module.title, module.id));
  return select;
}

// --- sign in -------------------------------------------------------------------------------------
function signInForm(root, after) {
  const email = el("input", { type: "email", autocomplete: "username", required: true, spellcheck: "false" });
  const password = el("input", { type: "password", autocomplete: "current-password", required: true });
  const form = el(
    "form",
    { class: "records-form", id: "records-sign-in", novalidate: true },
    el("h2", { text: "Sign in" }),
    field("records-email", "E-mail address", email),
    field("records-password", "Password", password),
    el("button", { type: "submit", class: "md-button md-button--primary", text: "Sign in" }),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!email.value.trim() || !password.value) {
      message(root, "Enter your e-mail address and your password.");
      return;
    }
    try {
      const me = await api("POST", "login", { email: email.value.trim(), password: password.value });
      csrfToken = me.csrf_token;
      password.value = "";
      message(root, "");
      await after(me);
    } catch (error) {
      message(root, error.message);
      password.select();
    }
  });
  return form;
}

function signOutButton(root) {
  return button("Sign out", async () => {
    try {
      await api("POST", "logout");
    } catch {
      // already signed out
    }
    csrfToken = "";
    location.reload();
  });
}

// --- views ---------------------------------------------------------------------------------------
const VIEWS = {
  async home(root, view, me) {
    if (me.role !== "senco") return myTraining(root, view, me);
    const data = await api("GET", "dashboard");
    const counts = data.counts;
    view.append(
      el("h2", { text: "What needs doing" }),
      table(
        ["What", "How many"],
        [
          [el("a", { href: `${pageUrl("due")}?within=0`, text: "Overdue" }), String(counts.overdue)],
          [el("a", { href: `${pageUrl("due")}?within=0`, text: "Accreditations expired" }), String(counts.expired)],
          [el("a", { href: `${pageUrl("due")}?within=30`, text: "Due in the next 30 days" }), String(counts.due_30)],
          [el("a", { href: `${pageUrl("due")}?within=60`, text: "Due in 31 to 60 days" }), String(counts.due_60)],
          [el("a", { href: `${pageUrl("due")}?within=90`, text: "Due in 61 to 90 days" }), String(counts.due_90)],
          [el("a", { href: pageUrl("induction"), text: "New starters in induction" }), String(data.new_starters)],
        ],
      ),
      el("p", { id: "records-summary", text: `${data.staff} staff, ${data.assignments} modules assigned, ${data.assignments_completed} of them completed.` }),
    );
  },

  async staff(root, view) {
    const { staff } = await api("GET", "staff");
    const { roles } = await loadCatalogue();
    const list = el("div", { id: "records-staff-list" });
    const render = (people) => {
      list.replaceChildren();
      if (!people.length) {
        list.append(el("p", { text: "Nobody is on the staff list yet. Add people below, or import a CSV file." }));
        return;
      }
      list.append(
        table(
          ["Name", "Roles", "Start date", "E-mail", "Remove"],
          people.map((p) => [
            p.name,
            p.roles.map(roleLabel).join(", "),
            formatDate(p.start_date),
            p.email || "",
            button(`Remove ${p.name}`, async () => {
              if (!window.confirm(`Remove ${p.name} and all their training records? This cannot be undone.`)) return;
              try {
                await api("DELETE", `staff/${p.id}`);
                message(root, `${p.name} and all their records were removed.`, "success");
                render((await api("GET", "staff")).staff);
              } catch (error) {
                message(root, error.message);
              }
            }, "records-danger"),
          ]),
          `${people.length} people`,
        ),
      );
    };
    render(staff);

    const name = el("input", { type: "text", autocomplete: "off", maxlength: "200" });
    const email = el("input", { type: "email", autocomplete: "off", spellcheck: "false" });
    const start = el("input", { type: "date" });
    const addForm = el(
      "form",
      { class: "records-form", id: "records-add-staff", novalidate: true },
      el("h2", { text: "Add a person" }),
      field("records-staff-name", "Name", name),
      checkboxes("staff-role", "Roles", roles.map((r) => [r, roleLabel(r)])),
      field("records-staff-start", "Start date (optional)", start),
      field("records-staff-email", "Work e-mail address (optional)", email, "Needed for reminders and for the person's own sign-in."),
      el("button", { type: "submit", class: "md-button md-button--primary", text: "Add this person" }),
    );
    addForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      const body = { name: name.value, roles: chosen(addForm, "staff-role"), start_date: start.value || null, email: email.value.trim() || null };
      if (!body.name.trim()) return message(root, "Enter the person's name.");
      if (!body.roles.length) return message(root, "Choose at least one role.");
      try {
        const person = await api("POST", "staff", body);
        message(root, `${person.name} was added.`, "success");
        addForm.reset();
        render((await api("GET", "staff")).staff);
      } catch (error) {
        message(root, error.message);
      }
    });

    const file = el("input", { type: "file", accept: ".csv,text/csv" });
    const importForm = el(
      "form",
      { class: "records-form", id: "records-import", novalidate: true },
      el("h2", { text: "Import staff from a CSV file" }),
      el("p", { text: "Save your staff list from your spreadsheet or management system as CSV. The first line must name the columns: Name (or First name and Surname), Role, and if you have them E-mail and Start date." }),
      el("p", { text: "Nothing is imported unless every line is right. People already on the list, by e-mail address, are skipped." }),
      field("records-import-file", "CSV file", file),
      el("button", { type: "submit", class: "md-button md-button--primary", text: "Import" }),
    );
    importForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!file.files.length) return message(root, "Choose a CSV file first.");
      const text = await file.files[0].text();
      try {
        const result = await importCsv(text);
        const skipped = result.skipped.length ? ` ${result.skipped.length} skipped: already on the list.` : "";
        message(root, `Imported ${result.created} people.${skipped}`, "success");
        importForm.reset();
        render((await api("GET", "staff")).staff);
      } catch (error) {
        message(root, error.message);
      }
    });
    view.append(list, addForm, importForm);
  },

  async assign(root, view) {
    const { roles, modules } = await loadCatalogue();
    const fromPlanner = (new URLSearchParams(location.search).get("roles") || "").split(",").filter((r) => roles.includes(r));
    const due = el("input", { type: "date" });
    const preview = el("div", { id: "records-assign-preview", "aria-live": "polite" });
    const form = el(
      "form",
      { class: "records-form", id: "records-assign", novalidate: true },
      el("h2", { text: "Assign the required modules" }),
      el("p", { text: "Choose roles. Everyone with one of those roles gets the modules their role requires. Nobody gets a module twice." }),
      checkboxes("assign-role", "Roles", roles.map((r) => [r, roleLabel(r)]), fromPlanner),
      preview,
      field("records-assign-due", "Complete by (optional)", due),
      el("button", { type: "submit", class: "md-button md-button--primary", text: "Assign to everyone in these roles" }),
    );
    const update = () => {
      const picked = chosen(form, "assign-role");
      preview.replaceChildren();
      if (!picked.length) return preview.append(el("p", { text: "Choose at least one role to see the modules." }));
      const required = modules.filter((m) => m.required_for.some((r) => picked.includes(r)));
      preview.append(
        el("p", { text: `${required.length} required modules:` }),
        el("ul", {}, ...required.map((m) => el("li", { text: `${m.title} (for ${m.required_for.filter((r) => picked.includes(r)).map(roleLabel).join(", ")})` }))),
      );
    };
    form.addEventListener("change", update);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const picked = chosen(form, "assign-role");
      if (!picked.length) return message(root, "Choose at least one role.");
      try {
        const result = await api("POST", "assignments/bulk", { roles: picked, due_on: due.value || null });
        message(root, `Assigned ${result.created} modules. ${result.already_assigned} were already assigned.`, "success");
      } catch (error) {
        message(root, error.message);
      }
    });
    update();
    view.append(form);
  },

  async completions(root, view) {
    const { roles, modules } = await loadCatalogue();
    const { staff } = await api("GET", "staff");
    const module = moduleOptions(el("select"), modules);
    const date = el("input", { type: "date", value: todayIso(), max: todayIso() });
    const who = el("fieldset", { class: "records-choices" }, el("legend", { text: "Who attended" }));
    for (const [value, text] of [["everyone", "Everyone on the staff list"], ["roles", "Everyone in some roles"], ["listed", "The people I choose"]]) {
      who.append(el("div", { class: "records-choice" }, el("input", { type: "radio", name: "who", value, id: `who-${value}`, checked: value === "everyone" }), el("label", { for: `who-${value}`, text })));
    }
    const rolePick = checkboxes("done-role", "Roles", roles.map((r) => [r, roleLabel(r)]));
    const peoplePick = checkboxes("done-person", "People", staff.map((p) => [String(p.id), p.name]));
    const form = el(
      "form",
      { class: "records-form", id: "records-complete", novalidate: true },
      el("h2", { text: "Record who completed a module" }),
      el("p", { text: "Use this after a session, for example the whole staff at the INSET day on 1 September." }),
      field("records-complete-module", "Module", module),
      field("records-complete-date", "Date of the session", date),
      who,
      rolePick,
      peoplePick,
      el("button", { type: "submit", class: "md-button md-button--primary", text: "Record completions" }),
    );
    const show = () => {
      const mode = form.querySelector('input[name="who"]:checked').value;
      rolePick.hidden = mode !== "roles";
      peoplePick.hidden = mode !== "listed";
    };
    form.addEventListener("change", show);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const mode = form.querySelector('input[name="who"]:checked').value;
      const body = { module_id: module.value, completed_on: date.value, who: mode };
      if (!date.value) return message(root, "Enter the date of the session.");
      if (mode === "roles") body.roles = chosen(form, "done-role");
      if (mode === "listed") body.staff_ids = chosen(form, "done-person").map(Number);
      if ((mode === "roles" && !body.roles.length) || (mode === "listed" && !body.staff_ids.length)) return message(root, "Choose who attended.");
      try {
        const result = await api("POST", "completions/bulk", body);
        const refresher = result.refresher_due ? ` Refresher due ${formatDate(result.refresher_due)}.` : " This module has no refresher.";
        const again = result.already_recorded ? ` ${result.already_recorded} were already recorded for that day.` : "";
        message(root, `Recorded ${result.created} completions of ${module.selectedOptions[0].text}.${refresher}${again}`, "success");
      } catch (error) {
        message(root, error.message);
      }
    });
    show();
    view.append(form);
  },

  async due(root, view) {
    const within = el("select");
    for (const [value, text] of [["0", "Overdue and expired only"], ["30", "Due in the next 30 days"], ["60", "Due in the next 60 days"], ["90", "Due in the next 90 days"]]) within.append(new Option(text, value));
    const asked = new URLSearchParams(location.search).get("within");
    within.value = ["0", "30", "60", "90"].includes(asked) ? asked : "30";
    const results = el("div", { id: "records-due-list", "aria-live": "polite" });
    const load = async () => {
      const { items, total } = await api("GET", `due?within_days=${within.value}&limit=1000`);
      results.replaceChildren();
      if (!items.length) return results.append(el("p", { text: "Nothing is due in this period." }));
      if (total > items.length) results.append(el("p", { text: `Showing the soonest ${items.length} of ${total}. Download the CSV file below for all of them.` }));
      results.append(
        table(
          ["Name", "Module", "Status", "Date"],
          items.map((i) => [i.name, i.title, el("strong", { class: `records-status-${i.status}`, text: STATUS_LABELS[i.status] }), formatDate(i.due_on)]),
          `${items.length} items`,
        ),
      );
    };
    within.addEventListener("change", () => load().catch((error) => message(root, error.message)));
    view.append(
      el("h2", { text: "What is due" }),
      field("records-due-within", "Show", within),
      results,
      el("p", {}, el("a", { href: new URL("api/records/export.csv", siteRoot()).href, download: "training-records.csv", text: "Download the whole log as a CSV file" })),
    );
    await load();
  },

  async induction(root, view) {
    const { staff } = await api("GET", "induction");
    const detail = el("div", { id: "records-checklist" });
    view.append(el("h2", { text: "New starters" }));
    if (!staff.length) view.append(el("p", { text: "Nobody has started in the last six months." }));
    else
      view.append(
        table(
          ["Name", "Started", "Checklist", "Details"],
          staff.map((p) => [p.name, formatDate(p.start_date), `${p.ticked} of ${p.total} done`, button(`Show ${p.name}'s checklist`, () => showChecklist(root, detail, p.staff_id, p.name))]),
        ),
      );
    view.append(detail);
  },
};

async function importCsv(text) {
  // The service takes small bodies only, so a long file goes in parts of whole lines, each with the
  // header line. Every part is checked first (a dry run); only if all are right is anything imported.
  const lines = splitCsvLines(text.replace(/^\ufeff/, ""));
  if (lines.length < 2) throw new ApiError(422, "The file has no staff lines under its first line.");
  const [header, ...rows] = lines;
  const parts = [];
  for (const row of rows) {
    const last = parts[parts.length - 1];
    if (last && last.size + row.text.length < 12000) {
      last.lines.push(row.text);
      last.size += row.text.length + 1;
    } else {
      parts.push({ first: row.line - 1, lines: [row.text], size: header.text.length + row.text.length });
    }
  }
  const body = (part) => [header.text, ...part.lines].join("\n");
  for (const part of parts) await api("POST", `staff/import?dry_run=true&first_line=${part.first}`, body(part), "text/csv");
  const total = { created: 0, skipped: [] };
  for (const part of parts) {
    const result = await api("POST", `staff/import?first_line=${part.first}`, body(part), "text/csv");
    total.created += result.created;
    total.skipped.push(...result.skipped);
  }
  return total;
}

function splitCsvLines(text) {
  // Whole CSV records with the file line each starts on; a quoted cell may hold a line break.
  const lines = [];
  let current = "";
  let startLine = 1;
  text.split(/\r?\n/).forEach((line, index) => {
    if (!current) startLine = index + 1;
    current = current ? `${current}\n${line}` : line;
    if ((current.match(/"/g) || []).length % 2 === 0) {
      if (current.trim()) lines.push({ text: current, line: startLine });
      current = "";
    }
  });
  if (current.trim()) lines.push({ text: current, line: startLine });
  return lines;
}

async function showChecklist(root, box, staffId, name) {
  const { items } = await api("GET", `staff/${staffId}/induction`);
  box.replaceChildren();
  const list = el("fieldset", { class: "records-choices records-checklist" }, el("legend", { text: name ? `${name}'s induction checklist` : "My induction checklist" }));
  for (const item of items) {
    const id = `tick-${item.id}`;
    const input = el("input", { type: "checkbox", id, checked: item.done });
    input.addEventListener("change", async () => {
      try {
        await api("PUT", `staff/${staffId}/induction/${item.id}`, { done: input.checked });
        message(root, input.checked ? `Ticked: ${item.text}` : `Unticked: ${item.text}`, "success");
      } catch (error) {
        input.checked = !input.checked;
        message(root, error.message);
      }
    });
    list.append(el("div", { class: "records-choice" }, input, el("label", { for: id, text: item.text })));
  }
  box.append(list);
}

async function myTraining(root, view, me) {
  view.append(el("h2", { text: "My training" }));
  if (!me.staff_id) return view.append(el("p", { text: "This account is not linked to a person on the staff list." }));
  const [{ items }, { assignments }, { completions }] = await Promise.all([
    api("GET", "due?within_days=90"),
    api("GET", "assignments"),
    api("GET", "completions"),
  ]);
  const done = new Set(completions.map((c) => c.module_id));
  view.append(
    el("h3", { text: "Due in the next 90 days" }),
    items.length
      ? table(["Module", "Status", "Date"], items.map((i) => [i.title, el("strong", { class: `records-status-${i.status}`, text: STATUS_LABELS[i.status] }), formatDate(i.due_on)]))
      : el("p", { text: "Nothing is due in the next 90 days." }),
    el("h3", { text: "Assigned to me" }),
    assignments.length
      ? table(["Module", "Complete by", "Done"], assignments.map((a) => [a.title, formatDate(a.due_on) || "No date set", done.has(a.module_id) ? "Yes" : "Not yet"]))
      : el("p", { text: "Nothing is assigned to you yet." }),
    el("h3", { text: "Completed" }),
    completions.length
      ? table(["Module", "Completed", "Refresher due"], completions.map((c) => [c.title, formatDate(c.completed_on), formatDate(c.refresher_due) || "No refresher"]))
      : el("p", { text: "No completed modules are recorded yet." }),
  );
  const box = el("div", { id: "records-checklist" });
  view.append(box);
  await showChecklist(root, box, me.staff_id, "");
}

function navigation(me) {
  if (me.role !== "senco") return el("p", { class: "records-who" }, `Signed in as ${me.email}. `);
  const links = [["", "Overview"], ["staff", "Staff"], ["assign", "Assign"], ["completions", "Record completions"], ["due", "What is due"], ["induction", "Induction"]];
  return el(
    "nav",
    { class: "records-nav", "aria-label": "Training records" },
    el("p", { class: "records-who", text: `Signed in as ${me.email} (SENCO).` }),
    el("ul", {}, ...links.map(([name, text]) => el("li", {}, el("a", { href: pageUrl(name), text, "aria-current": location.href.split("?")[0] === pageUrl(name) ? "page" : null })))),
  );
}

async function render(root, me) {
  const name = root.dataset.view || "home";
  const view = el("div", { class: "records-view" });
  root.querySelector(".records-body").replaceChildren(navigation(me), view);
  view.after(signOutButton(root));
  if (me.role !== "senco" && name !== "home") {
    view.append(el("p", { text: "This page is for SENCO accounts. " }, el("a", { href: pageUrl(""), text: "See your own training" })));
    return;
  }
  try {
    await VIEWS[name](root, view, me);
  } catch (error) {
    if (error.status === 401) return start(root);
    message(root, error.message);
  }
}

async function start(root) {
  root.replaceChildren(el("div", { class: "records-message", tabindex: "-1" }), el("div", { class: "records-body" }));
  let me;
  try {
    me = await api("GET", "session");
  } catch (error) {
    message(root, error.message);
    return;
  }
  if (me.signed_in) {
    csrfToken = me.csrf_token;
    await render(root, me);
  } else {
    root.querySelector(".records-body").append(signInForm(root, (signedIn) => render(root, signedIn)));
  }
}

const root = document.getElementById("records-app");
if (root) start(root);
