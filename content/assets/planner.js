// Training planner: choose roles (and optionally needs or conditions), see the modules to assign, print or
// download CSV. Everything happens in this browser from the data file the site build publishes; nothing is
// sent anywhere.

// Calendar months on plain dates, no Date object and so no time zone: 30 June 2024 + 24 months is
// 30 June 2026, and 31 August + 6 months is the last day of February.
export function monthsLater(dateText, months) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateText || "");
  if (!match || !months) return "";
  const [year, month, day] = match.slice(1).map(Number);
  const index = month - 1 + months;
  const newYear = year + Math.floor(index / 12);
  const newMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(newYear, newMonth, 0)).getUTCDate();
  const pad = (n) => String(n).padStart(2, "0");
  return `${newYear}-${pad(newMonth)}-${pad(Math.min(day, lastDay))}`;
}

export function localToday() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function csvCell(value) {
  const text = String(value ?? "");
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const STATUS_ORDER = { Required: 0, Recommended: 1, "For the needs chosen": 2 };

// `needs` holds need slugs and "module:<id>" for a chosen condition (such as autism).
export function plan(data, roles, needs) {
  const rows = [];
  for (const module of data.modules) {
    const required = roles.filter((r) => module.required_for.includes(r));
    const recommended = roles.filter((r) => module.recommended_for.includes(r) && !required.includes(r));
    const forNeeds = needs.filter((n) => module.needs.includes(n) || n === `module:${module.id}`);
    if (!required.length && !recommended.length && !forNeeds.length) continue;
    const status = required.length ? "Required" : recommended.length ? "Recommended" : "For the needs chosen";
    rows.push({ module, required, recommended, forNeeds, status });
  }
  rows.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  return rows;
}

// "Required for Teaching assistant. Recommended for Teacher. Covers Anxiety." Each role says exactly
// whether this module is required or only recommended for it.
export function forText(row, label, needTitle) {
  const parts = [];
  if (row.required.length) parts.push(`Required for ${row.required.map((r) => label[r]).join(", ")}.`);
  if (row.recommended.length) parts.push(`Recommended for ${row.recommended.map((r) => label[r]).join(", ")}.`);
  if (row.forNeeds.length) parts.push(`Covers ${row.forNeeds.map((n) => needTitle[n]).join(", ")}.`);
  return parts.join(" ");
}

async function start() {
  const form = document.getElementById("planner-form");
  if (!form) return;
  const output = document.getElementById("planner-output");
  const needSelect = document.getElementById("planner-needs");
  const startDate = document.getElementById("planner-start");
  const dataUrl = new URL(form.dataset.src, location.href);
  const siteRoot = new URL("../../", dataUrl); // the data file lives at assets/data/ under the site root
  const response = await fetch(dataUrl, { credentials: "omit" });
  const data = await response.json();
  for (const module of data.modules) module.href = new URL(module.url, siteRoot).href;
  const label = Object.fromEntries(data.roles.map((r) => [r.id, r.label]));
  const needTitle = Object.fromEntries(data.needs.map((n) => [n.slug, n.title]));
  // Conditions people name (autism, ADHD, dyslexia...) are the condition modules; needs are the need pages.
  const conditions = data.modules.filter((m) => m.category === "condition-specific");
  const conditionGroup = Object.assign(document.createElement("optgroup"), { label: "Conditions" });
  for (const module of conditions) {
    conditionGroup.append(new Option(module.title, `module:${module.id}`));
    needTitle[`module:${module.id}`] = module.title;
  }
  const needGroup = Object.assign(document.createElement("optgroup"), { label: "Needs" });
  for (const need of data.needs) needGroup.append(new Option(need.title, need.slug));
  needSelect.append(conditionGroup, needGroup);
  startDate.value = localToday();
  const notice = Object.assign(document.createElement("p"), { id: "planner-notice", className: "find-error", hidden: true });
  notice.setAttribute("role", "alert");
  document.getElementById("planner-csv").after(notice);
  const recordsLink = Object.assign(document.createElement("a"), { id: "planner-assign", className: "md-button" });
  document.querySelector(".planner-actions").append(recordsLink);
  let current = [];

  function update() {
    const roles = [...form.querySelectorAll('input[name="role"]:checked')].map((box) => box.value);
    const needs = [...needSelect.selectedOptions].map((option) => option.value);
    current = plan(data, roles, needs);
    notice.hidden = true;
    output.replaceChildren();
    recordsLink.hidden = !roles.length;
    recordsLink.textContent = "Assign the required modules to these staff in the training records";
    recordsLink.href = new URL(`records/assign/?roles=${roles.join(",")}`, siteRoot).href;
    if (!roles.length && !needs.length) {
      output.append(Object.assign(document.createElement("p"), { textContent: "Choose at least one role to see the modules to assign." }));
      return;
    }
    const total = current.reduce((sum, row) => sum + row.module.duration_minutes, 0);
    const summary = document.createElement("p");
    summary.id = "planner-summary";
    summary.textContent = `${current.length} modules, ${Math.round(total / 6) / 10} hours in total.`;
    const table = document.createElement("table");
    table.className = "planner-table";
    const head = table.createTHead().insertRow();
    for (const text of ["Module", "Status", "For", "Minutes", "Refresher due"]) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = text;
      head.append(th);
    }
    const body = table.createTBody();
    for (const row of current) {
      const tr = body.insertRow();
      const link = Object.assign(document.createElement("a"), { href: row.module.href, textContent: row.module.title });
      tr.insertCell().append(link);
      tr.insertCell().textContent = row.status;
      tr.insertCell().textContent = forText(row, label, needTitle);
      tr.insertCell().textContent = row.module.duration_minutes;
      tr.insertCell().textContent = monthsLater(startDate.value, row.module.refresher_months) || "No refresher";
    }
    output.append(summary, table);
  }

  function downloadCsv() {
    if (!current.length) {
      notice.textContent = "There is nothing to download yet. Choose at least one role or need first.";
      notice.hidden = false;
      return;
    }
    const lines = [["Module", "Status", "For", "Minutes", "Refresher due", "Link"]];
    for (const row of current) {
      lines.push([
        row.module.title,
        row.status,
        forText(row, label, needTitle),
        row.module.duration_minutes,
        monthsLater(startDate.value, row.module.refresher_months) || "No refresher",
        row.module.href,
      ]);
    }
    const blob = new Blob([lines.map((line) => line.map(csvCell).join(",")).join("\r\n") + "\r\n"], { type: "text/csv" });
    const anchor = Object.assign(document.createElement("a"), { href: URL.createObjectURL(blob), download: "send-training-plan.csv" });
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
  }

  form.addEventListener("change", update);
  document.getElementById("planner-print").addEventListener("click", () => window.print());
  document.getElementById("planner-csv").addEventListener("click", downloadCsv);
  update();
}

if (typeof document !== "undefined") start();
