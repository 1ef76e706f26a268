// winnow dashboard: one page, views chosen by the URL hash (#/view?run=0&…), data from the JSON API.
import { api } from './api.js';
import { funnelChart, heatmap, legend, moveSlider, retentionChart } from './charts.js';
import { clear, fmt, h, safeLink } from './dom.js';
import { allCounts, curve, edge, keepRange, keptCount, nearestEdge, total } from './retention.js';

const VIEWS = [
  ['overview', 'Funnel'],
  ['drops', 'Drops'],
  ['retention', 'Retention'],
  ['examples', 'Examples'],
  ['compare', 'Compare'],
  ['progress', 'Progress'],
];

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const runSelect = document.getElementById('run');
let runs = [];
const statsCache = new Map();
let pollTimer;
let renderSeq = 0;

function route() {
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const params = Object.fromEntries(new URLSearchParams(query ?? ''));
  const view = VIEWS.some(([v]) => v === path) ? path : 'overview';
  return { view, params, run: Number(params.run ?? 0) || 0 };
}

function go(view, params) {
  location.hash = `#/${view}?${new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== '')).toString()}`;
}

async function stats(run, fresh = false) {
  if (fresh || !statsCache.has(run)) statsCache.set(run, api.stats(run));
  const st = await statsCache.get(run);
  if (!st.finished) statsCache.delete(run); // a run in flight: refetch next time
  return st;
}

/** Languages of a run, most documents first (by what the steps saw). */
function languages(st) {
  const seen = new Map();
  for (const step of Object.values(st.steps)) for (const [l, ls] of Object.entries(step.by_lang)) seen.set(l, Math.max(seen.get(l) ?? 0, ls.in.docs, ls.out.docs));
  return [...seen.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([l]) => l);
}

function removed(c) {
  return Object.values(c.dropped).reduce((a, b) => a + b, 0);
}

function flaggedCount(c) {
  return Object.values(c.flagged).reduce((a, b) => a + b, 0);
}

const stepNames = (st) => Object.keys(st.steps);
const lastStep = (st) => st.steps[stepNames(st).at(-1)];

function select(attrs, options, value) {
  const el = h('select', attrs, options.map(([v, label]) => h('option', { value: v }, label)));
  el.value = value;
  return el;
}

function card(label, value, testid) {
  return h('div', { class: 'card' }, h('div', { class: 'card-label' }, label), h('div', { class: 'card-value', 'data-testid': testid }, value));
}

function section(title, ...children) {
  return h('section', { class: 'panel' }, h('h2', {}, title), ...children);
}

function table(head, rows, attrs = {}) {
  return h('table', attrs, h('thead', {}, h('tr', {}, head.map((c) => h('th', {}, c)))), h('tbody', {}, rows));
}

function noSignals() {
  return h('p', { class: 'muted' }, 'This run has no signal histograms (a run from before filters recorded them, or every filter ran with signals: false).');
}

// ---------- views ----------

async function viewOverview({ run, params }) {
  const st = await stats(run);
  const langs = languages(st);
  const lang = params.lang ?? '';
  const names = stepNames(st);
  const read = st.steps.read ?? st.steps[names[0]];
  const last = lastStep(st);
  const pick = (step) => (lang ? step.by_lang[lang] : step);
  const rows = names.map((n) => {
    const c = pick(st.steps[n]);
    return { step: n, docs: c?.out.docs ?? 0, bytes: c?.out.bytes ?? 0, removed: c ? removed(c) : 0 };
  });
  const langSel = select({ onchange: (e) => go('overview', { run, lang: e.target.value }), 'aria-label': 'language' }, [['', 'all languages'], ...langs.map((l) => [l, l])], lang);
  const perLang = langs.map((l) =>
    h(
      'tr',
      {},
      h('th', {}, l),
      names.map((n) => h('td', { class: 'num', 'data-step': n, 'data-lang': l }, st.steps[n].by_lang[l] ? fmt.int(st.steps[n].by_lang[l].out.docs) : '')),
    ),
  );
  return [
    h(
      'div',
      { class: 'cards' },
      card('documents read', fmt.int(read.out.docs), 'docs-read'),
      card('documents kept', fmt.int(last.out.docs), 'docs-kept'),
      card('kept share', fmt.pct(read.out.docs ? last.out.docs / read.out.docs : NaN), 'kept-share'),
      card('bytes kept', fmt.bytes(last.out.bytes), 'bytes-kept'),
      card('languages', fmt.int(Object.keys(last.by_lang).length), 'languages'),
      card('input errors', fmt.int(st.errors.count), 'errors'),
    ),
    !st.finished ? h('p', { class: 'notice' }, 'Run in flight: numbers are those of the tasks finished so far.') : null,
    section('Documents after each step', h('div', { class: 'controls' }, 'language ', langSel), funnelChart(rows)),
    section('Documents after each step, per language', h('div', { class: 'scroll' }, table(['language', ...names], perLang, { class: 'grid-table', 'data-testid': 'funnel-table' }))),
  ];
}

function reasonList(c, run, step, lang) {
  const items = [];
  for (const [kind, map] of [
    ['dropped', c.dropped],
    ['flagged', c.flagged],
  ])
    for (const [reason, n] of Object.entries(map).sort((a, b) => b[1] - a[1]))
      items.push(
        h(
          'li',
          {},
          h('a', { class: 'link', role: 'link', tabindex: 0, onclick: () => go('examples', { run, step, reason, lang, kind }) }, reason),
          ` ${fmt.int(n)}`,
          kind === 'flagged' ? h('span', { class: 'tag' }, 'flagged') : null,
        ),
      );
  return items.length ? h('ul', { class: 'reasons' }, items) : h('span', { class: 'muted' }, '–');
}

async function viewDrops({ run, params }) {
  const st = await stats(run);
  const langs = languages(st);
  const names = stepNames(st).filter((n) => n !== 'read');
  const detail = h('div', { class: 'detail', 'data-testid': 'drop-detail' });
  const showDetail = (step, lang) => {
    const c = st.steps[step].by_lang[lang];
    clear(detail).append(
      h('h3', {}, `${step} · ${lang}`),
      h('p', {}, `${fmt.int(removed(c))} of ${fmt.int(c.in.docs)} removed (${fmt.pct(c.in.docs ? removed(c) / c.in.docs : 0)}); ${fmt.int(flaggedCount(c))} flagged`),
      reasonList(c, run, step, lang),
    );
  };
  const map = heatmap(
    names,
    langs,
    (step, lang) => {
      const c = st.steps[step].by_lang[lang];
      return c ? { in: c.in.docs, removed: removed(c) } : null;
    },
    showDetail,
  );
  if (params.step && params.lang && st.steps[params.step]?.by_lang[params.lang]) showDetail(params.step, params.lang);
  else clear(detail).append(h('p', { class: 'muted' }, 'Click a cell for the reasons behind its drops.'));
  const rows = names.map((n) => {
    const c = st.steps[n];
    const r = removed(c);
    return h(
      'tr',
      { 'data-step': n },
      h('th', {}, n),
      h('td', { class: 'num' }, fmt.int(c.in.docs)),
      h('td', { class: 'num', 'data-testid': 'removed' }, fmt.int(r)),
      h('td', { class: 'num' }, fmt.pct(c.in.docs ? r / c.in.docs : 0)),
      h('td', { class: 'num' }, fmt.int(flaggedCount(c))),
      h('td', { class: 'num' }, `${(c.time_ms / 1000).toFixed(2)} s`),
      h('td', {}, reasonList(c, run, n, '')),
    );
  });
  const langRows = [];
  for (const n of names)
    for (const l of langs) {
      const c = st.steps[n].by_lang[l];
      if (!c || (removed(c) === 0 && flaggedCount(c) === 0)) continue;
      langRows.push(
        h('tr', { 'data-step': n, 'data-lang': l }, h('th', {}, n), h('td', {}, l), h('td', { class: 'num' }, fmt.int(c.in.docs)), h('td', { class: 'num' }, fmt.int(removed(c))), h('td', { class: 'num' }, fmt.pct(c.in.docs ? removed(c) / c.in.docs : 0)), h('td', {}, reasonList(c, run, n, l))),
      );
    }
  return [
    section('Share removed per step and language', h('div', { class: 'split' }, h('div', { class: 'scroll' }, map), detail)),
    section('Per step', table(['step', 'in', 'removed', 'share', 'flagged', 'time', 'reasons'], rows, { 'data-testid': 'drops-table' })),
    section('Per step and language (where something was removed or flagged)', table(['step', 'language', 'in', 'removed', 'share', 'reasons'], langRows, { 'data-testid': 'drops-lang-table' })),
  ];
}

async function viewRetention({ run, params }) {
  const st = await stats(run);
  const options = [];
  for (const [step, sigs] of Object.entries(st.signalInfo ?? {})) for (const name of Object.keys(sigs)) options.push([`${step}/${name}`, `${step} · ${name}`]);
  if (options.length === 0) return [section('Retention vs threshold', noSignals())];
  const key = params.signal && options.some(([k]) => k === params.signal) ? params.signal : options[0][0];
  const [step, name] = key.split('/');
  const sig = await api.signal(run, step, name);
  const langs = Object.keys(sig.by_lang).sort((a, b) => total(sig.by_lang[b].counts) - total(sig.by_lang[a].counts) || a.localeCompare(b));
  const bound = params.bound === 'min' || params.bound === 'max' ? params.bound : sig.min !== null ? 'min' : sig.max !== null ? 'max' : /tox/i.test(name) ? 'max' : 'min';
  const other = bound === 'min' ? sig.max : sig.min;
  const runValue = bound === 'min' ? sig.min : sig.max;
  const current = runValue === null ? null : nearestEdge(sig, runValue);
  let k = params.k !== undefined ? Math.max(0, Math.min(sig.bins, Number(params.k) || 0)) : (current ?? (bound === 'min' ? 0 : sig.bins));
  const all = allCounts(sig);
  const allNan = Object.values(sig.by_lang).reduce((a, l) => a + l.nan, 0);
  const lines = [{ lang: 'all', all: true, points: curve(sig, all, bound, other, allNan), counts: all, nan: allNan }].concat(
    langs.map((l, index) => {
      const { counts, nan } = sig.by_lang[l];
      return { lang: l, index, points: curve(sig, counts, bound, keepRange(sig, l)[bound === 'min' ? 'max' : 'min'], nan), counts, nan };
    }),
  );
  // What the run's own range keeps, per line: fixed while the slider moves.
  for (const line of lines) {
    line.n = total(line.counts) + line.nan;
    line.range = line.all ? { min: sig.min, max: sig.max } : keepRange(sig, line.lang);
    line.atRun = line.n ? keptCount(sig, line.counts, line.range.min, line.range.max, line.nan) / line.n : NaN;
    const own = line.range[bound];
    line.ownK = line.all || own === null || own === undefined ? null : nearestEdge(sig, own);
  }
  const edgeLabel = (i) => fmt.num(edge(sig, i));
  const chartBox = h('div', { class: 'chart-box', 'data-testid': 'retention-chart' });
  const readout = h('div', { class: 'readout' });
  const tbody = h('tbody', {});
  const slider = h('input', { type: 'range', min: 0, max: sig.bins, step: 1, value: k, 'aria-label': 'threshold', 'data-testid': 'threshold' });
  const chart = retentionChart({ lines, bins: sig.bins, edgeLabel, current, slider: k });
  chartBox.append(chart);
  const draw = () => {
    moveSlider(chart, lines, sig.bins, k);
    const t = edge(sig, k);
    clear(readout).append(
      h('strong', { 'data-testid': 'threshold-value' }, `${bound} = ${fmt.num(t)}`),
      ` keeps `,
      h('strong', { 'data-testid': 'kept-all' }, fmt.pct(lines[0].points[k])),
      ` of ${fmt.int(total(all) + allNan)} documents`,
      runValue !== null ? ` (the run: ${bound} ${fmt.num(runValue)} keeps ${fmt.pct(lines[0].atRun)})` : ' (the run set no such bound)',
    );
    clear(tbody).append(
      ...lines.map((line) => {
        const { n, range, atRun } = line;
        return h(
          'tr',
          { 'data-lang': line.lang },
          h('th', {}, line.lang),
          h('td', { class: 'num' }, fmt.int(n)),
          h('td', { class: 'num' }, line.all ? '' : `${range.min === null ? '−∞' : fmt.num(range.min)} … ${range.max === null ? '∞' : fmt.num(range.max)}`),
          h('td', { class: 'num' }, fmt.pct(atRun)),
          h('td', { class: 'num', 'data-testid': 'kept-at-slider' }, fmt.pct(line.points[k])),
          h('td', { class: 'num' }, fmt.int(line.nan)),
        );
      }),
    );
  };
  slider.addEventListener('input', () => {
    k = Number(slider.value);
    draw();
  });
  // Keep the position in the URL when the slider is released (shareable; no re-render on every move).
  slider.addEventListener('change', () => history.replaceState(null, '', `#/retention?${new URLSearchParams({ run, signal: key, bound, k })}`));
  draw();
  const sigSel = select({ onchange: (e) => go('retention', { run, signal: e.target.value }), 'aria-label': 'signal' }, options, key);
  const boundSel = select({ onchange: (e) => go('retention', { run, signal: key, bound: e.target.value }), 'aria-label': 'bound' }, [['min', 'keep ≥ threshold (min)'], ['max', 'keep ≤ threshold (max)']], bound);
  return [
    section(
      'Retention vs threshold',
      h('div', { class: 'controls' }, 'signal ', sigSel, ' bound ', boundSel),
      h('div', { class: 'controls slider-row' }, slider, readout),
      chartBox,
      legend(lines),
      h('p', { class: 'muted' }, `Layout: ${sig.bins} bins over ${fmt.num(sig.lo)}–${fmt.num(sig.hi)} (${sig.scale}). Each line is this rule alone over the documents that entered ${step} (NaN values pass), at bin resolution. Dashed: the run's threshold; solid: the slider.`),
    ),
    section('Per language', h('table', { 'data-testid': 'retention-table' }, h('thead', {}, h('tr', {}, ['language', 'documents', 'keep range (run)', 'kept (run)', 'kept (slider)', 'NaN'].map((c) => h('th', {}, c)))), tbody)),
  ];
}

async function viewExamples({ run, params }) {
  const st = await stats(run);
  const names = stepNames(st).filter((n) => n !== 'read');
  const withReasons = names.filter((n) => removed(st.steps[n]) + flaggedCount(st.steps[n]) > 0);
  const step = params.step && st.steps[params.step] ? params.step : (withReasons[0] ?? names[0]);
  const s = st.steps[step];
  const reasons = [...Object.keys(s.dropped).map((r) => ['dropped', r]), ...Object.keys(s.flagged).map((r) => ['flagged', r])];
  const chosen = reasons.find(([kind, r]) => r === params.reason && (!params.kind || kind === params.kind)) ?? reasons[0];
  const langs = languages(st);
  const lang = params.lang ?? '';
  const controls = h(
    'div',
    { class: 'controls' },
    'step ',
    select({ onchange: (e) => go('examples', { run, step: e.target.value }), 'aria-label': 'step' }, names.map((n) => [n, `${n} (${fmt.int(removed(st.steps[n]))} removed)`]), step),
    ' reason ',
    select(
      { onchange: (e) => { const [kind, reason] = JSON.parse(e.target.value); go('examples', { run, step, reason, kind, lang }); }, 'aria-label': 'reason' },
      reasons.map(([kind, r]) => [JSON.stringify([kind, r]), `${r} (${fmt.int((kind === 'dropped' ? s.dropped : s.flagged)[r])}${kind === 'flagged' ? ', flagged' : ''})`]),
      chosen ? JSON.stringify(chosen) : '',
    ),
    ' language ',
    select({ onchange: (e) => go('examples', { run, step, reason: chosen?.[1], kind: chosen?.[0], lang: e.target.value }), 'aria-label': 'language' }, [['', 'all'], ...langs.map((l) => [l, l])], lang),
  );
  if (!chosen) return [section('Examples', controls, h('p', { class: 'muted' }, `${step} removed and flagged nothing.`))];
  const { examples, source } = await api.examples(run, { step, reason: chosen[1], kind: chosen[0], lang, limit: 12 });
  const cards = examples.map((ex) =>
    h(
      'article',
      { class: 'example', 'data-testid': 'example' },
      h(
        'header',
        {},
        h('span', { class: 'tag' }, ex.lang ?? 'unknown'),
        h('span', { class: 'reason' }, ex.reason ?? ''),
        h('span', { class: 'muted' }, ` ${fmt.int(ex.chars)} chars · `),
        h('code', { class: 'id' }, ex.id),
      ),
      ex.url ? h('div', { class: 'url-row' }, safeLink(ex.url)) : null,
      h('pre', { class: 'snippet' }, ex.snippet + (ex.chars > ex.snippet.length ? ' …' : '')),
    ),
  );
  return [
    section(
      'Examples',
      controls,
      h('p', { class: 'muted' }, source ? `A sample of up to 12 documents from ${source} (in the run folder unless the path says otherwise).` : 'No Parquet output to sample from (the run wrote JSONL, or kept no excluded output).'),
      cards.length ? h('div', { class: 'examples' }, cards) : h('p', { class: 'muted' }, 'No documents found for this choice.'),
    ),
  ];
}

async function viewCompare({ params }) {
  const a = Number(params.a ?? 0) || 0;
  const b = Number(params.b ?? (runs.length > 1 ? 1 : 0)) || 0;
  const [A, B] = await Promise.all([stats(a), stats(b)]);
  const runOpts = runs.map((r) => [String(r.id), r.label]);
  const controls = h(
    'div',
    { class: 'controls' },
    'A ',
    select({ onchange: (e) => go('compare', { a: e.target.value, b }), 'aria-label': 'run A' }, runOpts, String(a)),
    ' B ',
    select({ onchange: (e) => go('compare', { a, b: e.target.value }), 'aria-label': 'run B' }, runOpts, String(b)),
  );
  const delta = (x, y) => {
    const d = y - x;
    return h('td', { class: d < 0 ? 'num neg' : d > 0 ? 'num pos' : 'num' }, d === 0 ? '0' : `${d > 0 ? '+' : ''}${fmt.int(d)}`);
  };
  const names = [...new Set([...stepNames(A), ...stepNames(B)])];
  const stepRows = names.map((n) => {
    const x = A.steps[n];
    const y = B.steps[n];
    return h('tr', { 'data-step': n }, h('th', {}, n), h('td', { class: 'num', 'data-run': 'a' }, x ? fmt.int(x.out.docs) : '–'), h('td', { class: 'num' }, x ? fmt.int(removed(x)) : '–'), h('td', { class: 'num', 'data-run': 'b' }, y ? fmt.int(y.out.docs) : '–'), h('td', { class: 'num' }, y ? fmt.int(removed(y)) : '–'), delta(x?.out.docs ?? 0, y?.out.docs ?? 0));
  });
  const la = lastStep(A);
  const lb = lastStep(B);
  const langs = [...new Set([...languages(A), ...languages(B)])];
  const langRows = langs.map((l) =>
    h('tr', { 'data-lang': l }, h('th', {}, l), h('td', { class: 'num', 'data-run': 'a' }, fmt.int(la.by_lang[l]?.out.docs ?? 0)), h('td', { class: 'num', 'data-run': 'b' }, fmt.int(lb.by_lang[l]?.out.docs ?? 0)), delta(la.by_lang[l]?.out.docs ?? 0, lb.by_lang[l]?.out.docs ?? 0)),
  );
  const reasonRows = [];
  for (const n of names) {
    const ra = A.steps[n]?.dropped ?? {};
    const rb = B.steps[n]?.dropped ?? {};
    for (const r of new Set([...Object.keys(ra), ...Object.keys(rb)]))
      reasonRows.push(h('tr', { 'data-step': n, 'data-reason': r }, h('th', {}, n), h('td', {}, r), h('td', { class: 'num' }, fmt.int(ra[r] ?? 0)), h('td', { class: 'num' }, fmt.int(rb[r] ?? 0)), delta(ra[r] ?? 0, rb[r] ?? 0)));
  }
  return [
    section(`Compare: A = ${runs[a].label}, B = ${runs[b].label}`, controls, table(['step', 'A kept', 'A removed', 'B kept', 'B removed', 'Δ kept'], stepRows, { 'data-testid': 'compare-steps' })),
    section('Kept per language', table(['language', 'A', 'B', 'Δ'], langRows, { 'data-testid': 'compare-langs' })),
    section('Drops per reason', table(['step', 'reason', 'A', 'B', 'Δ'], reasonRows, { 'data-testid': 'compare-reasons' })),
  ];
}

async function viewProgress({ run }, seq) {
  const box = h('div', {});
  const render = async () => {
    const [p, st] = await Promise.all([api.progress(run), stats(run, true)]);
    if (seq !== renderSeq) return;
    const pct = p.total ? p.done / p.total : p.finished ? 1 : 0;
    const bar = h('div', { class: 'bar-outer' }, h('div', { class: 'bar-inner' }));
    bar.firstChild.style.width = `${(pct * 100).toFixed(1)}%`;
    const stageRows = p.stages.map((s) => {
      const b = h('div', { class: 'bar-outer small' }, h('div', { class: 'bar-inner' }));
      b.firstChild.style.width = s.total ? `${((100 * s.done) / s.total).toFixed(1)}%` : '0%';
      return h('tr', { 'data-stage': s.stage }, h('td', { class: 'num' }, String(s.stage)), h('td', {}, s.name), h('td', { class: 'num', 'data-testid': 'stage-done' }, `${fmt.int(s.done)} / ${s.total === null ? '?' : fmt.int(s.total)}`), h('td', {}, b));
    });
    const parts = [
      h('div', { class: 'cards' }, card('state', p.finished ? 'finished' : 'running', 'run-state'), card('tasks done', `${fmt.int(p.done)} / ${p.total === null ? '?' : fmt.int(p.total)}`, 'tasks-done'), card('input shards', p.shards === null ? '?' : fmt.int(p.shards), 'shards'), card('documents read', fmt.int(p.docsRead), 'progress-docs')),
      bar,
      table(['stage', 'what', 'tasks', ''], stageRows, { 'data-testid': 'stages' }),
    ];
    if (p.queue && 'error' in p.queue) parts.push(h('p', { class: 'notice' }, `Redis: ${p.queue.error}`));
    else if (p.queue) {
      parts.push(h('h3', {}, 'Queue'), h('p', {}, Object.entries(p.queue.counts).map(([k, v]) => `${k} ${v}`).join(' · ')));
      parts.push(table(['worker', 'state', 'done', 'failed', 'running'], p.queue.workers.map((w) => h('tr', {}, h('td', {}, w.id), h('td', {}, p.queue.now - w.lastSeen < 10000 ? 'alive' : 'silent'), h('td', { class: 'num' }, fmt.int(w.done)), h('td', { class: 'num' }, fmt.int(w.failed)), h('td', {}, w.running.map((r) => `${r.shard} (${r.docs})`).join(', '))))));
      if (p.queue.failed.length) parts.push(table(['failed task', 'stage', 'source', 'error'], p.queue.failed.map((f) => h('tr', {}, h('td', {}, f.id), h('td', {}, String(f.stage)), h('td', {}, f.source), h('td', {}, f.reason)))));
    }
    const names = stepNames(st);
    if (names.length) parts.push(h('h3', {}, p.finished ? 'Documents after each step' : 'Documents after each step (tasks finished so far)'), funnelChart(names.map((n) => ({ step: n, docs: st.steps[n].out.docs, bytes: st.steps[n].out.bytes, removed: removed(st.steps[n]) }))));
    parts.push(h('p', { class: 'muted' }, `updated ${new Date().toLocaleTimeString()}`));
    clear(box).append(...parts);
    if (!p.finished) pollTimer = setTimeout(() => void render().catch(showError), 1500);
  };
  await render();
  return [section('Progress', box)];
}

const RENDER = { overview: viewOverview, drops: viewDrops, retention: viewRetention, examples: viewExamples, compare: viewCompare, progress: viewProgress };

function showError(e) {
  clear(main).append(h('p', { class: 'error' }, String(e?.message ?? e)));
}

async function render() {
  clearTimeout(pollTimer);
  const seq = ++renderSeq;
  const r = route();
  for (const a of nav.querySelectorAll('a')) a.classList.toggle('active', a.dataset.view === r.view);
  runSelect.value = String(r.run);
  runSelect.disabled = r.view === 'compare';
  main.setAttribute('aria-busy', 'true');
  try {
    const content = await RENDER[r.view](r, seq);
    if (seq !== renderSeq) return;
    clear(main).append(...content.filter(Boolean));
    main.dataset.view = r.view;
  } catch (e) {
    if (seq === renderSeq) showError(e);
  } finally {
    if (seq === renderSeq) {
      main.setAttribute('aria-busy', 'false');
      // Markers for tests and the benchmark: which render finished, and when (ms since navigation start).
      document.body.dataset.renderedAt = performance.now().toFixed(1);
      document.body.dataset.rendered = `${r.view}:${seq}`;
    }
  }
}

async function start() {
  runs = await api.runs();
  for (const r of runs) runSelect.append(h('option', { value: String(r.id) }, r.label));
  runSelect.addEventListener('change', () => {
    const r = route();
    go(r.view, { run: runSelect.value });
  });
  for (const [view, label] of VIEWS)
    nav.append(h('a', { 'data-view': view, class: 'tab', role: 'link', tabindex: 0, onclick: () => go(view, view === 'compare' ? {} : { run: route().run }) }, label));
  window.addEventListener('hashchange', () => void render());
  await render();
}

start().catch(showError);
