// Training planner: choose roles (and optionally needs), see the modules to assign, print or download CSV.
// Everything happens in this browser from the data file the site build publishes; nothing is sent anywhere.
function monthsLater(dateText, months) {
  if (!dateText || !months) return "";
  const date = new Date(`${dateText}T00:00:00`);
  date.setMonth(date.getMonth() + months);
  return date.toISOString().slice(0, 10);
}

function csvCell(value) {
  const text = String(value ?? "");
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function plan(data, roles, needs) {
  const rows = [];
  for (const module of data.modules) {
    const required = roles.filter((r) => module.required_for.includes(r));
    const recommended = roles.filter((r) => module.recommended_for.includes(r) && !required.includes(r));
    const forNeeds = needs.filter((n) => module.needs.includes(n));
    if (!required.length && !recommended.length && !forNeeds.length) continue;
    rows.push({ module, required, recommended, forNeeds, status: required.length ? "Required" : "Recommended" });
  }
  rows.sort((a, b) => (a.status === b.status ? 0 : a.status === "Required" ? -1 : 1));
  return rows;
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
  for (const need of data.needs) needSelect.append(new Option(need.title, need.slug));
  startDate.value = new Date().toISOString().slice(0, 10);
  let current = [];

  function update() {
    const roles = [...form.querySelectorAll('input[name="role"]:checked')].map((box) => box.value);
    const needs = [...needSelect.selectedOptions].map((option) => option.value);
    current = plan(data, roles, needs);
    output.replaceChildren();
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
      tr.insertCell().textContent = [...row.required, ...row.recommended].map((r) => label[r]).concat(row.forNeeds.map((n) => needTitle[n])).join(", ");
      tr.insertCell().textContent = row.module.duration_minutes;
      tr.insertCell().textContent = monthsLater(startDate.value, row.module.refresher_months) || "No refresher";
    }
    output.append(summary, table);
  }

  function downloadCsv() {
    const lines = [["Module", "Status", "For", "Minutes", "Refresher due", "Link"]];
    for (const row of current) {
      lines.push([
        row.module.title,
        row.status,
        [...row.required, ...row.recommended].map((r) => label[r]).concat(row.forNeeds.map((n) => needTitle[n])).join("; "),
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

start();
