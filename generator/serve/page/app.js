// The configurator: the catalog comes from /api/v1/frameworks, every change
// asks /api/v1/preview, and the state lives in the page's query string.
"use strict";

const $ = (id) => document.getElementById(id);
let catalog = [];
let current = null;       // the framework described
let previewAbort = null;  // the preview request in flight
let selectedFile = "";
let timer = 0;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k === "text") e.textContent = v; else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) e.append(c);
  return e;
}

// state reads the form: framework, name and the options the user changed.
function state() {
  const params = new URLSearchParams();
  params.set("framework", $("framework").value);
  params.set("name", $("name").value);
  for (const o of current.options) {
    const input = $("opt-" + o.key);
    if (!input || input.disabled) continue;
    let v;
    if (o.kind === "bool") v = input.checked ? "true" : "false";
    else v = input.value;
    if (o.kind === "string" && v === "") continue; // empty: its default
    if (v !== input.dataset.default) params.set(o.key, v);
  }
  return params;
}

function renderFramework(fw, given) {
  current = catalog.find((f) => f.name === fw) || catalog[0];
  $("framework").value = current.name;
  $("framework-help").textContent = `${current.title} ${current.version} (${current.language}): ${current.description}`;
  const box = $("options");
  box.replaceChildren(el("legend", { text: `Options of ${current.title}` }));
  if (current.options.length === 0) box.append(el("p", { class: "help", text: "This framework has no options." }));
  for (const o of current.options) {
    const id = "opt-" + o.key;
    const describedBy = `${id}-help err-${o.key}`;
    const help = el("p", { class: "help", id: `${id}-help`, text: o.help + (o.when ? ` (only when ${o.when})` : "") });
    const error = el("p", { class: "error", id: `err-${o.key}`, role: "alert", hidden: true });
    let field;
    if (o.kind === "bool") {
      const input = el("input", { type: "checkbox", id, name: o.key, "aria-describedby": describedBy });
      input.dataset.default = o.default;
      input.checked = (given.has(o.key) ? given.get(o.key) : o.default) === "true";
      field = el("div", { class: "field check" }, input, el("label", { for: id, text: o.prompt || o.key }), help, error);
    } else if (o.kind === "choice") {
      const select = el("select", { id, name: o.key, "aria-describedby": describedBy });
      for (const c of o.choices) select.append(el("option", { value: c, text: c === o.default ? `${c} (default)` : c }));
      select.dataset.default = o.default;
      select.value = given.has(o.key) ? given.get(o.key) : o.default;
      field = el("div", { class: "field" }, el("label", { for: id, text: o.prompt || o.key }), select, help, error);
    } else {
      const input = el("input", { type: "text", id, name: o.key, autocomplete: "off", spellcheck: "false", "aria-describedby": describedBy });
      input.dataset.default = "";
      input.placeholder = o.default;
      input.value = given.get(o.key) || "";
      field = el("div", { class: "field" }, el("label", { for: id, text: o.prompt || o.key }), input, help, error);
    }
    field.id = `field-${o.key}`;
    box.append(field);
  }
}

function clearErrors() {
  for (const e of document.querySelectorAll(".error")) { e.hidden = true; e.textContent = ""; }
  for (const e of document.querySelectorAll("[aria-invalid]")) e.removeAttribute("aria-invalid");
}

function showError(err) {
  const target = err.param && $("err-" + err.param) ? err.param : "general";
  const p = $("err-" + target);
  p.textContent = err.error;
  p.hidden = false;
  const input = target === "general" ? null : (target === "framework" || target === "name" ? $(target) : $("opt-" + target));
  if (input) input.setAttribute("aria-invalid", "true");
  setDownload(null);
  $("summary").textContent = "Fix the field marked in red to download.";
}

function setDownload(query) {
  const a = $("download");
  if (query === null) {
    a.removeAttribute("href");
    a.setAttribute("aria-disabled", "true");
    return;
  }
  a.href = "/starter.zip?" + query;
  a.setAttribute("aria-disabled", "false");
  a.setAttribute("download", $("name").value + ".zip");
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(update, 150);
}

async function update() {
  const params = state();
  const hash = selectedFile ? "#file=" + encodeURIComponent(selectedFile) : "";
  history.replaceState(null, "", "?" + params.toString() + hash);
  if (previewAbort) previewAbort.abort();
  previewAbort = new AbortController();
  let res, body;
  try {
    res = await fetch("/api/v1/preview?" + params.toString(), { signal: previewAbort.signal });
    body = await res.json();
  } catch (e) {
    if (e.name === "AbortError") return;
    clearErrors();
    showError({ error: "the server did not answer: " + e.message });
    return;
  }
  clearErrors();
  document.body.dataset.state = res.ok ? "ready" : "error";
  if (!res.ok) { showError(body); return; }
  for (const o of body.options) {
    const input = $("opt-" + o.key);
    if (!input) continue;
    $("field-" + o.key).classList.toggle("disabled", !o.applies);
    if (o.kind === "string") input.placeholder = o.default;
  }
  $("cmd-new").textContent = body.command;
  $("cmd-curl").textContent = body.curl;
  setDownload(body.query);
  const size = body.files.reduce((n, f) => n + f.size, 0);
  $("summary").textContent = `${body.files.length} files, ${size.toLocaleString("en")} bytes`;
  renderTree(body.files);
}

function renderTree(files) {
  const tree = $("tree");
  tree.replaceChildren();
  if (!files.some((f) => f.path === selectedFile)) {
    selectedFile = (files.find((f) => /^readme/i.test(f.path)) || files[0]).path;
  }
  const opened = new Set();
  for (const f of files) {
    const parts = f.path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join("/");
      if (opened.has(dir)) continue;
      opened.add(dir);
      const li = el("li", { class: "dir", text: parts[i - 1] + "/" });
      li.style.setProperty("--depth", i - 1);
      tree.append(li);
    }
    const button = el("button", { type: "button", "data-path": f.path, "aria-current": f.path === selectedFile ? "true" : "false" },
      parts[parts.length - 1]);
    if (f.mode === "0755") button.append(el("span", { class: "mode", text: "executable" }));
    button.addEventListener("click", () => { selectedFile = f.path; showFile(files); update(); });
    const li = el("li", {}, button);
    li.style.setProperty("--depth", parts.length - 1);
    tree.append(li);
  }
  showFile(files);
}

function showFile(files) {
  const f = files.find((x) => x.path === selectedFile);
  for (const b of document.querySelectorAll("#tree button")) b.setAttribute("aria-current", b.dataset.path === selectedFile ? "true" : "false");
  $("viewer-path").textContent = f ? f.path : "—";
  $("viewer").textContent = !f ? "" : (f.content !== undefined ? f.content : `(binary file, ${f.size} bytes)`);
}

async function copy(id, button) {
  const text = $(id).textContent;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = el("textarea", {}, text);
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  button.textContent = "Copied";
  setTimeout(() => { button.textContent = "Copy"; }, 1500);
}

async function main() {
  const res = await fetch("/api/v1/frameworks");
  catalog = (await res.json()).frameworks;
  for (const f of catalog) $("framework").append(el("option", { value: f.name, text: `${f.title} ${f.version}` }));
  const given = new URLSearchParams(location.search);
  const hash = new URLSearchParams(location.hash.slice(1));
  selectedFile = hash.get("file") || "";
  $("name").value = given.has("name") ? given.get("name") : "demo";
  renderFramework(given.get("framework") || "gin", given);
  $("framework").addEventListener("change", () => { renderFramework($("framework").value, new URLSearchParams()); update(); });
  $("form").addEventListener("input", (e) => { if (e.target.id !== "framework") schedule(); });
  $("form").addEventListener("change", (e) => { if (e.target.id !== "framework") schedule(); });
  $("form").addEventListener("submit", (e) => e.preventDefault());
  $("download").addEventListener("click", (e) => { if ($("download").getAttribute("aria-disabled") === "true") e.preventDefault(); });
  for (const b of document.querySelectorAll("button.copy")) b.addEventListener("click", () => copy(b.dataset.copy, b));
  await update();
}

main();
