"use strict";
// The findings table: filter, sort and page the findings embedded as JSON.
// Data goes into the page only through textContent, never as markup.
(function () {
  var holder = document.getElementById("report-data");
  var body = document.getElementById("findings-body");
  if (!holder || !body) { document.documentElement.setAttribute("data-ready", "1"); return; }
  var data = JSON.parse(holder.textContent);
  var K = {};
  data.keys.forEach(function (k, i) { K[k] = i; });
  var L = data.labels;
  var rows = data.rows;
  var pageSize = data.page_size;
  var state = { sev: "", area: "", out: "", text: "", sort: null, dir: 1, page: 0 };
  var shown = rows;

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? String(values[k]) : m; });
  }
  function label(key) { return Object.prototype.hasOwnProperty.call(L, key) ? L[key] : key; }
  function badge(kind) { return el("span", "badge " + kind, label(kind)); }

  function haystack(r) {
    return [r[K.rule], r[K.name], r[K.entity], r[K.title], r[K.detail], r[K.msg], r[K.miss]]
      .join("\u0001").toLowerCase();
  }
  var hay = null;

  function sortValue(r, key) {
    if (key === "sev") { return data.severity_rank[r[K.sev]] || 0; }
    if (key === "out") { return data.outcome_rank[r[K.out]] || 0; }
    if (key === "area") { return label(r[K.area]); }
    return String(r[K[key]] || "");
  }

  function apply() {
    var needle = state.text.trim().toLowerCase();
    if (needle && hay === null) { hay = rows.map(haystack); }
    var out = [];
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      if (state.sev && r[K.sev] !== state.sev) { continue; }
      if (state.area && r[K.area] !== state.area) { continue; }
      if (state.out && r[K.out] !== state.out) { continue; }
      if (needle && hay[i].indexOf(needle) < 0) { continue; }
      out.push(r);
    }
    if (state.sort) {
      var key = state.sort, dir = state.dir;
      var keyed = out.map(function (r, i) { return [sortValue(r, key), i, r]; });
      keyed.sort(function (a, b) {
        var x = a[0], y = b[0];
        var c = (typeof x === "number") ? x - y : String(x).localeCompare(String(y));
        return c !== 0 ? c * dir : a[1] - b[1];
      });
      out = keyed.map(function (k) { return k[2]; });
    }
    shown = out;
    var pages = Math.max(1, Math.ceil(shown.length / pageSize));
    if (state.page >= pages) { state.page = pages - 1; }
    draw(pages);
  }

  function row(r) {
    var tr = el("tr", "finding");
    tr.setAttribute("data-sev", r[K.sev]);
    tr.setAttribute("data-out", r[K.out]);
    tr.setAttribute("data-area", r[K.area]);
    var td = el("td"); td.appendChild(badge(r[K.sev])); tr.appendChild(td);
    td = el("td"); td.appendChild(badge(r[K.out])); tr.appendChild(td);
    tr.appendChild(el("td", "", label(r[K.area])));
    td = el("td"); td.appendChild(el("code", "", r[K.rule]));
    td.appendChild(document.createTextNode(" " + r[K.name])); tr.appendChild(td);
    td = el("td", "", r[K.entity] + (r[K.detail] ? " · " + r[K.detail] : ""));
    if (r[K.title]) { td.appendChild(el("span", "entity-title", r[K.title])); }
    tr.appendChild(td);
    td = el("td", "msg", r[K.msg]);
    if (r[K.head]) { td.appendChild(el("span", "head", r[K.head])); }
    if (r[K.miss]) { td.appendChild(el("span", "entity-title", label("missing") + ": " + r[K.miss])); }
    tr.appendChild(td);
    tr.appendChild(el("td", "num", r[K.obs]));
    tr.appendChild(el("td", "num", r[K.lim]));
    return tr;
  }

  function draw(pages) {
    var start = state.page * pageSize;
    var frag = document.createDocumentFragment();
    shown.slice(start, start + pageSize).forEach(function (r) { frag.appendChild(row(r)); });
    body.replaceChildren(frag);
    $("no-match").hidden = shown.length > 0;
    $("f-count").textContent = fill(label("shown"), { shown: shown.length, total: rows.length });
    $("pager").hidden = pages <= 1;
    $("p-label").textContent = fill(label("page"), { page: state.page + 1, pages: pages });
    $("p-prev").disabled = state.page === 0;
    $("p-next").disabled = state.page >= pages - 1;
    var headers = document.querySelectorAll("#findings th[data-sort]");
    for (var i = 0; i < headers.length; i++) {
      var h = headers[i];
      if (h.getAttribute("data-sort") === state.sort) {
        h.setAttribute("aria-sort", state.dir > 0 ? "ascending" : "descending");
      } else {
        h.removeAttribute("aria-sort");
      }
    }
  }

  function bind(id, field, event) {
    $(id).addEventListener(event, function (e) {
      state[field] = e.target.value; state.page = 0; apply();
    });
  }
  bind("f-sev", "sev", "change");
  bind("f-area", "area", "change");
  bind("f-out", "out", "change");
  bind("f-text", "text", "input");
  $("p-prev").addEventListener("click", function () { state.page -= 1; apply(); });
  $("p-next").addEventListener("click", function () { state.page += 1; apply(); });
  var headers = document.querySelectorAll("#findings th[data-sort]");
  for (var i = 0; i < headers.length; i++) {
    headers[i].addEventListener("click", function (e) {
      var key = e.currentTarget.getAttribute("data-sort");
      if (state.sort === key) { state.dir = -state.dir; }
      else { state.sort = key; state.dir = (key === "sev" || key === "out") ? -1 : 1; }
      state.page = 0; apply();
    });
  }
  window.addEventListener("beforeprint", function () {
    var d = document.querySelectorAll("details");
    for (var j = 0; j < d.length; j++) { d[j].open = true; }
  });
  $("controls").hidden = false;
  $("sort-hint").hidden = false;
  var first = $("first-rows");
  if (first) { first.hidden = true; }
  document.documentElement.setAttribute("data-ready", "1");
  apply();
})();
