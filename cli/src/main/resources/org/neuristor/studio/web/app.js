// Neuristor Studio: pages over the studio's JSON API (see StudioServer). No framework; uPlot draws.
'use strict';

const TOKEN = new URLSearchParams(location.search).get('token') || '';
/**
 * This page's own name for its slots: a run cancels the previous run of the same view in this tab only,
 * never the run of the same view in another tab (or another browser on the same studio).
 */
const PAGE_ID = Array.from(crypto.getRandomValues(new Uint8Array(8)), b => b.toString(16).padStart(2, '0')).join('');
/** Every view, so that leaving the page (reload, close) can cancel their runs. */
const VIEWS = [];
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

// ---------------------------------------------------------------------------------------------
// numbers

const PREFIXES = [[1e12, 't'], [1e9, 'g'], [1e6, 'meg'], [1e3, 'k'], [1, ''], [1e-3, 'm'], [1e-6, 'u'],
  [1e-9, 'n'], [1e-12, 'p'], [1e-15, 'f']];

/** A number in SPICE notation (1.5n, 20k, 1meg): what the CLI accepts back. */
function spice(v, digits = 4) {
  if (v == null || !isFinite(v)) return '';
  if (v === 0) return '0';
  const a = Math.abs(v);
  for (const [m, s] of PREFIXES) {
    if (a >= m * 0.99999999) return String(+(v / m).toPrecision(digits)) + s;
  }
  return v.toPrecision(digits);
}

/** A number for tables: 6 significant digits. */
function show(v) {
  if (v == null) return '—';
  if (typeof v === 'number') return isFinite(v) ? String(+v.toPrecision(6)) : '—';
  if (Array.isArray(v)) {
    const head = v.slice(0, 8).map(show).join(', ');
    return '[' + head + (v.length > 8 ? ', … (' + v.length + ')' : '') + ']';
  }
  if (typeof v === 'object') return Object.entries(v).map(([k, x]) => k + ' ' + show(x)).join(', ');
  return String(v);
}

function axisValues(u, vals) { return vals.map(v => spice(v, 3)); }

// ---------------------------------------------------------------------------------------------
// API

async function api(path, body) {
  const opts = { headers: { 'X-Neuristor-Token': TOKEN } };
  if (body !== undefined) {
    opts.method = 'POST';
    opts.headers['Content-Type'] = 'application/json';
    opts.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const r = await fetch(path, opts);
  let j;
  try { j = await r.json(); } catch (e) { j = { error: 'error: HTTP ' + r.status }; }
  if (!r.ok && r.status !== 202) throw new Error(j.error || ('error: HTTP ' + r.status));
  return j;
}

// ---------------------------------------------------------------------------------------------
// a view: one result area with its toolbar, plots, values, command and netlist

class View {
  constructor(id, slot) {
    this.el = document.getElementById(id);
    this.slot = PAGE_ID + ':' + slot;
    this.seq = 0;         // runs started
    this.rendered = 0;    // results shown
    this.charts = [];
    this.job = null;
    this.changed = false; // a field this view's result depends on changed since its run started
    VIEWS.push(this);
  }

  /**
   * A field this view's result depends on changed, and the view does not run again by itself (a pulse response, a
   * Monte Carlo, a protocol): what it shows, or will show when its running job ends, is for the old values.
   */
  outdated() {
    this.changed = true;
    this.markStale();
  }

  /** Starts a run; a newer run in the same view supersedes it (the server cancels the older one). */
  async run(kind, body, startedAt) {
    const seq = ++this.seq;
    this.changed = false;
    this.kind = kind;
    const t0 = startedAt || performance.now();
    this.job = null;
    delete this.el.dataset.job;
    this.busy(true, 0);
    let job;
    try {
      // a short run answers at once (no second request); a longer one is polled for its progress
      job = await api('api/run/' + kind + '?wait=400', Object.assign({ slot: this.slot }, body));
    } catch (e) {
      if (seq === this.seq) { this.busy(false); this.error(e.message); }
      return;
    }
    if (seq !== this.seq) {
      // cancelled or superseded while the request was on its way: make sure this run stops too
      if (job.state === 'queued' || job.state === 'running') api('api/job/' + job.id + '/cancel', {}).catch(() => {});
      return;
    }
    this.job = job.id;
    this.el.dataset.job = job.id;
    while (job.state === 'queued' || job.state === 'running') {
      if (seq !== this.seq) return;
      this.busy(true, job.progress, job.stage, job.remaining_s);
      try {
        job = await api('api/job/' + job.id + '?wait=400');
      } catch (e) {
        if (seq === this.seq) { this.busy(false); this.error(e.message); }
        return;
      }
    }
    if (seq !== this.seq) return;
    this.job = null;
    this.busy(false);
    const clientMs = performance.now() - t0;
    this.el.dataset.serverMs = job.server_ms.toFixed(1);
    this.el.dataset.runMs = job.run_ms.toFixed(1);
    this.el.dataset.cpuMs = job.cpu_ms == null ? '' : job.cpu_ms.toFixed(1);
    this.el.dataset.clientMs = clientMs.toFixed(1);
    if (job.state === 'done') {
      this.render(job.view, job.id, job.server_ms, clientMs);
    } else if (job.state === 'failed') {
      this.error(job.error);
    } else {
      this.error('cancelled');
    }
    this.el.dataset.state = job.state;
    this.el.dataset.done = String(++this.rendered);
  }

  /** Leaving the page: stops this view's run on the server (the request outlives the page). */
  abandon() {
    if (!this.job) return;
    fetch('api/job/' + this.job + '/cancel', { method: 'POST', keepalive: true,
      headers: { 'X-Neuristor-Token': TOKEN, 'Content-Type': 'application/json' }, body: '{}' }).catch(() => {});
    this.job = null;
  }

  cancel() {
    if (this.job) api('api/job/' + this.job + '/cancel', {}).catch(() => {});
    this.seq++;
    this.busy(false);
    this.error('cancelled');
  }

  /** The progress bar: percentage, what the job is doing (e.g. "device 7 of 50") and the time left, when known. */
  busy(on, progress, stage, remaining) {
    let b = this.el.querySelector('.busy');
    if (!on) { if (b) b.hidden = true; this.el.dataset.state = this.el.dataset.state === 'running' ? 'idle' : (this.el.dataset.state || 'idle'); return; }
    this.el.dataset.state = 'running';
    if (!b) {
      b = document.createElement('div');
      b.className = 'busy';
      b.innerHTML = '<progress max="1"></progress><span class="progress-text"></span>';
      const c = document.createElement('button');
      c.textContent = 'cancel';
      c.className = 'cancel';
      c.onclick = () => this.cancel();
      b.appendChild(c);
      this.el.prepend(b);
    }
    b.hidden = false;
    b.querySelector('progress').value = progress || 0;
    const parts = [progress > 0 ? Math.floor(100 * progress) + '%' : 'running…'];
    if (stage) parts.push(stage);
    if (remaining != null) parts.push('about ' + (remaining < 90 ? Math.ceil(remaining) + ' s' : Math.round(remaining / 60) + ' min') + ' left');
    b.querySelector('.progress-text').textContent = parts.join(' · ');
  }

  error(msg) {
    let e = this.el.querySelector('.error');
    if (!e) {
      e = document.createElement('div');
      e.className = 'error';
      e.setAttribute('role', 'alert');
      this.el.prepend(e);
    }
    e.textContent = msg;
    e.hidden = false;
    // what stays below is the last good result, not the fields' values: say so and grey it out
    this.markStale();
  }

  /** Greys out the result shown (if any) under the note that it is not for the values now in the fields. */
  markStale() {
    if (!this.el.querySelector('h2')) return;
    this.el.classList.add('stale');
    if (!this.el.querySelector('.stale-note')) {
      const n = document.createElement('div');
      n.className = 'stale-note';
      n.textContent = 'below: the last result that ran, not the values now in the fields';
      const e = this.el.querySelector('.error:not([hidden])');
      if (e) e.after(n); else this.el.querySelector('h2').before(n);
    }
  }

  render(v, jobId, serverMs, clientMs) {
    this.shown = v;
    for (const c of this.charts) c.destroy();
    this.charts = [];
    this.el.replaceChildren();
    this.el.classList.remove('stale');
    const h = document.createElement('h2');
    h.textContent = v.title;
    this.el.appendChild(h);

    const bar = document.createElement('div');
    bar.className = 'toolbar';
    // a results folder without a CSV file has nothing to download (the link used to fetch an error)
    const csv = document.createElement('a');
    csv.className = 'button download-csv';
    csv.textContent = 'download CSV';
    csv.href = 'api/job/' + jobId + '/csv';
    if (v.csvName) csv.setAttribute('download', v.csvName); else csv.hidden = true;
    const copy = document.createElement('button');
    copy.className = 'copy-command';
    copy.textContent = 'copy the CLI command';
    const showNet = document.createElement('button');
    showNet.className = 'show-netlist';
    showNet.textContent = 'show ' + v.netlistLabel;
    const timing = document.createElement('span');
    timing.className = 'timing';
    timing.textContent = 'server ' + serverMs.toFixed(0) + ' ms, page ' + clientMs.toFixed(0) + ' ms';
    bar.append(csv, copy, showNet, timing);
    this.el.appendChild(bar);

    const cmd = document.createElement('code');
    cmd.className = 'command';
    cmd.textContent = v.command;
    this.el.appendChild(cmd);
    copy.onclick = () => copyText(v.command, copy);

    const net = document.createElement('pre');
    net.className = 'netlist';
    net.textContent = v.netlist;
    net.hidden = true;
    showNet.onclick = () => { net.hidden = !net.hidden; showNet.textContent = (net.hidden ? 'show ' : 'hide ') + v.netlistLabel; };

    const width = Math.max(300, this.el.clientWidth - 30);
    for (const p of v.panels) this.panel(p, width, v.panels.length === 1 ? 300 : 170);

    const t = document.createElement('table');
    t.className = 'values';
    for (const [k, x] of Object.entries(v.values)) {
      const tr = t.insertRow();
      tr.insertCell().textContent = k;
      const td = tr.insertCell();
      td.textContent = show(x);
      td.dataset.key = k;
      if (typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean') td.dataset.value = String(x);
    }
    this.el.appendChild(t);
    if (v.images && v.images.length) {
      const d = document.createElement('div');
      d.className = 'images';
      for (const i of v.images) {
        const img = document.createElement('img');
        img.src = 'api/file?path=' + encodeURIComponent(i);
        img.alt = i;
        d.appendChild(img);
      }
      this.el.appendChild(d);
    }
    this.el.appendChild(net);
    if (this.changed) this.markStale();
  }

  panel(p, width, height) {
    const box = document.createElement('div');
    box.className = 'panel';
    box.dataset.panel = p.label;
    this.el.appendChild(box);
    // a panel without a y label (a results folder's CSV files) is named by its label (the file name) above it
    if (!p.yLabel && p.label) {
      const name = document.createElement('div');
      name.className = 'label';
      name.textContent = p.label;
      box.appendChild(name);
    }
    if (p.kind === 'heatmap') { heatmap(box, p, width); return; }
    const tables = [];
    const owner = [];
    p.series.forEach((s, k) => {
      for (const run of monotonic(s.x, s.y, p.logX, p.logY)) { tables.push(run); owner.push(k); }
    });
    if (!tables.length) { box.textContent = p.label + ': no data'; return; }
    const data = tables.length === 1 ? tables[0] : uPlot.join(tables);
    const bars = p.kind === 'bars';
    const xs = data[0];
    const xRange = bars && xs.length > 1 ? [xs[0], xs[xs.length - 1] + (xs[1] - xs[0])] : null;
    const series = [{}];
    owner.forEach((k, i) => series.push({
      label: owner.indexOf(k) === i ? p.series[k].name : '',
      stroke: COLORS[k % COLORS.length],
      fill: bars ? COLORS[k % COLORS.length] + '88' : undefined,
      width: 1.5,
      spanGaps: p.kind !== 'line' || tables.length > 1,
      points: { show: p.kind === 'points', size: 5 },
      paths: bars ? uPlot.paths.bars({ size: [0.95, Infinity], align: 1 }) : undefined,
    }));
    const markers = p.markers || [];
    const opts = {
      width, height,
      title: undefined,
      legend: { show: p.series.length > 1 },
      cursor: { sync: { key: this.slot } },
      scales: { x: xRange ? { time: false, range: () => xRange }
        : { time: false, distr: p.logX ? 3 : 1, range: p.logX ? logRange : undefined },
        y: { distr: p.logY ? 3 : 1, range: p.logY ? logRange : undefined } },
      axes: [
        { label: p.xLabel, values: axisValues, size: 40, labelSize: 18, splits: p.logX ? logSplits : undefined },
        { label: p.yLabel || (p.series.length === 1 ? p.series[0].name : ''), values: axisValues, size: 60, labelSize: 18,
          splits: p.logY ? logSplits : undefined },
      ],
      series,
      hooks: { draw: [u => drawMarkers(u, markers)] },
    };
    this.charts.push(new uPlot(opts, data, box));
  }
}

/**
 * The range of a log axis: the decades around the data. uPlot 1.6.30's own rounds through the same table of decimals
 * (see logSplits) and gives a minimum of 0 below 1e-16: nothing is drawn on a log axis from 0.
 */
function logRange(u, min, max) {
  if (!(min > 0) || !(max >= min) || !isFinite(max)) return [min, max];
  let lo = Math.floor(Math.log10(min)), hi = Math.ceil(Math.log10(max));
  if (hi === lo) { lo--; hi++; }
  return [+('1e' + lo), +('1e' + hi)];
}

/**
 * The grid of a log axis: 1 to 9 times each power of ten in the range, as uPlot's own, but each value written as
 * an exact decimal. uPlot 1.6.30's own (logAxisSplits) rounds through a table of decimals that ends at 1e-16 and,
 * below it, never reaches the next value: it loops until the array overflows ("RangeError: Invalid array length")
 * and the plot stays blank. The I-V of a 1 GOhm OFF state (ts:ag, the diffusive devices: |i| down to 3e-16 A)
 * was not drawn at all. uPlot fixed it in 1.6.31, which is not served as a WebJar here.
 */
function logSplits(u, axisIdx, min, max) {
  const out = [];
  if (!(min > 0) || !(max >= min) || !isFinite(max)) return out;
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    for (let m = 1; m <= 9; m++) {
      const v = +(m + 'e' + e);
      if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) out.push(v);
    }
  }
  return out;
}

/** Splits a series into runs of rising x (falling runs reversed), as uPlot needs sorted x. */
function monotonic(x, y, logX, logY) {
  const ok = i => y[i] != null && (!logX || x[i] > 0) && (!logY || y[i] > 0);
  const runs = [];
  let cur = null;
  let dir = 0;
  for (let i = 0; i < x.length; i++) {
    const yi = ok(i) ? y[i] : null;
    if (cur && cur[0].length) {
      const d = Math.sign(x[i] - cur[0][cur[0].length - 1]);
      if (d !== 0 && dir !== 0 && d !== dir) { runs.push([cur, dir]); cur = [[cur[0][cur[0].length - 1]], [cur[1][cur[1].length - 1]]]; dir = 0; }
      if (d !== 0 && dir === 0) dir = d;
      if (d === 0) continue;
    }
    if (!cur) cur = [[], []];
    cur[0].push(x[i]);
    cur[1].push(yi);
  }
  if (cur && cur[0].length) runs.push([cur, dir]);
  return runs.map(([r, d]) => d < 0 ? [r[0].slice().reverse(), r[1].slice().reverse()] : r);
}

function drawMarkers(u, markers) {
  const ctx = u.ctx;
  ctx.save();
  ctx.strokeStyle = '#888';
  ctx.fillStyle = '#444';
  ctx.setLineDash([4, 4]);
  ctx.font = (11 * devicePixelRatio) + 'px sans-serif';
  for (const m of markers) {
    const x = u.valToPos(m.x, 'x', true);
    ctx.beginPath();
    ctx.moveTo(x, u.bbox.top);
    ctx.lineTo(x, u.bbox.top + u.bbox.height);
    ctx.stroke();
    ctx.fillText(m.label + ' ' + spice(m.x, 4) + 'V', x + 3, u.bbox.top + 12 * devicePixelRatio);
  }
  ctx.restore();
}

/** A heat map of p.heat (z[j][i] at x[i], y[j]) with a colour bar. */
function heatmap(box, p, width) {
  const h = p.heat;
  const c = document.createElement('canvas');
  c.className = 'heat';
  const W = Math.min(width, 640), H = 360, L = 70, B = 40, R = 90, T = 20;
  c.width = W; c.height = H;
  box.appendChild(c);
  const g = c.getContext('2d');
  let lo = Infinity, hi = -Infinity;
  for (const row of h.z) for (const v of row) if (v != null && isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  const cw = (W - L - R) / h.x.length, ch = (H - T - B) / h.y.length;
  for (let j = 0; j < h.y.length; j++) {
    for (let i = 0; i < h.x.length; i++) {
      const v = h.z[j][i];
      g.fillStyle = v == null || !isFinite(v) ? '#eee' : viridis(hi > lo ? (v - lo) / (hi - lo) : 0.5);
      g.fillRect(L + i * cw, H - B - (j + 1) * ch, Math.ceil(cw), Math.ceil(ch));
    }
  }
  g.fillStyle = '#222';
  g.font = '11px sans-serif';
  const step = n => Math.max(1, Math.ceil(n / 8));
  // each value under the middle of its cell (the cell is the grid point, not the interval from it)
  g.textAlign = 'center';
  for (let i = 0; i < h.x.length; i += step(h.x.length)) g.fillText(spice(h.x[i], 3), L + (i + 0.5) * cw, H - B + 14);
  g.textAlign = 'start';
  for (let j = 0; j < h.y.length; j += step(h.y.length)) g.fillText(spice(h.y[j], 3), 4, H - B - j * ch - ch / 2 + 4);
  g.fillText(p.xLabel, L + (W - L - R) / 2 - 20, H - 6);
  g.save(); g.translate(12, T + (H - T - B) / 2 + 30); g.rotate(-Math.PI / 2); g.fillText(p.yLabel, 0, 0); g.restore();
  for (let k = 0; k < 100; k++) {
    g.fillStyle = viridis(k / 99);
    g.fillRect(W - R + 20, H - B - (k + 1) * (H - T - B) / 100, 16, Math.ceil((H - T - B) / 100));
  }
  g.fillStyle = '#222';
  g.fillText(spice(hi, 3), W - R + 40, T + 8);
  g.fillText(spice(lo, 3), W - R + 40, H - B);
  g.fillText(h.zLabel, W - R + 16, T - 6);
}

function viridis(t) {
  const stops = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
  const x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x)), f = x - i;
  const c = stops[i].map((a, k) => Math.round(a + f * (stops[i + 1][k] - a)));
  return 'rgb(' + c.join(',') + ')';
}

function copyText(text, button) {
  const done = () => { const t = button.textContent; button.textContent = 'copied'; setTimeout(() => { button.textContent = t; }, 1200); };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, () => fallbackCopy(text, done));
  } else {
    fallbackCopy(text, done);
  }
}

function fallbackCopy(text, done) {
  const ta = document.createElement('textarea');
  ta.value = text;
  document.body.appendChild(ta);
  ta.select();
  try { document.execCommand('copy'); } catch (e) { /* the command stays visible below the toolbar */ }
  ta.remove();
  done();
}

// ---------------------------------------------------------------------------------------------
// parameter controls: a log slider around the default plus an exact text field

/**
 * A parameter row. onChange(startedAt) is called on every slider move and on Enter/blur in the field.
 * opts: {min, max, log, unit, title}
 */
function paramRow(container, name, value, onChangeOrNull, opts = {}) {
  const onChange = onChangeOrNull || (() => {});
  const row = document.createElement('div');
  row.className = 'param';
  row.dataset.param = name;
  const label = document.createElement('span');
  label.textContent = name;
  label.title = (opts.title || name) + (opts.unit ? ' (' + opts.unit + ')' : '');
  const text = document.createElement('input');
  text.type = 'text';
  text.value = value;
  text.name = name;
  const num = parseSpice(value);
  const slider = document.createElement('input');
  slider.type = 'range';
  slider.min = 0; slider.max = 1000; slider.step = 1;
  let lo = opts.min, hi = opts.max;
  const log = opts.log !== undefined ? opts.log : (num > 0);
  if (isFinite(num)) {
    if (!(lo !== undefined && isFinite(lo)) || (log && !(lo > 0))) lo = log ? num / 10 : (num === 0 ? -1 : num - 2 * Math.abs(num));
    if (!(hi !== undefined && isFinite(hi))) hi = log ? num * 10 : (num === 0 ? 1 : num + 2 * Math.abs(num));
    if (log) { lo = Math.max(lo, num / 100); hi = Math.min(hi, num * 100); }
  }
  const toPos = v => log ? 1000 * Math.log(v / lo) / Math.log(hi / lo) : 1000 * (v - lo) / (hi - lo);
  const fromPos = p => log ? lo * Math.pow(hi / lo, p / 1000) : lo + (hi - lo) * p / 1000;
  if (isFinite(num) && hi > lo) {
    slider.value = Math.round(toPos(num));
    slider.addEventListener('input', () => {
      text.value = spice(fromPos(+slider.value));
      onChange(performance.now());
    });
  } else {
    slider.disabled = true;
  }
  text.addEventListener('keydown', e => { if (e.key === 'Enter') { text.blur(); } });
  text.addEventListener('change', () => {
    const v = parseSpice(text.value);
    if (isFinite(v) && hi > lo) slider.value = Math.round(toPos(Math.min(hi, Math.max(lo, v))));
    onChange(performance.now());
  });
  row.append(label, slider, text);
  container.appendChild(row);
  return text;
}

/** A plain text field row (lists, specs). */
function fieldRow(container, name, value, onChange) {
  const row = document.createElement('div');
  row.className = 'param wide';
  row.dataset.param = name;
  const label = document.createElement('span');
  label.textContent = name;
  const text = document.createElement('input');
  text.type = 'text';
  text.value = value;
  text.name = name;
  if (onChange) text.addEventListener('change', () => onChange(performance.now()));
  row.append(label, text);
  container.appendChild(row);
  return text;
}

const SUFFIX = { t: 1e12, g: 1e9, meg: 1e6, k: 1e3, m: 1e-3, u: 1e-6, n: 1e-9, p: 1e-12, f: 1e-15, mil: 25.4e-6 };
function parseSpice(s) {
  const m = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)(meg|mil|[tgkmunpf])?[a-z]*\s*$/i.exec(String(s));
  if (!m) return NaN;
  return parseFloat(m[1]) * (m[2] ? SUFFIX[m[2].toLowerCase()] : 1);
}

function valuesOf(container) {
  const out = {};
  for (const i of container.querySelectorAll('input[type=text]')) out[i.name] = i.value.trim();
  return out;
}

// ---------------------------------------------------------------------------------------------
// pages

let CATALOGUE = null;

const neuron = {
  /** Files added from another page (a fitted card), by name: uploaded with every netlist run. */
  extraFiles: {},

  /** Adds a file to every netlist upload (a card the fit wrote), and says so under the file choosers. */
  addFile(name, text) {
    this.extraFiles[name] = text;
    const hint = document.getElementById('neuron-netlist-extra');
    hint.textContent = 'also uploaded: ' + Object.keys(this.extraFiles).join(', ') + ' (include it by this name)';
    hint.hidden = false;
    this.protocolOutdated('netlist');
  },

  view: new View('view-neuron', 'neuron'),
  protocol: new View('view-neuron-protocol', 'neuron-protocol'),
  defaults: {},

  init() {
    const sel = document.getElementById('neuron-circuit');
    for (const c of CATALOGUE.circuits) sel.add(new Option(c.name + ' — ' + c.title.split(':')[0].split('(')[0], c.name));
    sel.onchange = () => this.pick(sel.value);
    document.getElementById('neuron-stim-kind').onchange = () => { this.stimFields(); this.run(); };
    document.getElementById('neuron-fv').onclick = () => this.runProtocol('fv');
    document.getElementById('neuron-sd').onclick = () => this.runProtocol('sd');
    document.getElementById('neuron-aon').onclick = () => this.runProtocol('aon');
    document.getElementById('neuron-refractory').onclick = () => this.runProtocol('refractory');
    document.getElementById('neuron-netlist-run').onclick = () => this.runNetlist();
    for (const id of ['neuron-netlist-text', 'neuron-netlist-files', 'neuron-netlist-folder', 'neuron-netlist-main']) {
      document.getElementById(id).addEventListener('change', () => this.protocolOutdated('netlist'));
    }
    for (const id of ['neuron-netlist-files', 'neuron-netlist-folder']) {
      document.getElementById(id).addEventListener('change', () => this.netlistChoices());
    }
    this.pick('lif');
  },

  circuit() { return CATALOGUE.circuits.find(c => c.name === document.getElementById('neuron-circuit').value); },

  pick(name) {
    document.getElementById('neuron-circuit').value = name;
    const c = this.circuit();
    document.getElementById('neuron-title').textContent = c.title;
    const box = document.getElementById('neuron-params');
    box.replaceChildren();
    this.defaults = c.params;
    this.protocolOutdated();
    for (const [k, v] of Object.entries(c.params)) paramRow(box, k, v, t => { this.protocolOutdated(); this.run(t); });
    document.getElementById('neuron-stim-kind').value = '';
    this.stimFields();
    this.protocolFields();
    this.run();
  },

  stimFields() {
    const kind = document.getElementById('neuron-stim-kind').value;
    const box = document.getElementById('neuron-stim');
    box.replaceChildren();
    const p = this.defaults;
    const vin = parseSpice(p.vin) || 1, tstop = parseSpice(p.tstop) || 1e-6;
    const f = (k, v) => paramRow(box, k, v, t => this.run(t));
    if (kind === 'dc') f('amp', spice(vin));
    if (kind === 'pulse' || kind === 'train') { f('amp', spice(vin)); f('width', spice(tstop / 10)); f('delay', spice(tstop / 100)); }
    if (kind === 'train') f('period', spice(tstop / 5));
    if (kind === 'poisson') { f('rate', spice(10 / tstop)); f('amp', spice(vin)); f('width', spice(tstop / 50)); f('seed', '1'); }
  },

  stimSpec() {
    const kind = document.getElementById('neuron-stim-kind').value;
    if (!kind) return '';
    const v = valuesOf(document.getElementById('neuron-stim'));
    const name = kind === 'train' ? 'pulse' : kind;
    return name + ':' + Object.entries(v).map(([k, x]) => k + '=' + x).join(',');
  },

  /** Parameters that differ from the circuit's defaults (the CLI command names only those). */
  params() {
    const v = valuesOf(document.getElementById('neuron-params'));
    const out = {};
    for (const [k, x] of Object.entries(v)) if (x !== this.defaults[k]) out[k] = x;
    return out;
  },

  run(t) {
    return this.view.run('neuron', { circuit: this.circuit().name, params: this.params(), stim: this.stimSpec() }, t);
  },

  /**
   * The circuit, its parameters or a protocol's fields changed: a protocol result shown (or running) is for the old
   * ones. kind limits it to that kind's result (a protocol's own fields, or the pasted netlist).
   */
  protocolOutdated(kind) {
    const shown = this.protocol.kind;
    if (shown && (kind ? shown === kind : shown !== 'netlist')) this.protocol.outdated();
  },

  protocolFields() {
    const box = document.getElementById('neuron-protocol-params');
    box.replaceChildren();
    const p = this.defaults;
    const vin = Math.abs(parseSpice(p.vin)) || 1, tstop = parseSpice(p.tstop) || 1e-6;
    const w = parseSpice(p.width);
    const field = (name, value, kind) => fieldRow(box, name, value, () => this.protocolOutdated(kind));
    field('fv_from', '0', 'fv');
    field('fv_to', spice(2 * vin), 'fv');
    field('fv_points', '16', 'fv');
    field('sd_widths', [0.02, 0.05, 0.1, 0.2, 0.5, 1.5].map(f => spice(f * tstop)).join(','), 'sd');
    field('sd_max', spice(10 * vin), 'sd');
    field('aon_amps', [0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.3].map(f => spice(f * vin)).join(','), 'aon');
    field('aon_width', spice(w > 0 ? w : tstop / 4), 'aon');
    // the circuit's own paired-pulse pulse (as neuron run NAME --refractory without --stim)
    field('ref_pulse', this.circuit().refractory_pulse || 'pulse:amp=' + spice(vin) + ',width=' + spice(w > 0 ? w : tstop / 20),
      'refractory');
  },

  runProtocol(kind) {
    const f = valuesOf(document.getElementById('neuron-protocol-params'));
    const base = { circuit: this.circuit().name, params: this.params() };
    // numbers go as typed: the server reads them as the CLI reads its options (same value, same message)
    if (kind === 'fv') Object.assign(base, { from: f.fv_from, to: f.fv_to, points: f.fv_points });
    if (kind === 'sd') Object.assign(base, { widths: f.sd_widths, max: f.sd_max });
    if (kind === 'aon') Object.assign(base, { amps: f.aon_amps, width: f.aon_width });
    if (kind === 'refractory') base.stim = f.ref_pulse;
    return this.protocol.run(kind, base);
  },

  /**
   * The chosen files by their path in the upload: a folder's files without the folder's own name
   * (lif/models/x.lib is models/x.lib, as the netlist in lif/ names it), other files by name; a .zip apart.
   */
  chosenFiles() {
    const out = Object.entries(this.extraFiles).map(([path, text]) => ({ path, file: new File([text], path) }));
    for (const f of document.getElementById('neuron-netlist-folder').files) {
      out.push({ path: (f.webkitRelativePath || f.name).replace(/^[^/]*\//, ''), file: f });
    }
    for (const f of document.getElementById('neuron-netlist-files').files) out.push({ path: f.name, file: f });
    return out;
  },

  /** The menu of netlists to run: the chosen netlist files (a zip's are chosen on the server). */
  netlistChoices() {
    const sel = document.getElementById('neuron-netlist-main');
    while (sel.options.length > 1) sel.remove(1);
    for (const c of this.chosenFiles()) {
      if (/\.(cir|sp|spi|spice|net|ckt|deck)$/i.test(c.path)) sel.add(new Option(c.path, c.path));
    }
  },

  async runNetlist() {
    const files = {};
    const body = { files };
    const text = document.getElementById('neuron-netlist-text').value;
    if (text.trim()) { files['netlist.cir'] = text; body.main = 'netlist.cir'; }
    const chosen = document.getElementById('neuron-netlist-main').value;
    if (chosen) body.main = chosen;
    let total = text.length;

    for (const c of this.chosenFiles()) {
      const zip = /\.zip$/i.test(c.path);
      total += zip ? Math.ceil(c.file.size / 3) * 4 : c.file.size;
      if (total > 2 * 1048576) { this.protocol.error(tooLarge(total)); return; }
      if (!zip) { files[c.path] = await c.file.text(); continue; }
      if (body.zip) { this.protocol.error('error: choose one .zip at a time (' + body.zipName + ', ' + c.path + ')'); return; }
      body.zipName = c.path;
      body.zip = base64(new Uint8Array(await c.file.arrayBuffer()));
    }
    if (!Object.keys(files).length && !body.zip) { this.protocol.error('error: paste a netlist or choose files'); return; }
    return this.protocol.run('netlist', body);
  },
};

/** Bytes as base64 (in pieces: String.fromCharCode takes a limited number of arguments). */
function base64(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 32768) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 32768));
  return btoa(s);
}

/** The device menu's value for an uploaded .model card. */
const CARD = '@card';

/** A chosen card file's name as the server takes it: plain characters, not starting with a dot. */
function cardFileName(file) {
  return file.name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[._-]+/, '') || 'fitted.model';
}

/** The message for an upload above the 2 MB a request may carry. */
function tooLarge(bytes) {
  return 'error: upload too large: ' + (bytes / 1048576).toFixed(1) + ' MB (the studio accepts 2 MB per request)';
}

const device = {
  iv: new View('view-device-iv', 'device-iv'),
  pulseView: new View('view-device-pulse', 'device-pulse'),
  mc: new View('view-device-mc', 'device-mc'),
  defaults: {},

  init() {
    const sel = document.getElementById('device-model');
    for (const d of CATALOGUE.devices) {
      sel.add(new Option(d.type + ' (defaults)', d.type));
      for (const p of d.presets) sel.add(new Option(d.type + ':' + p, d.type + ':' + p));
    }
    sel.onchange = () => this.pick(sel.value);
    document.getElementById('device-card-use').onclick = () => this.useCard();
    this.fitInit();
    document.getElementById('device-pulse').onclick = () => this.runPulse();
    document.getElementById('device-mc').onclick = () => this.runMc();
    const pp = document.getElementById('device-pulse-params');
    paramRow(pp, 'p_amp', '2', () => this.pulseView.outdated(), { log: true });
    paramRow(pp, 'p_width', '200n', () => this.pulseView.outdated(), { log: true });
    const mp = document.getElementById('device-mc-params');
    fieldRow(mp, 'devices', '50', () => this.mc.outdated());
    fieldRow(mp, 'seed', '1', () => this.mc.outdated());
    this.pick('ts:nbox');
  },

  fitView: new View('view-device-fit', 'device-fit'),
  checkView: new View('view-device-check', 'device-check'),
  exportView: new View('view-device-export', 'device-export'),

  fitInit() {
    const opts = document.getElementById('device-fit-options');
    // as the command's options; blank: the command's default
    for (const [k, v] of [['name', ''], ['seed', '1'], ['starts', '8'], ['iterations', '60'], ['fix', ''], ['start', ''],
      ['range', ''], ['max_rows', ''], ['columns', '']]) fieldRow(opts, k, v, () => this.fitView.outdated());
    document.getElementById('device-fit-type').addEventListener('change', () => this.fitView.outdated());
    document.getElementById('device-fit-files').addEventListener('change', () => {
      this.fitView.outdated();
      this.fileRows('device-fit-files', 'device-fit-rows', this.fitView);
    });
    document.getElementById('device-check-files').addEventListener('change', () => {
      this.checkView.outdated();
      this.fileRows('device-check-files', 'device-check-rows', this.checkView);
    });
    const pickCard = () => {
      this.checkView.outdated();
      document.getElementById('device-check-card-file').hidden = document.getElementById('device-check-card').value !== '@file';
    };
    document.getElementById('device-check-card').addEventListener('change', pickCard);
    document.getElementById('device-check-card-file').addEventListener('change', () => this.checkView.outdated());
    document.getElementById('device-fit-run').onclick = () => this.runFit();
    document.getElementById('device-check-run').onclick = () => this.runCheck();
    document.getElementById('device-fit-use').onclick = () => this.useCard(this.fitted);
    document.getElementById('device-fit-netlist').onclick = () => neuron.addFile(this.fitted.name, this.fitted.text);
    document.getElementById('device-fit-export').onclick = () =>
      this.exportView.run('export', { card: this.fitted.text, cardName: this.fitted.name,
        format: document.getElementById('device-fit-format').value });
    document.getElementById('device-fit-format').addEventListener('change', () => this.exportView.outdated());
  },

  /** One row per chosen file: its protocol (iv or pulse, guessed from the name) and its conditions. */
  fileRows(input, rows, view) {
    const box = document.getElementById(rows);
    box.replaceChildren();
    for (const f of document.getElementById(input).files) {
      const row = document.createElement('div');
      row.className = 'param datafile';
      row.dataset.file = f.name;
      const label = document.createElement('span');
      label.textContent = f.name;
      const kind = document.createElement('select');
      kind.name = 'kind';
      kind.add(new Option('iv', 'iv'));
      kind.add(new Option('pulse', 'pulse'));
      kind.value = /iv|sweep|dc/i.test(f.name) ? 'iv' : 'pulse';
      const cond = document.createElement('input');
      cond.type = 'text';
      cond.name = 'conditions';
      cond.placeholder = 'conditions, e.g. ambient=68.5C';
      for (const el of [kind, cond]) el.addEventListener('change', () => view.outdated());
      row.append(label, cond, kind);
      box.appendChild(row);
    }
  },

  /** The chosen files with their rows, as the fit and check requests take them; null after an error shown in view. */
  async dataFiles(input, rows, view) {
    const out = [];
    let total = 0;
    for (const f of document.getElementById(input).files) {
      total += f.size;
      if (total > 2 * 1048576) { view.error(tooLarge(total)); return null; }
      const row = [...document.getElementById(rows).children].find(r => r.dataset.file === f.name);
      out.push({ name: f.name, kind: row.querySelector('[name=kind]').value,
        conditions: row.querySelector('[name=conditions]').value, text: await f.text() });
    }
    if (!out.length) { view.error('error: choose the measured files'); return null; }
    return out;
  },

  async runFit() {
    const files = await this.dataFiles('device-fit-files', 'device-fit-rows', this.fitView);
    if (!files) return;
    const o = valuesOf(document.getElementById('device-fit-options'));
    await this.fitView.run('fit', { type: document.getElementById('device-fit-type').value, files, name: o.name,
      seed: o.seed, starts: o.starts, iterations: o.iterations, fix: o.fix, start: o.start, range: o.range,
      maxRows: o.max_rows, columns: o.columns });
    const v = this.fitView.shown;
    if (!v || this.fitView.kind !== 'fit' || this.fitView.el.querySelector('.error')) return;
    this.fitted = { text: v.netlist, name: v.values.name + '.model' };
    const flag = v.values.card_ok === false ? ' (does not reproduce the data)' : '';
    document.getElementById('device-fit-card-name').textContent = 'fitted card: ' + this.fitted.name + flag;
    document.getElementById('device-fit-after').hidden = false;
    // every card of the session stays on the held-out check's menu; the newest is chosen
    this.fittedCards.push(this.fitted);
    const sel = document.getElementById('device-check-card');
    const n = this.fittedCards.length;
    sel.add(new Option('fit ' + n + ': ' + this.fitted.name + ' (' + v.values.type + ', cost '
      + Number(v.values.cost).toPrecision(4) + ')' + flag, String(n - 1)), sel.options.length - 1);
    sel.value = String(n - 1);
    sel.dispatchEvent(new Event('change'));
  },

  /** The cards fitted in this session, in order: the held-out check takes any of them. */
  fittedCards: [],

  /** The card the held-out check is asked for: one fitted in this session, or a chosen .model file; null after an error. */
  async checkCard() {
    const sel = document.getElementById('device-check-card');
    if (sel.value !== '@file') return this.fittedCards[Number(sel.value)];
    const file = document.getElementById('device-check-card-file').files[0];
    if (!file) { this.checkView.error('error: choose the card to check: one fitted in this session, or its .model file'); return null; }
    if (file.size > 2 * 1048576) { this.checkView.error(tooLarge(file.size)); return null; }
    return { text: await file.text(), name: cardFileName(file) };
  },

  async runCheck() {
    const card = await this.checkCard();
    if (!card) return;
    const files = await this.dataFiles('device-check-files', 'device-check-rows', this.checkView);
    if (!files) return;
    const o = valuesOf(document.getElementById('device-fit-options'));
    return this.checkView.run('fitcheck', { card: card.text, cardName: card.name, files, columns: o.columns });
  },

  /** The selected device type (a fitted card's type when the card is selected). */
  type() {
    const m = document.getElementById('device-model').value;
    const type = m === CARD ? this.card.info.type : m.split(':')[0];
    return CATALOGUE.devices.find(d => d.type === type);
  },

  /** Reads the pasted or chosen .model card, checks it on the server and selects it. */
  async useCard(given) {
    const file = given ? null : document.getElementById('device-card-file').files[0];
    let text = given ? given.text : document.getElementById('device-card-text').value;
    let name = given ? given.name : 'pasted.model';
    if (file) {
      if (file.size > 2 * 1048576) { this.iv.error(tooLarge(file.size)); return; }
      text = await file.text();
      name = cardFileName(file);
    }
    if (!text.trim()) { this.iv.error('error: paste a .model card or choose its file'); return; }
    let info;
    try {
      info = await api('api/card', { card: text, cardName: name });
    } catch (e) {
      this.iv.error(e.message);
      return;
    }
    this.card = { text, name, info };
    const sel = document.getElementById('device-model');
    let opt = [...sel.options].find(o => o.value === CARD);
    if (!opt) { opt = new Option('', CARD); sel.add(opt, 0); }
    opt.textContent = 'fitted: ' + info.label;
    this.pick(CARD);
  },

  /** What every device run sends: the selection or the fitted card, and the changed parameters. */
  device() {
    const m = document.getElementById('device-model').value;
    return m === CARD ? { card: this.card.text, cardName: this.card.name, params: this.params() }
      : { model: m, params: this.params() };
  },

  pick(model) {
    document.getElementById('device-model').value = model;
    const t = this.type();
    document.getElementById('device-title').textContent = model === CARD ? this.card.info.label + ': ' + t.title : t.title;
    const vals = model === CARD ? this.card.info : t.values[model.includes(':') ? model.split(':')[1] : ''] || t.values[''];
    const sw = document.getElementById('device-sweep');
    sw.replaceChildren();
    // another device: the pulse response and the Monte Carlo shown are the old one's; the sweep's amplitude and
    // rate feed the Monte Carlo too, its series resistance the pulse
    this.pulseView.outdated();
    this.mc.outdated();
    paramRow(sw, 'amp', spice(vals.iv_amp), tt => { this.mc.outdated(); this.runIv(tt); }, { log: true, unit: 'V' });
    paramRow(sw, 'rate', spice(10 * vals.iv_amp), tt => { this.mc.outdated(); this.runIv(tt); }, { log: true, unit: 'V/s' });
    paramRow(sw, 'series', '0', tt => { this.pulseView.outdated(); this.runIv(tt); },
      { log: false, min: 0, max: 10000, unit: 'Ohm' });
    const box = document.getElementById('device-params');
    box.replaceChildren();
    this.defaults = {};
    for (const p of t.params) {
      const v = vals.params[p.name];
      const text = v == null || !isFinite(v) ? '' : spice(v, 6);
      this.defaults[p.name] = text;
      paramRow(box, p.name, text, tt => { this.pulseView.outdated(); this.mc.outdated(); this.runIv(tt); },
        { min: p.min, max: p.max, unit: p.unit, title: p.description,
        log: v > 0 && !(p.min < 0) });
    }
    this.runIv();
  },

  /** Parameters that differ from the preset's values (the CLI command names only those). */
  params() {
    const out = {};
    for (const [k, x] of Object.entries(valuesOf(document.getElementById('device-params')))) if (x && x !== this.defaults[k]) out[k] = x;
    return out;
  },

  /** The sweep fields as typed (an empty one is left out: the CLI's default). */
  sweep() {
    const v = valuesOf(document.getElementById('device-sweep'));
    const o = {};
    for (const k of ['amp', 'rate', 'series']) if (v[k]) o[k] = v[k];
    return o;
  },

  runIv(t) {
    return this.iv.run('iv', Object.assign(this.device(), this.sweep()), t);
  },

  runPulse() {
    const v = valuesOf(document.getElementById('device-pulse-params'));
    return this.pulseView.run('pulse', Object.assign(this.device(), { amp: v.p_amp, width: v.p_width,
      series: this.sweep().series }));
  },

  runMc() {
    const v = valuesOf(document.getElementById('device-mc-params'));
    return this.mc.run('mc', Object.assign(this.device(), { devices: v.devices, seed: v.seed }, this.sweep()));
  },
};

const model = {
  view: new View('view-model', 'model'),

  init() {
    const sel = document.getElementById('model-name');
    for (const m of CATALOGUE.models) sel.add(new Option(m.name + ' — ' + m.title, m.name));
    sel.onchange = () => this.pick(sel.value);
    this.pick('lif');
  },

  info() { return CATALOGUE.models.find(m => m.name === document.getElementById('model-name').value); },

  pick(name) {
    document.getElementById('model-name').value = name;
    const m = this.info();
    document.getElementById('model-title').textContent = m.title + ' (input current in ' + m.current_unit + ')';
    const s = document.getElementById('model-stim');
    s.replaceChildren();
    paramRow(s, 'amp', String(m.default_amp), t => this.run(t), { log: m.default_amp > 0, unit: m.current_unit });
    paramRow(s, 't0', '10m', t => this.run(t), { log: false, min: 0, max: 0.1, unit: 's' });
    paramRow(s, 'duration', '200m', t => this.run(t), { log: true, unit: 's' });
    const box = document.getElementById('model-params');
    box.replaceChildren();
    this.defaults = {};
    for (const p of m.params) {
      if (p.default == null) continue;
      const d = String(+p.default.toPrecision(6));
      this.defaults[p.name] = d;
      paramRow(box, p.name, d, t => this.run(t), { min: p.min, max: p.max, unit: p.unit, title: p.description, log: p.default > 0 && p.min >= 0 });
    }
    this.run();
  },

  run(t) {
    const s = valuesOf(document.getElementById('model-stim'));
    const params = {};
    for (const [k, x] of Object.entries(valuesOf(document.getElementById('model-params')))) if (x !== this.defaults[k]) params[k] = x;
    return this.view.run('model', { model: this.info().name, params, stim: ['step:amp=' + s.amp + ',t0=' + s.t0], duration: s.duration }, t);
  },
};

const results = {
  view: new View('view-results', 'results'),

  init() {
    document.getElementById('results-refresh').onclick = () => this.refresh();
    this.refresh();
  },

  async refresh() {
    const list = document.getElementById('results-list');
    try {
      const r = await api('api/results');
      document.getElementById('results-root').textContent = r.output_folder;
      list.replaceChildren();
      for (const f of r.folders) {
        const li = document.createElement('li');
        const b = document.createElement('button');
        b.textContent = f.path + '  (' + f.kind + ')';
        b.dataset.path = f.path;
        b.onclick = () => this.open(f.path);
        li.appendChild(b);
        list.appendChild(li);
      }
      if (!r.folders.length) list.innerHTML = '<li class="hint">no results yet</li>';
    } catch (e) {
      this.view.error(e.message);
    }
  },

  open(path) { return this.view.run('results', { path }); },
};

const PAGES = { neuron, device, model, results };
const started = {};

function showPage(name) {
  for (const p of document.querySelectorAll('.page')) p.hidden = p.id !== 'page-' + name;
  for (const t of document.querySelectorAll('.tab')) t.classList.toggle('active', t.dataset.page === name);
  if (!started[name]) { started[name] = true; PAGES[name].init(); }
  if (location.hash !== '#' + name) history.replaceState(null, '', location.pathname + location.search + '#' + name);
}

async function main() {
  try {
    CATALOGUE = await api('api/catalogue');
  } catch (e) {
    const f = document.getElementById('fatal');
    f.textContent = e.message;
    f.hidden = false;
    return;
  }
  for (const t of document.querySelectorAll('.tab')) t.onclick = () => showPage(t.dataset.page);
  const first = location.hash.slice(1);
  showPage(PAGES[first] ? first : 'neuron');
  setInterval(async () => {
    try {
      const s = await api('api/status');
      document.getElementById('server-status').textContent = s.running + ' running, ' + s.waiting + ' waiting';
    } catch (e) {
      document.getElementById('server-status').textContent = 'server not reachable';
    }
  }, 3000);
}

// a reload or a closed tab cancels its runs, which would otherwise keep a worker busy to the end
window.addEventListener('pagehide', () => { for (const v of VIEWS) v.abandon(); });

window.studio = { neuron, device, model, results, showPage };
main();
