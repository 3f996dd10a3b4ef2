/* Peristiwa web UI: plain JavaScript over vendored libraries (static/vendor, no CDN, no network but
 * this server): Leaflet + markercluster for the map (Natural Earth land and borders from
 * world-atlas), cytoscape.js + fCoSE for the actor graph, Apache ECharts for the timeline.
 *
 * Every piece of data goes into the page as text (textContent / createTextNode), as an attribute
 * we compute, or as a label the libraries draw on a canvas; nothing from the store is ever parsed
 * as HTML.
 * Routes (in the URL hash): #/?filters  search (timeline, map, graph, list)
 *                           #/doc/<id>?ev=<event id>  article, scrolled to the event's sentence
 *                           #/actor/<key>  actor page
 *                           #/incidents?filters  incidents
 *                           #/desk?watch=<name>&by=day|week&series=<label>  crisis desk
 */
"use strict";

const TYPES = ["ASSAULT", "PROTEST", "COERCE", "THREATEN", "ACCUSE", "REQUEST", "REJECT", "SANCTION",
  "MOBILIZE", "AID", "RETREAT", "SUPPORT", "AGREE", "COOPERATE", "CONSULT", "CONCEDE"];
/* The one palette of event types (timeline, map, graph, tags).  Chosen so that every pair stays
 * apart (CIELAB distance >= 18) in normal vision and in simulated protanopia, deuteranopia and
 * tritanopia (Machado et al. 2009); tests/test_web.py checks it. */
const TYPE_COLORS = {
  ASSAULT: "#bb0022", PROTEST: "#ffaa22", COERCE: "#9900bb", THREATEN: "#ee0000", ACCUSE: "#aa8855",
  REQUEST: "#44bbff", REJECT: "#aa2244", SANCTION: "#6611ff", MOBILIZE: "#ee55cc", AID: "#99cc99",
  RETREAT: "#ddaacc", SUPPORT: "#aabb55", AGREE: "#008888", COOPERATE: "#9966ff", CONSULT: "#ee2288",
  CONCEDE: "#aa0099",
};
const FILTERS = ["text", "actor", "type", "country", "since", "until", "near", "radius_km", "historical"];
const PAGE = 100;
const DAY = 86400000;
/* The drawn views of the page, for the tests and the console: map, markers, graph, timeline. */
const views = {};
window.peristiwaViews = views;

/* ------------------------------------------------------------------ DOM helpers */

/* ------------------------------------------------------------------ DOM helpers */

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
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


/* Dark or light text, whichever reads on this background colour. */
function inkOn(color) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16) / 255);
  return 0.299 * r + 0.587 * g + 0.114 * b > 0.6 ? "#1d2327" : "#fff";
}

function tag(type) {
  const t = el("span", { class: "tag" }, type);
  const color = TYPE_COLORS[type] || "#555555";
  t.style.background = color;
  t.style.color = inkOn(color);
  return t;
}

function errorBox(message) {
  return el("div", { class: "error", role: "alert" }, message);
}

/* ------------------------------------------------------------------ data */

async function api(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    for (const one of Array.isArray(v) ? v : [v]) {
      if (one === null || one === undefined || one === "") continue;
      url.searchParams.append(k, String(one));
    }
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
    } else if (path === "/desk") {
      await renderDesk(view, params);
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
  const summary = el("p", { class: "summary", id: "summary" }, "Loading…");
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
    worldData(),
    api("/api/graph", { ...filters, max_nodes: 40 }),
  ]);
  const events = page.items;
  summary.textContent = "";
  summary.append(el("b", { id: "match-count" }, `${count.count}${count.capped ? "+" : ""}`),
    " events match" + (count.count > events.length ? `; the newest ${events.length} are drawn.` : "."));
  drawTimeline(timelineBox, events);
  drawMap(mapBox, events, world);
  drawGraph(graphBox, graph);
  listEvents(listBox, filters, events);
}

function deaths(ev) {
  const f = ev.fatalities;
  if (f === null || f === undefined) return 0;
  return typeof f === "object" ? f.min : f;
}

function whoText(ev) {
  const who = names(ev.actors);
  const whom = names(ev.targets);
  if (!who && !whom) return "actor not stated";
  return (who || "actor not stated") + (whom ? " → " + whom : "");
}

/* A tooltip or popup as DOM: what, when, who, where (with the place's precision), the toll, the sentence. */
function eventSummary(ev, withLink) {
  const loc = ev.location;
  const d = ev.date;
  const when = d ? (d.end && d.end !== d.start ? `${d.start} … ${d.end}` : d.start) + ` (${d.precision})` : (eventDay(ev) || "date ?");
  const evidence = ev.evidence.text.length > 240 ? ev.evidence.text.slice(0, 239) + "…" : ev.evidence.text;
  return el("div", { class: "ev-summary" },
    el("div", {}, tag(ev.type), ev.mode ? ` ${ev.mode}` : "", " ", el("span", { class: "muted" }, when)),
    el("div", { class: "who" }, whoText(ev)),
    loc ? el("div", { class: "where" }, `${loc.name || loc.text}${loc.admin1 ? ", " + loc.admin1 : ""}${loc.country ? " (" + loc.country + ")" : ""}`,
      el("div", { class: "muted precision" }, `place precision: ${loc.precision || "?"}`
        + (loc.lat !== null && loc.lat !== undefined ? ` · ${loc.lat.toFixed(3)}, ${loc.lon.toFixed(3)}` : ""))) : null,
    ev.fatalities !== null && ev.fatalities !== undefined ? el("div", {}, `killed ${countText(ev.fatalities)}`) : null,
    el("div", { class: "quote" }, evidence),
    withLink ? el("a", { href: docLink(ev.document, ev.id), class: "open-article" }, "open the article") : null);
}

function legend(events) {
  const box = el("div", { class: "legend" });
  for (const t of TYPES.filter((type) => events.some((ev) => ev.type === type))) {
    const dot = el("i", {});
    dot.style.background = TYPE_COLORS[t];
    box.appendChild(el("span", {}, dot, t));
  }
  return box;
}

/* ------------------------------------------------------------------ timeline (ECharts) */

/* One lane per type; an event dated to a day is a dot, one dated to a longer span (a week, a
 * month, "akhir Agustus") a bar from its first to its last day, so it neither stretches into a
 * point nor pretends to a day it does not have.  Zoom with the slider, the wheel or a drag. */
function drawTimeline(box, events) {
  const dated = events.filter((ev) => eventDay(ev));
  if (!dated.length) { box.appendChild(el("p", { class: "muted" }, "No dated events.")); return; }
  const types = TYPES.filter((t) => dated.some((ev) => ev.type === t));
  const chartBox = el("div", { class: "tl-chart" });
  chartBox.style.height = `${90 + 24 * types.length}px`;
  box.append(chartBox, el("p", { class: "legend" }, "dot: an event dated to a day · bar: dated to a span (week, month, range) · "
    + "drag the slider or scroll over the chart to zoom; click an event to open its article"));
  const byType = new Map(types.map((t) => [t, []]));
  for (const ev of dated) byType.get(ev.type).push(ev);
  const series = types.map((t, lane) => {
    const list = byType.get(t);
    return {
      name: t, type: "custom", color: TYPE_COLORS[t],
      encode: { x: [0, 1], y: 2 },
      renderItem: (params, a) => timelineItem(params, a, TYPE_COLORS[t]),
      data: list.map((ev, i) => {
        const start = Date.parse(eventDay(ev));
        const end = ev.date && ev.date.end && ev.date.end > ev.date.start ? Date.parse(ev.date.end) + DAY : start + DAY;
        return { value: [start, end, lane, jitter(i, list.length), end - start > DAY ? 1 : 0], ev };
      }),
    };
  });
  // Open on the days the dots cover (bars reaching further are cut at the edge); zoom out to see them whole.
  const days = series.flatMap((se) => se.data.filter((d) => !d.value[4]).map((d) => d.value[0]));
  const all = series.flatMap((se) => se.data.flatMap((d) => [d.value[0], d.value[1]]));
  const lo = Math.min(...(days.length ? days : all)), hi = Math.max(...(days.length ? days : all)) + DAY;
  const pad = Math.max((hi - lo) * 0.03, 2 * DAY);
  const window0 = { startValue: Math.max(lo - pad, Math.min(...all)), endValue: Math.min(hi + pad, Math.max(...all)) };
  const chart = echarts.init(chartBox, null, { renderer: "canvas" });
  chart.setOption({
    animation: false,
    grid: { left: 90, right: 20, top: 8, bottom: 62 },
    xAxis: { type: "time", axisLabel: { hideOverlap: true, formatter: { year: "{yyyy}", month: "{MMM} {yyyy}", day: "{d} {MMM}" } } },
    yAxis: { type: "category", data: types, inverse: true, axisTick: { show: false },
      splitLine: { show: true, lineStyle: { color: "#eef1f3" } }, axisLabel: { color: "#334" } },
    dataZoom: [{ type: "slider", xAxisIndex: 0, filterMode: "weakFilter", height: 22, bottom: 8, ...window0 },
      { type: "inside", xAxisIndex: 0, filterMode: "weakFilter", ...window0 }],
    tooltip: { trigger: "item", confine: true, formatter: (p) => (p.data && p.data.ev ? eventSummary(p.data.ev, false) : "") },
    series,
  });
  chart.on("click", (p) => {
    if (p.data && p.data.ev) window.location.hash = docLink(p.data.ev.document, p.data.ev.id);
  });
  views.timeline = chart;
}

/* Spread the dots of one lane over its height (deterministic), so same-day events stay visible. */
function jitter(i, n) {
  if (n < 2) return 0;
  return (((i * 0.618034) % 1) - 0.5) * 0.7;
}

function timelineItem(params, a, color) {
  const lane = a.value(2);
  const band = a.size([0, 1])[1];
  const start = a.coord([a.value(0), lane]);
  const y = start[1] + a.value(3) * band;
  const cs = params.coordSys;
  if (a.value(4)) {
    const end = a.coord([a.value(1), lane]);
    const h = Math.max(5, Math.min(9, band * 0.3));
    const shape = echarts.graphic.clipRectByRect(
      { x: start[0], y: y - h / 2, width: Math.max(end[0] - start[0], 3), height: h },
      { x: cs.x, y: cs.y, width: cs.width, height: cs.height });
    return shape && { type: "rect", shape, style: { fill: color, opacity: 0.8, stroke: "#fff", lineWidth: 0.5 } };
  }
  const x = start[0] + (a.coord([a.value(1), lane])[0] - start[0]) / 2;
  if (x < cs.x || x > cs.x + cs.width) return null;
  return { type: "circle", shape: { cx: x, cy: y, r: 4 }, style: { fill: color, stroke: "#fff", lineWidth: 1 } };
}

/* ------------------------------------------------------------------ map (Leaflet) */

let worldPromise = null;

/* Natural Earth 1:50m land and borders (world-atlas TopoJSON in static/vendor), read once. */
function worldData() {
  if (!worldPromise) {
    worldPromise = fetch("/static/vendor/world-atlas/countries-50m.json")
      .then((r) => { if (!r.ok) throw new Error(`basemap: ${r.status}`); return r.json(); })
      .then((topo) => ({
        land: unwrapAntimeridian(topojson.feature(topo, topo.objects.land)),
        borders: unwrapAntimeridian(topojson.mesh(topo, topo.objects.countries, (a, b) => a !== b)),
      }))
      .catch((err) => { worldPromise = null; throw err; });
  }
  return worldPromise;
}

/* Natural Earth cuts the land that crosses longitude 180 (Chukotka, Fiji); drawn as is, Leaflet
 * joins +180 to -180 with a line across the world.  Keep each ring continuous instead (190
 * rather than -170).  Rings that reach the South Pole (Antarctica) are closed along it: left as they are. */
function unwrapAntimeridian(geo) {
  const line = (coords) => {
    if (coords.some((c) => c[1] < -80)) return coords;
    let shift = 0;
    return coords.map((c, i) => {
      if (i > 0) {
        const d = c[0] - coords[i - 1][0];
        if (d > 180) shift -= 360; else if (d < -180) shift += 360;
      }
      return [c[0] + shift, c[1]];
    });
  };
  const geometry = (g) => {
    if (g.type === "Polygon" || g.type === "MultiLineString") return { ...g, coordinates: g.coordinates.map(line) };
    if (g.type === "MultiPolygon") return { ...g, coordinates: g.coordinates.map((poly) => poly.map(line)) };
    if (g.type === "LineString") return { ...g, coordinates: line(g.coordinates) };
    return g;
  };
  if (geo.type === "FeatureCollection") return { ...geo, features: geo.features.map((f) => ({ ...f, geometry: geometry(f.geometry) })) };
  if (geo.type === "Feature") return { ...geo, geometry: geometry(geo.geometry) };
  return geometry(geo);
}

const FitControl = () => L.Control.extend({
  options: { position: "topleft" },
  onAdd() {
    const box = L.DomUtil.create("div", "leaflet-bar map-tools");
    for (const [cls, label, title] of [["map-fit", "Fit events", "Zoom to the events' places"], ["map-world", "World", "Show the whole world"]]) {
      const b = L.DomUtil.create("button", cls, box);
      b.type = "button";
      b.title = title;
      b.textContent = label;
      L.DomEvent.on(b, "click", (e) => { L.DomEvent.stop(e); this.options.actions[cls](); });
    }
    L.DomEvent.disableClickPropagation(box);
    return box;
  },
});

function drawMap(box, events, world) {
  const located = events.filter((ev) => ev.location && ev.location.lat !== null && ev.location.lat !== undefined
    && ev.location.lon !== null && ev.location.lon !== undefined);
  const mapBox = el("div", { class: "map-box", role: "region", "aria-label": "Map of events" });
  box.append(mapBox, el("p", { class: "muted map-note" }, `${located.length} of ${events.length} events have a place; `
    + "each is drawn at its place's coordinates (a country's centre when only the country is known); "
    + "numbered circles group nearby events, click to zoom in."), legend(located));
  const map = L.map(mapBox, { preferCanvas: true, minZoom: 1, maxZoom: 13, zoomSnap: 0.25, worldCopyJump: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Land and borders: Natural Earth · Leaflet");
  L.geoJSON(world.land, { interactive: false,
    style: { stroke: true, color: "#7b8d96", weight: 0.8, fill: true, fillColor: "#e6ebdf", fillOpacity: 1 } }).addTo(map);
  L.geoJSON(world.borders, { interactive: false, style: { color: "#a3adb3", weight: 0.6, fill: false } }).addTo(map);
  const cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 36, spiderfyOnMaxZoom: true });
  const markers = [];
  for (const ev of located) {
    const dot = el("span", { class: "ev-dot", "data-event": ev.id, "data-type": ev.type,
      "data-lat": ev.location.lat, "data-lon": ev.location.lon, "data-precision": ev.location.precision || "" });
    dot.style.background = TYPE_COLORS[ev.type] || "#555555";
    const size = 12 + Math.min(8, Math.round(Math.sqrt(deaths(ev))));
    const marker = L.marker([ev.location.lat, ev.location.lon], {
      icon: L.divIcon({ className: "ev-marker", html: dot, iconSize: [size, size] }),
      title: `${ev.type}: ${whoText(ev)} @ ${ev.location.name || ev.location.text} (${ev.location.precision || "?"})`,
      keyboard: true,
    });
    marker.bindPopup(() => eventSummary(ev, true), { maxWidth: 320 });
    marker.ev = ev;
    markers.push(marker);
  }
  cluster.addLayers(markers);
  map.addLayer(cluster);
  const fit = () => {
    if (markers.length) map.fitBounds(cluster.getBounds().pad(0.15), { maxZoom: 7 });
    else map.fitWorld();
  };
  const world1 = () => map.setView([10, 40], 1);
  const Control = FitControl();
  map.addControl(new Control({ actions: { "map-fit": fit, "map-world": world1 } }));
  fit();
  views.map = map;
  views.markers = markers;
  views.cluster = cluster;
}

/* ------------------------------------------------------------------ actor graph (cytoscape.js + fCoSE) */

const SECTOR_COLORS = { MIL: "#7d6608", COP: "#1f618d", REB: "#922b21", GOV: "#1a5276", CVL: "#7b7d7d", IGO: "#117864",
  POL: "#6c3483" };

function nodeColor(n) {
  if (n.sector && SECTOR_COLORS[n.sector]) return SECTOR_COLORS[n.sector];
  return n.type === "GPE" ? "#2e86c1" : n.type === "PER" ? "#af7ac5" : "#5d6d7e";
}

let fcoseRegistered = false;

function drawGraph(box, graph) {
  if (!graph.nodes.length) { box.appendChild(el("p", { class: "muted" }, "No linked actors in these events.")); return; }
  if (!fcoseRegistered) { cytoscape.use(cytoscapeFcose); fcoseRegistered = true; }
  const keys = new Set(graph.nodes.map((n) => n.key));
  const edges = graph.edges.filter((e) => keys.has(e.source) && keys.has(e.target));
  const kinds = Array.from(new Set(edges.map((e) => (e.kind === "relation" ? "relation" : e.label))));
  const typeSel = el("select", { id: "g-type", "aria-label": "Link type" }, el("option", { value: "" }, "all links"),
    kinds.map((k) => el("option", { value: k }, k === "relation" ? "relations (member_of, …)" : k)));
  const degIn = el("input", { id: "g-degree", type: "number", min: 0, max: 50, value: edges.length ? 1 : 0, size: 3,
    "aria-label": "Minimum links per actor" });
  const status = el("span", { class: "muted", id: "g-status" });
  const cyBox = el("div", { class: "graph-box" });
  box.append(el("div", { class: "graph-tools" }, el("label", {}, "links ", typeSel),
    el("label", {}, "at least ", degIn, " link(s) per actor"), status), cyBox,
  el("div", { class: "legend" }, el("span", {}, "arrow: actor → target of an ASSAULT or COERCE (colour: type; width: count)"),
    el("span", {}, "dashed: relation stated in the text"), el("span", {}, "click an actor for its page")));
  const radius = (n) => 14 + Math.min(22, Math.sqrt(n.events) * 4);
  const cy = cytoscape({
    container: cyBox,
    elements: [
      ...graph.nodes.map((n) => ({ group: "nodes", data: { id: n.key, name: n.name || n.key, size: radius(n), color: nodeColor(n),
        events: n.events } })),
      ...edges.map((e, i) => ({ group: "edges", data: { id: `e${i}`, source: e.source, target: e.target,
        kind: e.kind === "relation" ? "relation" : e.label, label: e.kind === "relation" ? e.label : `${e.label} ×${e.count}`,
        width: 1.5 + Math.min(5, Math.log2(1 + e.count)), color: e.kind === "relation" ? "#5d7a7a" : (TYPE_COLORS[e.label] || "#555555") } })),
    ],
    style: [
      { selector: "node", style: { "background-color": "data(color)", width: "data(size)", height: "data(size)",
        label: "data(name)", "font-size": 13, color: "#1d2327", "text-valign": "bottom", "text-margin-y": 3,
        "text-wrap": "ellipsis", "text-max-width": "130px", "text-background-color": "#ffffff", "text-background-opacity": 0.75,
        "text-background-padding": "1px", "border-width": 1.5, "border-color": "#fff" } },
      { selector: "edge", style: { width: "data(width)", "line-color": "data(color)", "target-arrow-color": "data(color)",
        "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.8 } },
      { selector: "edge[kind = 'relation']", style: { "line-style": "dashed", label: "data(label)", "font-size": 9, color: "#456",
        "text-rotation": "autorotate", "text-background-color": "#ffffff", "text-background-opacity": 0.8 } },
      { selector: ".hidden", style: { display: "none" } },
      { selector: "node:selected", style: { "border-color": "#f0b429", "border-width": 3 } },
    ],
    minZoom: 0.2, maxZoom: 4, boxSelectionEnabled: false,
  });
  const apply = () => {
    const kind = typeSel.value;
    const min = Math.max(0, Number(degIn.value) || 0);
    cy.batch(() => {
      cy.elements().removeClass("hidden");
      if (kind) cy.edges().filter((e) => e.data("kind") !== kind).addClass("hidden");
      // drop actors with fewer links than asked until every actor shown has that many shown links
      for (let changed = true; changed;) {
        changed = false;
        const shown = cy.edges().not(".hidden").filter((e) => !e.source().hasClass("hidden") && !e.target().hasClass("hidden"));
        cy.nodes().not(".hidden").forEach((n) => {
          if (n.connectedEdges().intersection(shown).length < min) { n.addClass("hidden"); changed = true; }
        });
      }
    });
    const visible = cy.elements().not(".hidden").filter((e) => e.isNode() || !e.source().hasClass("hidden") && !e.target().hasClass("hidden"));
    const nodes = visible.nodes().length;
    status.textContent = `${nodes} of ${cy.nodes().length} actors`;
    cyBox.setAttribute("data-nodes", String(nodes));
    cyBox.setAttribute("data-kind", kind);
    if (!nodes) return;
    visible.layout({ name: "fcose", quality: "proof", randomize: true, animate: false, nodeDimensionsIncludeLabels: true,
      packComponents: true, nodeSeparation: 90, idealEdgeLength: () => 110, nodeRepulsion: () => 9000, padding: 20 }).run();
    cy.fit(visible, 20);
  };
  typeSel.addEventListener("change", apply);
  degIn.addEventListener("input", apply);
  cy.on("tap", "node", (e) => { window.location.hash = actorLink(e.target.id()); });
  cy.on("tap", "edge", (e) => {
    const d = e.target.data();
    status.textContent = `${cy.getElementById(d.source).data("name")} ${d.label} ${cy.getElementById(d.target).data("name")}`;
  });
  apply();
  views.graph = cy;
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
      showSelected("smooth");
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
  /* Bring the selected event's sentence (and its card) into view, and make it flash once. */
  const showSelected = (behavior) => {
    const card = side.querySelector(".ev-card.selected");
    if (card) card.scrollIntoView({ block: "nearest", behavior });
    const mark = textBox.querySelector(".ev-sel");
    if (!mark) return;
    mark.scrollIntoView({ block: "center", behavior });
    for (const part of textBox.querySelectorAll(".ev-sel")) part.classList.add("flash");
  };
  paint();
  if (current) showSelected("auto");
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
  const total = el("b", { id: "incident-count" }, "…");
  view.append(
    el("h1", {}, "Incidents"),
    el("p", { class: "summary" }, total, " incidents match. ",
      "One act reported by one or more articles (type, dates, place and actors agree). Filtered by type, country and dates. ",
      el("a", { href: "#/incidents?" + other.toString(), id: "incident-toggle" },
        several ? "show every incident" : "only those reported by several articles")),
    el("section", { class: "panel" }, box),
  );
  const counting = api("/api/incidents/count", filters).then((c) => { total.textContent = String(c.count); });
  await pagedTable(box, {
    path: "/api/incidents", filters, tableClass: "events incidents", row: incidentRow, noun: "incidents",
    headers: ["Date", "Type", "Actors", "Targets", "Where", "Reports", "Outlets", "Killed", "Hurt", "Sources"],
    empty: "No incident matches.",
  }).load(0);
  await counting;
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
    el("td", { class: "actors" }, (inc.actors || []).map((p) => el("div", {}, participant(p, "actor")))),
    el("td", { class: "targets" }, (inc.targets || []).map((p) => el("div", {}, participant(p, "target")))),
    el("td", {}, where),
    el("td", { class: "n-reports" }, String(inc.n_reports)),
    el("td", {}, inc.outlets.join("; ")),
    el("td", { class: "fatalities" }, figureText(inc.fatalities)),
    el("td", {}, figureText(inc.injuries)),
    el("td", {}, sources));
}

/* ------------------------------------------------------------------ crisis desk */

/* The stored watches (what each follows, its rules), the series of the chosen watch's dyad,
 * country or actor (incidents per day or week by type, with fatalities) with its alerts marked,
 * and the alerts with their figures, incidents and evidence sentences, each opening its article
 * at the event.  Watches are only read here: `peristiwa watch add` or POST /api/watches adds them. */

const ALERT_LIMIT = 500;
const PIN_LABELS = { count: "count", jump: "jump", "first-fatal": "fatal", "threat-to-watched": "threat" };

function deskLink(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return "#/desk" + (s ? "?" + s : "");
}

/* What a watch can chart: each dyad (both directions summed unless written A>B), country and actor. */
function watchSubjects(w) {
  const out = [];
  for (const d of w.dyads || []) {
    const directed = d.includes(">");
    const [a, b] = d.split(directed ? ">" : ":");
    out.push({ id: "dyad:" + d, text: directed ? `${a} → ${b}` : `${a} ↔ ${b} (both directions)`, param: { dyad: d } });
  }
  for (const c of w.countries || []) out.push({ id: "country:" + c, text: `in ${c}`, param: { country: c } });
  for (const a of w.actors || []) out.push({ id: "actor:" + a, text: `actor ${a}`, param: { actor: a } });
  return out;
}

function watchText(w) {
  const parts = [];
  if ((w.dyads || []).length) parts.push("dyad " + w.dyads.join(", "));
  if ((w.countries || []).length) parts.push("in " + w.countries.join(", "));
  if ((w.actors || []).length) parts.push("actor " + w.actors.join(", "));
  if ((w.types || []).length) parts.push("types " + w.types.join(", "));
  if (w.near) parts.push(`within ${w.near.km} km of ${w.near.place}`);
  if ((w.words || []).length) parts.push("words " + w.words.join(", "));
  return parts.join(" · ") || "every incident";
}

function ruleChip(rule) {
  return el("span", { class: "rule" }, rule);
}

function figureValue(v) {
  if (typeof v === "number" && !Number.isInteger(v)) return v.toFixed(2);
  if (v && typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/* The first day of the period holding `day` (a Monday for weeks), as the API's trends do. */
function periodStart(day, by) {
  const t = Date.parse(day);
  if (by !== "week") return t;
  return t - ((new Date(t).getUTCDay() + 6) % 7) * DAY;
}

function isoDay(t) {
  return new Date(t).toISOString().slice(0, 10);
}

async function renderDesk(view, params) {
  delete views.desk;  // the chart of this rendering, once drawn (the tests wait for it)
  const [watchList, alertList] = await Promise.all([api("/api/watches"), api("/api/alerts", { limit: ALERT_LIMIT })]);
  const watches = watchList.items;
  const alerts = alertList.items;
  const by = params.get("by") === "week" ? "week" : "day";
  const chosen = watches.find((w) => w.name === params.get("watch")) || watches[0] || null;
  view.append(el("h1", {}, "Crisis desk"),
    el("p", { class: "summary" }, `${watches.length} watch${watches.length === 1 ? "" : "es"}, `
      + `${alerts.length}${alerts.length >= ALERT_LIMIT ? "+" : ""} alert${alerts.length === 1 ? "" : "s"}. `
      + "Watches are added with “peristiwa watch add” or POST /api/watches; alerts are raised as articles are ingested."));
  if (!watches.length) {
    view.append(el("section", { class: "panel", id: "desk-watches" }, el("p", { class: "muted" }, "No watches yet.")),
      watchForm(true));
    return;
  }
  const watchRows = watches.map((w) => {
    const mine = alerts.filter((a) => a.watch === w.name);
    const last = mine.map((a) => a.day).sort().pop();
    return el("tr", { "data-watch": w.name, class: w.name === chosen.name ? "selected" : null },
      el("td", { class: "name" }, el("a", { href: deskLink({ watch: w.name, by }) }, w.name)),
      el("td", { class: "what" }, watchText(w)),
      el("td", { class: "rules" }, (w.rules || []).map(ruleChip)),
      el("td", { class: "n-alerts" }, String(mine.length)),
      el("td", {}, last || "—"));
  });
  const chartBox = el("div", { id: "desk-chart" });
  const alertBox = el("div", { id: "desk-alerts" });
  // the chosen watch's own alerts (all of them up to the limit, whatever the other watches raised)
  const mine = (await api("/api/alerts", { watch: chosen.name, limit: ALERT_LIMIT })).items;
  view.append(
    el("section", { class: "panel", id: "desk-watches" }, el("h2", {}, "Watches"),
      el("table", { class: "events watches" },
        el("thead", {}, el("tr", {}, ["Name", "Watches", "Rules", "Alerts", "Last alert"].map((h) => el("th", {}, h)))),
        el("tbody", {}, watchRows))),
    watchForm(false),
    el("section", { class: "panel" }, el("h2", {}, `Series: ${chosen.name}`), chartBox),
    el("section", { class: "panel" }, el("h2", {}, `Alerts of ${chosen.name} (${mine.length})`), alertBox));
  for (const a of mine) alertBox.appendChild(alertCard(a));
  if (!mine.length) alertBox.appendChild(el("p", { class: "muted" }, "No alert for this watch yet."));
  views.deskAlerts = mine;
  await deskSeries(chartBox, chosen, mine, by, params.get("series"));
}

/* The server's write token, kept in this page's memory only (never stored) once a watch was added with it. */
let writeToken = "";

/* Add a watch (POST /api/watches with the write token): comma-separated lists, as `peristiwa watch add`. */
function watchForm(open) {
  const field = (name, label, hint) => el("label", {}, label, el("input", { name, placeholder: hint, maxlength: 500 }));
  const token = el("input", { name: "token", type: "password", autocomplete: "off", placeholder: "bearer token", maxlength: 500 });
  token.value = writeToken;
  const status = el("div", { class: "watch-status" });
  const form = el("form", { id: "watch-form", class: "watch-form", autocomplete: "off" },
    field("name", "name", "iran-us"), field("dyads", "dyads", "USA:IRN, ISR>IRN"), field("countries", "countries", "IRN, IRQ"),
    field("actors", "actors", "Hamas"), field("types", "types", "ASSAULT, THREATEN"), field("words", "words", "WNI"),
    field("rules", "rules", "count:3/7d, jump:z>=3/28d, first-fatal, threat-to-watched"),
    el("label", {}, "token", token), el("button", { type: "submit" }, "Add the watch"), status);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const list = (k) => String(data.get(k) || "").split(",").map((x) => x.trim()).filter(Boolean);
    const body = { name: String(data.get("name") || "").trim() };
    for (const k of ["dyads", "countries", "actors", "types", "words", "rules"]) body[k] = list(k);
    clear(status);
    try {
      const response = await fetch("/api/watches", { method: "POST", body: JSON.stringify(body),
        headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: "Bearer " + token.value } });
      const answer = await response.json().catch(() => null);
      if (!response.ok) throw new Error(`${response.status}: ${answer && answer.detail ? answer.detail : response.statusText}`);
      writeToken = token.value;
      window.location.hash = deskLink({ watch: answer.name });
    } catch (err) { status.appendChild(errorBox(err.message)); }
  });
  const box = el("details", { class: "panel", id: "desk-add", open: open ? "open" : null },
    el("summary", {}, "Add a watch (needs the server's write token)"), form);
  return box;
}

async function deskSeries(box, watch, alerts, by, wanted) {
  const subjects = watchSubjects(watch);
  if (!subjects.length) {
    box.appendChild(el("p", { class: "muted" }, "This watch follows no country, actor or dyad: there is no series to draw."));
    return;
  }
  const subject = subjects.find((s) => s.id === wanted) || subjects[0];
  const pick = el("select", { id: "desk-series", "aria-label": "Series" },
    subjects.map((s) => el("option", { value: s.id, selected: s.id === subject.id ? "selected" : null }, s.text)));
  pick.addEventListener("change", () => { window.location.hash = deskLink({ watch: watch.name, by, series: pick.value }); });
  const step = (b) => (b === by ? el("b", { class: `desk-by-${b}` }, `by ${b}`)
    : el("a", { class: `desk-by-${b}`, href: deskLink({ watch: watch.name, by: b, series: subject.id }) }, `by ${b}`));
  box.appendChild(el("div", { class: "graph-tools desk-tools" }, el("label", {}, "series ", pick), step("day"), step("week"),
    (watch.types || []).length ? el("span", { class: "muted" }, "types " + watch.types.join(", ")) : null));
  const trend = await api("/api/trends", { ...subject.param, by, split: "type", type: watch.types || [] });
  drawDeskChart(box, trend.rows, alerts, by);
}

function drawDeskChart(box, rows, alerts, by) {
  const step = by === "week" ? 7 * DAY : DAY;
  const times = rows.map((r) => Date.parse(r.period)).concat(alerts.map((a) => periodStart(a.day, by)));
  if (!times.length) { box.appendChild(el("p", { class: "muted" }, "No incident in this series yet.")); return; }
  const lo = Math.min(...times) - step, hi = Math.max(...times) + step;
  if ((hi - lo) / step > 5000) {
    box.appendChild(el("p", { class: "muted" }, "Too many days to draw: choose by week."));
    return;
  }
  const periods = [];
  for (let t = lo; t <= hi; t += step) periods.push(isoDay(t));
  const at = new Map(periods.map((p, i) => [p, i]));
  const types = TYPES.filter((t) => rows.some((r) => r.type === t));
  const counts = new Map(types.map((t) => [t, periods.map(() => 0)]));
  const total = periods.map(() => 0), killed = periods.map(() => 0);
  for (const r of rows) {
    const i = at.get(r.period);
    if (i === undefined) continue;
    if (counts.has(r.type)) counts.get(r.type)[i] += r.incidents;
    total[i] += r.incidents;
    killed[i] += r.fatalities;
  }
  const chartBox = el("div", { class: "desk-chart" });
  box.append(chartBox, el("p", { class: "legend" }, `Incidents per ${by} by type (bars, left axis), people killed (line, right axis); `
    + `pins and dashed lines: the alerts, on the ${by === "week" ? "week of the day" : "day"} they are dated to (click a pin for the alert). `
    + "A dyad written A:B counts both directions."));
  // One pin per alert on its period's bar; pins that would touch (same or nearby periods) are raised a level.
  const near = Math.ceil(40 / Math.max(1, (chartBox.clientWidth - 100) / periods.length));
  const placed = [];
  const pins = alerts.map((a) => ({ a, p: isoDay(periodStart(a.day, by)) })).sort((x, y) => (x.p < y.p ? -1 : x.p > y.p ? 1 : 0))
    .map(({ a, p }) => {
      const i = at.get(p);
      let level = 0;
      while (placed.some((q) => q.level === level && Math.abs(q.i - i) < near)) level += 1;
      placed.push({ i, level });
      const top = Math.max(0, ...total.slice(Math.max(0, i - near + 1), i + near));
      return { name: a.rule, coord: [p, top], value: PIN_LABELS[a.rule.split(":")[0]] || a.rule, alert: a.id,
        level, symbolOffset: [0, `${-50 - 100 * level}%`] };
    });
  const levels = 1 + Math.max(0, ...pins.map((p) => p.level));
  const lines = Array.from(new Set(pins.map((p) => p.coord[0]))).map((p) => ({ xAxis: p, name: p }));
  const chart = echarts.init(chartBox, null, { renderer: "canvas" });
  chart.setOption({
    animation: false,
    grid: { left: 48, right: 52, top: 64, bottom: 64 },
    legend: { top: 0, type: "scroll", data: [...types, "killed", { name: "alerts", icon: "pin" }] },
    tooltip: { trigger: "axis", confine: true, axisPointer: { type: "shadow" }, formatter: (ps) => deskTooltip(ps, alerts, by) },
    xAxis: { type: "category", data: periods, axisLabel: { hideOverlap: true } },
    // headroom above the tallest bar for the pins (stacked when several alerts share a period)
    yAxis: [{ type: "value", name: "incidents", minInterval: 1,
      max: (v) => niceCeil(v.max * (1.2 + 0.3 * levels)) },
      { type: "value", name: "killed", minInterval: 1, splitLine: { show: false } }],
    dataZoom: [{ type: "slider", height: 20, bottom: 8 }, { type: "inside" }],
    series: [
      ...types.map((t) => ({ name: t, type: "bar", stack: "incidents", color: TYPE_COLORS[t], data: counts.get(t), barMaxWidth: 28 })),
      { name: "killed", type: "line", yAxisIndex: 1, data: killed, color: "#627d98", symbol: "circle",
        symbolSize: (v) => (v > 0 ? 7 : 0), lineStyle: { width: 2 } },
      { name: "alerts", type: "line", data: [], color: "#102a43",
        markLine: { symbol: "none", silent: true, data: lines, label: { show: false },
          lineStyle: { type: "dashed", color: "#102a43", width: 1 } },
        markPoint: { symbol: "pin", symbolSize: 50, data: pins, label: { color: "#fff", fontSize: 10, fontWeight: 600 },
          itemStyle: { color: "#102a43" } } },
    ],
  });
  chart.on("click", (p) => {
    if (p.componentType !== "markPoint" || !p.data || p.data.alert === undefined) return;
    focusAlert(p.data.alert);
  });
  views.desk = chart;
}

/* A round whole number at or above x (1, 2, 5 or 10 times a power of ten, halves above 10) for an axis' top. */
function niceCeil(x) {
  if (!(x > 1)) return 1;
  const mag = 10 ** Math.floor(Math.log10(x));
  const unit = Math.max(1, mag >= 10 ? mag / 2 : mag / 5);
  return Math.ceil(x / unit) * unit;
}

function deskTooltip(ps, alerts, by) {
  const items = Array.isArray(ps) ? ps : [ps];
  if (!items.length) return "";
  const period = items[0].axisValue;
  const box = el("div", { class: "ev-summary" }, el("div", { class: "who" }, by === "week" ? `week of ${period}` : period));
  for (const p of items) {
    if (p.seriesName === "alerts" || !p.value) continue;
    box.appendChild(el("div", {}, p.seriesName === "killed" ? `killed: ${p.value}` : [tag(p.seriesName), ` ${p.value}`]));
  }
  for (const a of alerts.filter((x) => isoDay(periodStart(x.day, by)) === period)) {
    box.appendChild(el("div", { class: "muted" }, `alert ${a.rule} (${a.day})`));
  }
  return box;
}

function focusAlert(id) {
  const card = document.getElementById("alert-" + id);
  if (!card) return;
  for (const c of document.querySelectorAll(".alert-card.focus")) c.classList.remove("focus");
  card.classList.add("focus");
  card.scrollIntoView({ block: "center", behavior: "smooth" });
}

function alertCard(a) {
  const figures = Object.entries(a.figures || {});
  const card = el("article", { class: "alert-card", id: "alert-" + a.id, "data-alert": a.id, "data-rule": a.rule },
    el("div", { class: "alert-head" }, el("b", {}, a.day), " ", ruleChip(a.rule), " ", el("span", { class: "alert-title" }, a.title || ""),
      el("span", { class: "muted" }, ` · raised ${(a.raised_at || "").replace("T", " ").slice(0, 16)}`)),
    figures.length ? el("dl", { class: "kv figures" }, figures.flatMap(([k, v]) => [el("dt", {}, k.replace(/_/g, " ")), el("dd", {}, figureValue(v))])) : null,
    el("ul", { class: "plain alert-incidents" }, (a.incidents || []).map(alertIncident)));
  return card;
}

function alertIncident(inc) {
  const d = inc.date;
  const when = d ? (d.end && d.end !== d.start ? `${d.start}..${d.end}` : d.start) : "date ?";
  return el("li", { "data-incident": inc.id || "" },
    el("div", {}, tag(inc.type), inc.mode ? ` ${inc.mode} ` : " ", el("span", { class: "muted" }, when),
      inc.place ? ` @ ${inc.place}` : "", inc.country ? ` (${inc.country})` : "",
      inc.fatalities ? el("span", { class: "killed" }, ` · killed ${inc.fatalities}`) : null,
      inc.n_reports > 1 ? el("span", { class: "muted" }, ` · ${inc.n_reports} reports`) : null),
    (inc.actors || []).length || (inc.targets || []).length ? el("div", { class: "who" },
      (inc.actors || []).map((n) => el("span", { class: "chip actor" }, n)), (inc.targets || []).length ? " → " : "",
      (inc.targets || []).map((n) => el("span", { class: "chip target" }, n))) : null,
    el("ul", { class: "plain evidence" }, (inc.evidence || []).map((e) => el("li", {},
      el("span", { class: "quote" }, e.text || ""), " ",
      e.document ? el("a", { class: "open-article", href: docLink(e.document, e.event_id) }, e.outlet || e.doc_id || "article")
        : el("span", { class: "muted" }, e.outlet || e.doc_id || ""),
      e.published ? el("span", { class: "muted" }, ` · ${e.published.slice(0, 10)}`) : null))));
}

/* ------------------------------------------------------------------ start */

/* The header counts what the pages list under their default filters: the search page's events
 * are current ones (background events of earlier years only with "historical"), the incidents
 * page lists every incident. */
async function showStats() {
  const [s, current] = await Promise.all([api("/api/stats"), api("/api/events/count", { historical: "false" })]);
  const historical = s.events - current.count;
  clear(document.getElementById("stats")).append(
    el("span", { id: "stat-documents" }, `${s.documents} documents`), " · ",
    el("a", { href: "#/", id: "stat-events" }, `${current.count} events`),
    historical > 0 ? el("span", { class: "stat-hist", title: "background events of earlier years, shown with “historical”" },
      ` (+${historical} historical)`) : "", " · ",
    el("a", { href: "#/incidents", id: "stat-incidents" }, `${s.incidents} incidents`), " · ",
    el("span", { id: "stat-actors" }, `${s.actors} actors`));
}

async function start() {
  const select = document.getElementById("f-type");
  for (const t of TYPES) select.appendChild(el("option", { value: t }, t));
  document.getElementById("search").addEventListener("submit", onSearch);
  window.addEventListener("hashchange", route);
  try {
    await showStats();
  } catch (err) {
    document.getElementById("stats").textContent = err.message;
  }
  await route();
}

document.addEventListener("DOMContentLoaded", start);
