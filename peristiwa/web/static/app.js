/* Peristiwa web UI: plain JavaScript, no libraries, no network but this server.
 *
 * Every piece of data goes into the page as text (textContent / createTextNode) or as an SVG
 * attribute we compute; nothing from the store is ever parsed as HTML.
 * Routes (in the URL hash): #/?filters  search (timeline, map, graph, list)
 *                           #/doc/<id>?ev=<event id>  article with evidence highlighted
 *                           #/actor/<key>  actor page
 */
"use strict";

const TYPES = ["ASSAULT", "PROTEST", "COERCE", "THREATEN", "ACCUSE", "REQUEST", "REJECT", "SANCTION",
  "MOBILIZE", "AID", "RETREAT", "SUPPORT", "AGREE", "COOPERATE", "CONSULT", "CONCEDE"];
const COLORS = {
  ASSAULT: "#c0392b", PROTEST: "#e67e22", COERCE: "#8e44ad", THREATEN: "#d35400", ACCUSE: "#b7950b",
  REQUEST: "#2874a6", REJECT: "#7b7d7d", SANCTION: "#6c3483", MOBILIZE: "#a04000", AID: "#1e8449",
  RETREAT: "#148f77", SUPPORT: "#239b56", AGREE: "#17a589", COOPERATE: "#229954", CONSULT: "#2e86c1",
  CONCEDE: "#48c9b0",
};
const FILTERS = ["text", "actor", "type", "country", "since", "until", "near", "radius_km", "historical"];
const SVGNS = "http://www.w3.org/2000/svg";
const PAGE = 100;

/* ------------------------------------------------------------------ DOM helpers */

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVGNS, tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) throw new Error("event handlers go through addEventListener");
    node.setAttribute(name, String(value));
  }
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

function tag(type) {
  const t = el("span", { class: "tag" }, type);
  t.style.background = COLORS[type] || "#555";
  return t;
}

function errorBox(message) {
  return el("div", { class: "error", role: "alert" }, message);
}

/* ------------------------------------------------------------------ data */

async function api(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    if (v === null || v === undefined || v === "") continue;
    url.searchParams.append(k, String(v));
  }
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await response.json(); } catch (_) { body = null; }
  if (!response.ok) {
    const detail = body && body.detail ? body.detail : response.statusText;
    throw new Error(`${response.status}: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`);
  }
  return body;
}

function docLink(documentId, eventId) {
  return "#/doc/" + encodeURIComponent(documentId) + (eventId ? "?ev=" + encodeURIComponent(eventId) : "");
}

function actorLink(key) {
  return "#/actor/" + encodeURIComponent(key);
}

function names(parts) {
  return (parts || []).map((p) => p.name).join("; ");
}

function countText(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return value.text ? `${value.text} (${value.min}–${value.max})` : `${value.min}–${value.max}`;
  return String(value);
}

function eventDay(ev) {
  const d = ev.date && ev.date.start ? ev.date.start : (ev.published || "").slice(0, 10);
  return d || null;
}

/* ------------------------------------------------------------------ routing */

function parseHash() {
  const raw = window.location.hash.replace(/^#/, "") || "/";
  const qpos = raw.indexOf("?");
  const path = qpos >= 0 ? raw.slice(0, qpos) : raw;
  const params = new URLSearchParams(qpos >= 0 ? raw.slice(qpos + 1) : "");
  return { path, params };
}

async function route() {
  const view = document.getElementById("view");
  const { path, params } = parseHash();
  clear(view);
  try {
    if (path.startsWith("/doc/")) {
      await renderArticle(view, decodeURIComponent(path.slice(5)), params.get("ev"));
    } else if (path.startsWith("/actor/")) {
      await renderActor(view, decodeURIComponent(path.slice(7)));
    } else if (path === "/incidents") {
      fillForm(params);
      await renderIncidents(view, params);
    } else {
      fillForm(params);
      await renderSearch(view, params);
    }
  } catch (err) {
    view.appendChild(errorBox(err.message));
  }
  document.body.setAttribute("data-view", path.split("/")[1] || "search");
  document.body.setAttribute("data-rendered", String(Number(document.body.getAttribute("data-rendered") || 0) + 1));
}

function fillForm(params) {
  for (const name of FILTERS) {
    const input = document.querySelector(`#search [name="${name}"]`);
    if (!input) continue;
    if (input.type === "checkbox") input.checked = params.get(name) === "1";
    else input.value = params.get(name) || (name === "radius_km" ? "100" : "");
  }
}

function onSearch(event) {
  event.preventDefault();
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const input = document.querySelector(`#search [name="${name}"]`);
    if (!input) continue;
    if (input.type === "checkbox") {
      if (input.checked) params.set(name, "1");
    } else if (input.value.trim() !== "" && !(name === "radius_km" && input.value === "100")) {
      params.set(name, input.value.trim());
    }
  }
  const next = "#/?" + params.toString();
  if (window.location.hash === next) route(); else window.location.hash = next;
}

function apiFilters(params) {
  const out = {};
  for (const name of FILTERS) {
    const v = params.get(name);
    if (!v) continue;
    if (name === "historical") continue;
    out[name] = name === "country" ? v.toUpperCase() : v;
  }
  if (params.get("near")) out.radius_km = params.get("radius_km") || "100";
  else delete out.radius_km;
  if (params.get("historical") !== "1") out.historical = "false";
  return out;
}

/* ------------------------------------------------------------------ search view */

async function renderSearch(view, params) {
  const filters = apiFilters(params);
  const summary = el("p", { class: "summary" }, "Loading…");
  const timelineBox = el("div", { id: "timeline" });
  const mapBox = el("div", { id: "map" });
  const graphBox = el("div", { id: "graph" });
  const listBox = el("div", { id: "event-list" });
  view.append(
    summary,
    el("section", { class: "panel" }, el("h2", {}, "Timeline"), timelineBox),
    el("div", { class: "grid2" },
      el("section", { class: "panel" }, el("h2", {}, "Map"), mapBox),
      el("section", { class: "panel" }, el("h2", {}, "Actors: who acts against whom, and who belongs to whom"), graphBox)),
    el("section", { class: "panel" }, el("h2", {}, "Events"), listBox),
  );
  const [page, count, world, graph] = await Promise.all([
    api("/api/events", { ...filters, limit: 500 }),
    api("/api/events/count", { ...filters, at_most: 100000 }),
    api("/api/world"),
    api("/api/graph", { ...filters, max_nodes: 40 }),
  ]);
  const events = page.items;
  summary.textContent = `${count.count}${count.capped ? "+" : ""} events match` + (count.count > events.length
    ? `; the newest ${events.length} are drawn.` : ".");
  drawTimeline(timelineBox, events);
  drawMap(mapBox, events, world);
  drawGraph(graphBox, graph);
  listEvents(listBox, filters, events);
}

function drawTimeline(box, events) {
  const dated = events.filter((ev) => eventDay(ev));
  if (!dated.length) { box.appendChild(el("p", { class: "muted" }, "No dated events.")); return; }
  const days = dated.map((ev) => Date.parse(eventDay(ev)));
  let lo = Math.min(...days), hi = Math.max(...days);
  const pad = Math.max((hi - lo) * 0.03, 86400000);
  lo -= pad; hi += pad;
  const types = TYPES.filter((t) => dated.some((ev) => ev.type === t));
  const W = 1000, left = 90, right = 12, lane = 22, top = 8, H = top + lane * types.length + 26;
  const x = (t) => left + ((t - lo) / (hi - lo)) * (W - left - right);
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Timeline of events" });
  types.forEach((t, i) => {
    const y = top + lane * i + lane / 2;
    chart.appendChild(svg("line", { class: "tl-lane", x1: left, x2: W - right, y1: y, y2: y }));
    const label = svg("text", { x: left - 6, y: y + 4, "text-anchor": "end" }, t);
    chart.appendChild(label);
  });
  const axis = svg("g", { class: "tl-axis" });
  for (const tick of ticks(lo, hi)) {
    const tx = x(tick.t);
    axis.appendChild(svg("line", { x1: tx, x2: tx, y1: top, y2: H - 20 }));
    axis.appendChild(svg("text", { x: tx, y: H - 6, "text-anchor": "middle" }, tick.label));
  }
  chart.appendChild(axis);
  const stack = new Map();
  for (const ev of dated) {
    const i = types.indexOf(ev.type);
    const t = Date.parse(eventDay(ev));
    const slot = `${i}:${Math.round(x(t) / 4)}`;
    const n = stack.get(slot) || 0;
    stack.set(slot, n + 1);
    const y = top + lane * i + lane / 2 + ((n % 3) - 1) * 5;
    const r = 3.5 + Math.min(5, Math.sqrt(deaths(ev)));
    const dot = svg("circle", { class: "ev-dot", cx: x(t).toFixed(1), cy: y, r: r.toFixed(1), fill: COLORS[ev.type] || "#555",
      "data-event": ev.id, "data-document": ev.document });
    dot.appendChild(svg("title", {}, tooltip(ev)));
    dot.addEventListener("click", () => { window.location.hash = docLink(ev.document, ev.id); });
    chart.appendChild(dot);
  }
  box.appendChild(chart);
}

function ticks(lo, hi) {
  const span = hi - lo, day = 86400000, out = [];
  const start = new Date(lo);
  if (span > 3 * 365 * day) {
    for (let y = start.getUTCFullYear() + 1; Date.UTC(y, 0, 1) <= hi; y++) out.push({ t: Date.UTC(y, 0, 1), label: String(y) });
  } else if (span > 75 * day) {
    let y = start.getUTCFullYear(), m = start.getUTCMonth() + 1;
    const step = span > 730 * day ? 6 : span > 300 * day ? 3 : 1;
    for (; Date.UTC(y, m, 1) <= hi; m += step) {
      const t = Date.UTC(y, m, 1);
      const d = new Date(t);
      out.push({ t, label: d.toISOString().slice(0, 7) });
    }
  } else {
    const step = span > 20 * day ? 7 : span > 6 * day ? 2 : 1;
    for (let t = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate() + 1); t <= hi; t += step * day) {
      out.push({ t, label: new Date(t).toISOString().slice(5, 10) });
    }
  }
  return out.filter((tick) => tick.t >= lo && tick.t <= hi);
}

function deaths(ev) {
  const f = ev.fatalities;
  if (f === null || f === undefined) return 0;
  return typeof f === "object" ? f.min : f;
}

function tooltip(ev) {
  const who = names(ev.actors) || "?";
  const whom = names(ev.targets);
  const where = ev.location ? ev.location.name : "";
  const toll = ev.fatalities !== null && ev.fatalities !== undefined ? ` · killed ${countText(ev.fatalities)}` : "";
  return `${eventDay(ev)} ${ev.type}${ev.mode ? "/" + ev.mode : ""}: ${who}${whom ? " → " + whom : ""}` +
    `${where ? " @ " + where : ""}${toll}\n${ev.evidence.text}`;
}

function drawMap(box, events, world) {
  const located = events.filter((ev) => ev.location && ev.location.lat !== null && ev.location.lon !== null);
  const W = 720, H = 360;
  const px = (lon) => ((lon + 180) / 360) * W;
  const py = (lat) => ((90 - lat) / 180) * H;
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Map of events",
    preserveAspectRatio: "xMidYMid meet" });
  chart.appendChild(svg("rect", { class: "sea", x: 0, y: 0, width: W, height: H }));
  const cell = world.cell;
  const land = svg("g", {});
  for (const [lat, lon] of world.cells) {
    land.appendChild(svg("rect", { class: "land", x: px(lon).toFixed(1), y: py(lat + cell).toFixed(1),
      width: ((cell / 360) * W + 0.3).toFixed(2), height: ((cell / 180) * H + 0.3).toFixed(2) }));
  }
  chart.appendChild(land);
  const grid = svg("g", {});
  for (let lon = -150; lon <= 150; lon += 30) grid.appendChild(svg("line", { class: "graticule", x1: px(lon), x2: px(lon), y1: 0, y2: H }));
  for (let lat = -60; lat <= 60; lat += 30) grid.appendChild(svg("line", { class: "graticule", x1: 0, x2: W, y1: py(lat), y2: py(lat) }));
  chart.appendChild(grid);
  for (const c of world.countries) {
    const dot = svg("circle", { class: "country-dot", cx: px(c.lon).toFixed(1), cy: py(c.lat).toFixed(1), r: 0.9 });
    dot.appendChild(svg("title", {}, `${c.name} (${c.iso3})`));
    chart.appendChild(dot);
  }
  const dots = [];
  for (const ev of located) {
    const dot = svg("circle", { class: "ev-dot map-dot", cx: px(ev.location.lon).toFixed(2), cy: py(ev.location.lat).toFixed(2),
      r: 3, fill: COLORS[ev.type] || "#555", "data-event": ev.id });
    dot.appendChild(svg("title", {}, tooltip(ev)));
    dot.addEventListener("click", () => { window.location.hash = docLink(ev.document, ev.id); });
    chart.appendChild(dot);
    dots.push([dot, 2.5 + Math.min(4, Math.sqrt(deaths(ev)) / 2)]);
  }
  // Dots keep their size on screen whatever the zoom: radius in map units = pixels × (view width / W).
  const setView = (x0, y0, w, h) => {
    chart.setAttribute("viewBox", `${x0.toFixed(1)} ${y0.toFixed(1)} ${w.toFixed(1)} ${h.toFixed(1)}`);
    for (const [dot, r] of dots) {
      dot.setAttribute("r", (r * w / W).toFixed(2));
    }
  };
  const fit = () => {
    if (!located.length) { setView(0, 0, W, H); return; }
    const xs = located.map((ev) => px(ev.location.lon)), ys = located.map((ev) => py(ev.location.lat));
    let x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const padX = Math.max(30, (x1 - x0) * 0.15), padY = Math.max(20, (y1 - y0) * 0.15);
    x0 = Math.max(0, x0 - padX); x1 = Math.min(W, x1 + padX); y0 = Math.max(0, y0 - padY); y1 = Math.min(H, y1 + padY);
    // keep the map's 2:1 shape so points are not stretched
    let w = x1 - x0, h = y1 - y0;
    if (w < 2 * h) { const c = (x0 + x1) / 2; w = 2 * h; x0 = Math.max(0, c - w / 2); }
    else { const c = (y0 + y1) / 2; h = w / 2; y0 = Math.max(0, c - h / 2); }
    setView(x0, y0, w, h);
  };
  const tools = el("div", { class: "maptools" });
  const bFit = el("button", { type: "button" }, "Fit events");
  const bWorld = el("button", { type: "button" }, "World");
  bFit.addEventListener("click", fit);
  bWorld.addEventListener("click", () => setView(0, 0, W, H));
  tools.append(bFit, bWorld, el("span", { class: "muted" }, `${located.length} of ${events.length} events have a place`));
  box.append(tools, chart, legend(events));
  fit();
}

function legend(events) {
  const box = el("div", { class: "legend" });
  for (const t of TYPES.filter((type) => events.some((ev) => ev.type === type))) {
    const dot = el("i", {});
    dot.style.background = COLORS[t];
    box.appendChild(el("span", {}, dot, t));
  }
  return box;
}

function drawGraph(box, graph) {
  const nodes = graph.nodes.map((n, i) => ({ ...n, i }));
  if (!nodes.length) { box.appendChild(el("p", { class: "muted" }, "No linked actors in these events.")); return; }
  const index = new Map(nodes.map((n) => [n.key, n]));
  const edges = graph.edges.filter((e) => index.has(e.source) && index.has(e.target));
  const W = 640, H = 420;
  layout(nodes, edges, index, W, H);
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Actor graph" });
  const defs = svg("defs", {});
  for (const [id, color] of [["arrow-event", "#c0392b"], ["arrow-coerce", "#8e44ad"], ["arrow-relation", "#557777"]]) {
    const marker = svg("marker", { id, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
    marker.appendChild(svg("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: color }));
    defs.appendChild(marker);
  }
  chart.appendChild(defs);
  const radius = (n) => 4 + Math.min(12, Math.sqrt(n.events) * 2.2);
  for (const e of edges) {
    const a = index.get(e.source), b = index.get(e.target);
    const dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy) || 1;
    const rb = radius(b) + 2;
    const kind = e.kind === "relation" ? "relation" : e.label === "COERCE" ? "coerce" : "event";
    const line = svg("line", { class: `g-edge-${kind}`, x1: a.x.toFixed(1), y1: a.y.toFixed(1),
      x2: (b.x - (dx / len) * rb).toFixed(1), y2: (b.y - (dy / len) * rb).toFixed(1),
      "stroke-width": (1 + Math.min(4, Math.log2(1 + e.count))).toFixed(1), "marker-end": `url(#arrow-${kind})` });
    line.appendChild(svg("title", {}, `${a.name} ${e.kind === "relation" ? e.label : e.label + " ×" + e.count} ${b.name}`));
    chart.appendChild(line);
    if (e.kind === "relation") {
      chart.appendChild(svg("text", { x: ((a.x + b.x) / 2).toFixed(1), y: ((a.y + b.y) / 2 - 3).toFixed(1),
        "text-anchor": "middle", class: "g-label" }, e.label));
    }
  }
  for (const n of nodes) {
    const g = svg("g", { class: "g-node-group", "data-key": n.key });
    const c = svg("circle", { class: "g-node", cx: n.x.toFixed(1), cy: n.y.toFixed(1), r: radius(n).toFixed(1),
      fill: nodeColor(n) });
    c.appendChild(svg("title", {}, `${n.name} (${[n.type, n.country, n.sector].filter(Boolean).join(", ")}): ${n.events} events`));
    g.appendChild(c);
    g.appendChild(svg("text", { x: (n.x + radius(n) + 2).toFixed(1), y: (n.y + 4).toFixed(1) }, n.name));
    g.addEventListener("click", () => { window.location.hash = actorLink(n.key); });
    chart.appendChild(g);
  }
  const key = el("div", { class: "legend" },
    el("span", {}, "red arrow: ASSAULT (actor → target)"), el("span", {}, "purple: COERCE"),
    el("span", {}, "dashed: relation from the text (member_of, leader_of, …)"));
  box.append(chart, key);
}

function nodeColor(n) {
  const bySector = { MIL: "#7d6608", COP: "#1f618d", REB: "#922b21", GOV: "#1a5276", CVL: "#7b7d7d", IGO: "#117864",
    POL: "#6c3483" };
  if (n.sector && bySector[n.sector]) return bySector[n.sector];
  return n.type === "GPE" ? "#2e86c1" : n.type === "PER" ? "#af7ac5" : "#5d6d7e";
}

/* A small force layout: start on a circle (deterministic), repel all pairs, pull along edges. */
function layout(nodes, edges, index, W, H) {
  const n = nodes.length, cx = W / 2, cy = H / 2;
  nodes.forEach((node, i) => {
    const a = (2 * Math.PI * i) / n;
    node.x = cx + Math.cos(a) * W * 0.35;
    node.y = cy + Math.sin(a) * H * 0.35;
  });
  const k = Math.sqrt((W * H) / Math.max(n, 1)) * 0.6;
  for (let it = 0; it < 250; it++) {
    const temp = 12 * (1 - it / 250) + 0.5;
    const disp = nodes.map(() => [0, 0]);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = nodes[i].x - nodes[j].x, dy = nodes[i].y - nodes[j].y;
        const d2 = Math.max(dx * dx + dy * dy, 1);
        const f = (k * k) / d2;
        dx *= f; dy *= f;
        disp[i][0] += dx; disp[i][1] += dy; disp[j][0] -= dx; disp[j][1] -= dy;
      }
    }
    for (const e of edges) {
      const a = index.get(e.source), b = index.get(e.target);
      const dx = b.x - a.x, dy = b.y - a.y, d = Math.max(Math.hypot(dx, dy), 1);
      const f = d / k;
      disp[a.i][0] += dx * f * 0.5; disp[a.i][1] += dy * f * 0.5;
      disp[b.i][0] -= dx * f * 0.5; disp[b.i][1] -= dy * f * 0.5;
    }
    nodes.forEach((node, i) => {
      disp[i][0] += (cx - node.x) * 0.02 * n; disp[i][1] += (cy - node.y) * 0.02 * n;
      const d = Math.max(Math.hypot(disp[i][0], disp[i][1]), 0.01);
      node.x += (disp[i][0] / d) * Math.min(d, temp);
      node.y += (disp[i][1] / d) * Math.min(d, temp);
      node.x = Math.max(20, Math.min(W - 90, node.x));
      node.y = Math.max(15, Math.min(H - 15, node.y));
    });
  }
}

function pagedTable(box, spec) {
  // One table of API items with newer/older buttons; spec: path, filters, headers, tableClass, row, noun, empty.
  let offset = 0;
  const show = (items) => {
    clear(box);
    const table = el("table", { class: spec.tableClass },
      el("thead", {}, el("tr", {}, spec.headers.map((h) => el("th", {}, h)))));
    const body = el("tbody", {});
    for (const item of items) body.appendChild(spec.row(item));
    table.appendChild(body);
    const prev = el("button", { type: "button" }, "← newer");
    const next = el("button", { type: "button" }, "older →");
    prev.disabled = offset === 0;
    next.disabled = items.length < PAGE;
    prev.addEventListener("click", () => load(Math.max(0, offset - PAGE)));
    next.addEventListener("click", () => load(offset + PAGE));
    const isEmpty = spec.empty && !items.length;
    box.append(isEmpty ? el("p", { class: "muted" }, spec.empty) : table,
      el("div", { class: "pager" }, prev, next,
        el("span", { class: "muted" }, isEmpty ? "" : `${spec.noun} ${offset + 1}–${offset + items.length}`)));
  };
  const load = async (at) => {
    offset = at;
    try {
      show((await api(spec.path, { ...spec.filters, limit: PAGE, offset })).items);
    } catch (err) { clear(box).appendChild(errorBox(err.message)); }
  };
  return { show, load };
}

function listEvents(box, filters, firstPage) {
  const pager = pagedTable(box, {
    path: "/api/events", filters, tableClass: "events", row: eventRow, noun: "events",
    headers: ["Date", "Type", "Who → whom", "Where", "Toll", "Evidence", ""],
  });
  pager.show(firstPage.slice(0, PAGE));
}

function eventRow(ev) {
  const who = el("td", {});
  for (const p of ev.actors) who.appendChild(participant(p, "actor"));
  if (ev.targets.length) who.appendChild(document.createTextNode(" → "));
  for (const p of ev.targets) who.appendChild(participant(p, "target"));
  const where = ev.location ? `${ev.location.name || ev.location.text}${ev.location.country ? " (" + ev.location.country + ")" : ""}` : "";
  const toll = [ev.fatalities !== null && ev.fatalities !== undefined ? "killed " + countText(ev.fatalities) : "",
    ev.injuries !== null && ev.injuries !== undefined ? "hurt " + countText(ev.injuries) : ""].filter(Boolean).join(", ");
  const evidence = ev.evidence.text.length > 220 ? ev.evidence.text.slice(0, 219) + "…" : ev.evidence.text;
  return el("tr", { "data-event": ev.id },
    el("td", {}, eventDay(ev) || "?", ev.historical ? el("div", { class: "muted" }, "historical") : null),
    el("td", {}, tag(ev.type), ev.mode ? el("div", { class: "muted" }, ev.mode) : null),
    who, el("td", {}, where), el("td", {}, toll), el("td", {}, evidence),
    el("td", {}, el("a", { href: docLink(ev.document, ev.id) }, "article")));
}

function participant(p, role) {
  const chip = p.key ? el("a", { href: actorLink(p.key), class: `chip ${role}` }, p.name) : el("span", { class: `chip ${role}` }, p.name);
  return chip;
}

/* ------------------------------------------------------------------ article view */

async function renderArticle(view, documentId, selected) {
  const doc = await api("/api/documents/" + encodeURIComponent(documentId));
  const result = doc.result;
  const events = result.events || [];
  let current = selected && events.some((ev) => ev.id === selected) ? selected : null;
  const textBox = el("div", { class: "article-text", id: "article" });
  const side = el("div", { class: "article-side" });
  const meta = el("dl", { class: "kv" },
    el("dt", {}, "published"), el("dd", {}, doc.published || "?"),
    el("dt", {}, "source"), el("dd", {}, doc.source || "?"),
    el("dt", {}, "document id"), el("dd", {}, doc.doc_id),
    doc.url ? [el("dt", {}, "url"), el("dd", {}, doc.url)] : null,
    el("dt", {}, "events"), el("dd", {}, String(events.length)));
  view.append(el("h1", { id: "article-title" }, doc.title || doc.doc_id), meta,
    el("p", { class: "legend" }, el("span", { class: "chip actor" }, "actor"), el("span", { class: "chip target" }, "target"),
      el("span", {}, "underlined: trigger · yellow: evidence · dotted: named entity · grey: not the article")),
    el("div", { class: "article" }, textBox, side));
  const paint = () => {
    clear(textBox);
    highlight(textBox, doc.text, result, current);
    clear(side);
    side.appendChild(el("h2", {}, `Events (${events.length})`));
    for (const ev of events) side.appendChild(eventCard(ev, ev.id === current, () => {
      current = ev.id === current ? null : ev.id;
      paint();
      const mark = textBox.querySelector(".ev-sel");
      if (mark) mark.scrollIntoView({ block: "center", behavior: "smooth" });
    }));
    const relations = result.relations || [];
    if (relations.length) {
      const byId = new Map((result.entities || []).map((e) => [e.id, e]));
      side.appendChild(el("h2", {}, "Relations"));
      side.appendChild(el("ul", { class: "plain" }, relations.map((r) => el("li", {},
        (byId.get(r.subject) || {}).name || r.subject, ` ${r.relation}${r.former ? " (former)" : ""} `,
        (byId.get(r.object) || {}).name || r.object))));
    }
  };
  paint();
}

function eventCard(ev, isSelected, onClick) {
  const card = el("div", { class: "ev-card" + (isSelected ? " selected" : ""), "data-event": ev.id, tabindex: 0 },
    el("div", {}, tag(ev.type), ev.mode ? ` ${ev.mode}` : "", " ", el("span", { class: "muted" },
      ev.date ? `${ev.date.start}${ev.date.end !== ev.date.start ? "…" + ev.date.end : ""} (${ev.date.precision})` : "date ?")),
    el("div", { class: "who" }, ev.actors.map((p) => el("span", { class: "chip actor" }, p.name)),
      ev.targets.length ? " → " : "", ev.targets.map((p) => el("span", { class: "chip target" }, p.name))),
    ev.location ? el("div", { class: "muted" }, `@ ${ev.location.name || ev.location.text} ${ev.location.country || ""}`) : null,
    ev.fatalities !== null && ev.fatalities !== undefined ? el("div", {}, `killed ${countText(ev.fatalities)}`) : null,
    ev.injuries !== null && ev.injuries !== undefined ? el("div", {}, `hurt ${countText(ev.injuries)}`) : null);
  card.addEventListener("click", onClick);
  card.addEventListener("keydown", (e) => { if (e.key === "Enter") onClick(); });
  return card;
}

/* Offsets are Python str indices (code points); JavaScript strings count UTF-16 units, so the
 * text is cut as an array of code points. */
function highlight(box, text, result, selected) {
  const chars = Array.from(text);
  const marks = [];
  for (const span of result.noise || []) marks.push({ s: span.start, e: span.end, cls: "noise" });
  for (const ent of result.entities || []) {
    for (const m of ent.mentions || []) marks.push({ s: m.start, e: m.end, cls: "ent", title: `${ent.name} (${ent.type})` });
  }
  for (const ev of result.events || []) {
    const sel = ev.id === selected;
    marks.push({ s: ev.evidence.start, e: ev.evidence.end, cls: sel ? "ev-sel" : "ev" });
    if (!sel) continue;
    marks.push({ s: ev.trigger.start, e: ev.trigger.end, cls: "trigger" });
    for (const p of ev.actors) if (p.span) marks.push({ s: p.span.start, e: p.span.end, cls: "actor" });
    for (const p of ev.targets) if (p.span) marks.push({ s: p.span.start, e: p.span.end, cls: "target" });
  }
  const cuts = new Set([0, chars.length]);
  for (const m of marks) { cuts.add(Math.max(0, Math.min(chars.length, m.s))); cuts.add(Math.max(0, Math.min(chars.length, m.e))); }
  const points = Array.from(cuts).sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const on = marks.filter((m) => m.s <= a && m.e >= b);
    const piece = chars.slice(a, b).join("");
    if (!on.length) { box.appendChild(document.createTextNode(piece)); continue; }
    const classes = Array.from(new Set(on.map((m) => m.cls)));
    const title = on.map((m) => m.title).filter(Boolean)[0];
    box.appendChild(el("span", { class: classes.join(" "), title: title || null }, piece));
  }
}

/* ------------------------------------------------------------------ actor page */

async function renderActor(view, key) {
  const p = await api("/api/actors/" + encodeURIComponent(key));
  const c = p.counts;
  view.append(
    el("h1", { id: "actor-name" }, p.name || p.key),
    el("dl", { class: "kv" },
      el("dt", {}, "key"), el("dd", {}, p.key),
      el("dt", {}, "type"), el("dd", {}, [p.type, p.country, p.sector].filter(Boolean).join(" · ") || "?"),
      el("dt", {}, "seen in"), el("dd", {}, `${c.documents} documents, ${c.mentions} mentions, ${c.events} events`
        + (p.truncated ? " (details from the newest documents)" : ""))),
  );
  const aliases = el("section", { class: "panel" }, el("h2", {}, "Names and aliases"),
    el("p", {}, (p.aliases || []).map((a) => `${a.text} (${a.count})`).join(" · ") || "—"),
    p.kb_aliases ? el("p", { class: "muted" }, "Knowledge base: " + p.kb_aliases.join(" · ")) : null);
  const affs = el("section", { class: "panel" }, el("h2", {}, "Affiliations"));
  if (!(p.affiliations || []).length) affs.appendChild(el("p", { class: "muted" }, "None known."));
  else affs.appendChild(el("ul", { class: "plain" }, p.affiliations.map((a) => el("li", {},
    a.direction === "out" ? `${p.name} ${a.relation} ` : "",
    a.key ? el("a", { href: actorLink(a.key) }, a.name || a.key) : (a.name || "?"),
    a.direction === "in" ? ` ${a.relation} ${p.name}` : "",
    a.former ? " (former)" : "",
    el("span", { class: "muted" }, a.source === "kb" ? " — knowledge base" : ` — stated in ${a.count} place(s)`)))));
  const events = (p.events || []).map((item) => ({ ...item.event, document: item.content_id, doc_id: item.doc_id, role: item.role }));
  const timelineBox = el("div", {});
  const list = el("tbody", {});
  for (const ev of events) {
    const row = eventRow(ev);
    row.insertBefore(el("td", {}, ev.role), row.firstChild);
    list.appendChild(row);
  }
  view.append(el("div", { class: "grid2" }, aliases, affs),
    el("section", { class: "panel" }, el("h2", {}, "Timeline"), timelineBox),
    el("section", { class: "panel" }, el("h2", {}, `Events (${events.length})`),
      el("table", { class: "events" }, el("thead", {}, el("tr", {},
        ["Role", "Date", "Type", "Who → whom", "Where", "Toll", "Evidence", ""].map((h) => el("th", {}, h)))), list)));
  drawTimeline(timelineBox, events);
}

/* ------------------------------------------------------------------ incidents view */

const INCIDENT_FILTERS = ["type", "country", "since", "until", "min_reports"];

function figureText(fig) {
  if (!fig) return "";
  return fig.min === fig.max ? String(fig.best) : `${fig.best} (${fig.min}–${fig.max})`;
}

async function renderIncidents(view, params) {
  const filters = {};
  for (const name of INCIDENT_FILTERS) {
    const v = params.get(name);
    if (v) filters[name] = name === "country" ? v.toUpperCase() : v;
  }
  const several = filters.min_reports && Number(filters.min_reports) > 1;
  const other = new URLSearchParams(params);
  if (several) other.delete("min_reports"); else other.set("min_reports", "2");
  const box = el("div", { id: "incident-list" });
  view.append(
    el("h1", {}, "Incidents"),
    el("p", { class: "summary" },
      "One act reported by one or more articles (type, dates, place and actors agree). Filtered by type, country and dates. ",
      el("a", { href: "#/incidents?" + other.toString(), id: "incident-toggle" },
        several ? "show every incident" : "only those reported by several articles")),
    el("section", { class: "panel" }, box),
  );
  await pagedTable(box, {
    path: "/api/incidents", filters, tableClass: "events incidents", row: incidentRow, noun: "incidents",
    headers: ["Date", "Type", "Where", "Reports", "Outlets", "Killed", "Hurt", "Sources"],
    empty: "No incident matches.",
  }).load(0);
}

function incidentRow(inc) {
  const d = inc.date;
  const when = d ? (d.end && d.end !== d.start ? `${d.start}..${d.end}` : d.start) : "?";
  const loc = inc.location;
  const where = loc ? `${loc.name}${loc.country ? " (" + loc.country + ")" : ""}` : "";
  const sources = el("ul", { class: "plain sources" }, inc.sources.map((src) => el("li", {},
    src.document
      ? el("a", { href: docLink(src.document, src.event_id) }, src.outlet || src.doc_id)
      : (src.outlet || src.doc_id),
    src.title ? el("span", { class: "muted" }, " — " + src.title) : null,
    src.evidence && src.evidence.text ? el("div", { class: "muted quote" },
      src.evidence.text.length > 160 ? src.evidence.text.slice(0, 159) + "…" : src.evidence.text) : null)));
  return el("tr", { "data-incident": inc.id },
    el("td", {}, when, inc.historical ? el("div", { class: "muted" }, "historical") : null),
    el("td", {}, tag(inc.type), inc.mode ? el("div", { class: "muted" }, inc.mode) : null),
    el("td", {}, where),
    el("td", { class: "n-reports" }, String(inc.n_reports)),
    el("td", {}, inc.outlets.join("; ")),
    el("td", { class: "fatalities" }, figureText(inc.fatalities)),
    el("td", {}, figureText(inc.injuries)),
    el("td", {}, sources));
}

/* ------------------------------------------------------------------ start */

async function start() {
  const select = document.getElementById("f-type");
  for (const t of TYPES) select.appendChild(el("option", { value: t }, t));
  document.getElementById("search").addEventListener("submit", onSearch);
  window.addEventListener("hashchange", route);
  try {
    const s = await api("/api/stats");
    document.getElementById("stats").textContent =
      `${s.documents} documents · ${s.events} events · ${s.actors} actors · ${s.incidents} incidents` + (s.first_date ? ` · ${s.first_date} … ${s.last_date}` : "");
  } catch (err) {
    document.getElementById("stats").textContent = err.message;
  }
  await route();
}

document.addEventListener("DOMContentLoaded", start);
