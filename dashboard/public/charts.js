// SVG charts built element by element (no markup strings): funnel bars, heatmap, retention curves.
import { colour, fmt, h, s } from './dom.js';

/** Horizontal bars: one row per step, documents after it, with the share of what was read. */
export function funnelChart(rows) {
  const W = 760;
  const rowH = 26;
  const labelW = 160;
  const max = Math.max(1, ...rows.map((r) => r.docs));
  const svg = s('svg', { viewBox: `0 0 ${W} ${rows.length * rowH + 8}`, class: 'chart funnel', role: 'img', 'aria-label': 'documents after each step' });
  rows.forEach((r, i) => {
    const y = i * rowH + 4;
    const w = ((W - labelW - 150) * r.docs) / max;
    svg.append(
      s('text', { x: labelW - 8, y: y + 16, 'text-anchor': 'end', class: 'label' }, r.step),
      s('rect', { x: labelW, y: y + 3, width: Math.max(1, w), height: rowH - 8, rx: 3, class: r.removed > 0 ? 'bar bar-drop' : 'bar' }),
      s('text', { x: labelW + w + 6, y: y + 16, class: 'value', 'data-step': r.step }, `${fmt.int(r.docs)}  ${fmt.pct(r.docs / max)}  ${fmt.bytes(r.bytes)}`),
    );
  });
  return svg;
}

/** Step × language grid of removed shares; `onPick(step, lang)` on click. */
export function heatmap(steps, langs, cell, onPick) {
  const cw = 44;
  const ch = 24;
  const left = 150;
  const top = 60;
  const svg = s('svg', { viewBox: `0 0 ${left + langs.length * cw + 10} ${top + steps.length * ch + 10}`, class: 'chart heatmap', role: 'img', 'aria-label': 'share removed per step and language' });
  langs.forEach((l, j) => svg.append(s('text', { x: left + j * cw + cw / 2, y: top - 8, 'text-anchor': 'middle', class: 'label lang' }, l)));
  steps.forEach((st, i) => {
    svg.append(s('text', { x: left - 8, y: top + i * ch + 16, 'text-anchor': 'end', class: 'label' }, st));
    langs.forEach((l, j) => {
      const c = cell(st, l);
      if (!c) return;
      const share = c.in ? c.removed / c.in : 0;
      const g = s('g', { class: 'cell', 'data-step': st, 'data-lang': l, tabindex: 0, onclick: () => onPick(st, l) });
      g.append(
        s('rect', { x: left + j * cw + 1, y: top + i * ch + 1, width: cw - 2, height: ch - 2, rx: 2, fill: share > 0 ? `rgba(200, 40, 40, ${0.12 + 0.88 * Math.min(1, share * 2)})` : '#eef2f5' }),
        s('text', { x: left + j * cw + cw / 2, y: top + i * ch + 16, 'text-anchor': 'middle', class: share > 0.25 ? 'cellv light' : 'cellv' }, c.removed ? String(c.removed) : ''),
        s('title', {}, `${st} · ${l}: ${fmt.int(c.removed)} of ${fmt.int(c.in)} removed (${fmt.pct(share)})`),
      );
      svg.append(g);
    });
  });
  return svg;
}

/**
 * Share kept (y) against the threshold (x, by bin edge, so log layouts read evenly), one line per
 * language, the run's threshold dashed, the slider's threshold solid.
 */
const RET = { W: 760, H: 320, L: 48, B: 36 };
const retX = (k, bins) => RET.L + ((RET.W - RET.L - 12) * k) / bins;
const retY = (v) => 10 + (RET.H - RET.B - 10) * (1 - v);

export function retentionChart({ lines, bins, edgeLabel, current, slider }) {
  const { W, H, L, B } = RET;
  const x = (k) => retX(k, bins);
  const y = retY;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart retention', role: 'img', 'aria-label': 'share kept against the threshold' });
  for (const v of [0, 0.25, 0.5, 0.75, 1])
    svg.append(s('line', { x1: L, x2: W - 12, y1: y(v), y2: y(v), class: 'grid' }), s('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, fmt.pct(v, 0)));
  for (let t = 0; t <= 5; t++) {
    const k = Math.round((bins * t) / 5);
    svg.append(s('text', { x: x(k), y: H - B + 16, 'text-anchor': 'middle', class: 'tick' }, edgeLabel(k)));
  }
  for (const line of lines) {
    const d = line.points.map((p, k) => `${k ? 'L' : 'M'}${x(k).toFixed(1)},${y(p).toFixed(1)}`).join('');
    svg.append(s('path', { d, class: line.all ? 'curve curve-all' : 'curve', stroke: line.all ? '#111' : colour(line.index), 'data-lang': line.lang }));
  }
  // A language whose own threshold differs from the step's: a ring on its curve where it sits.
  for (const line of lines)
    if (line.ownK !== undefined && line.ownK !== null && line.ownK !== current)
      svg.append(s('circle', { cx: x(line.ownK), cy: y(line.points[line.ownK]), r: 4, class: 'lang-mark', stroke: colour(line.index), 'data-lang': line.lang }, s('title', {}, `${line.lang}: its own threshold`)));
  if (current !== null) svg.append(s('line', { x1: x(current), x2: x(current), y1: 6, y2: H - B, class: 'current', 'data-k': current }), s('text', { x: x(current) + 4, y: 18, class: 'tick' }, 'run'));
  svg.append(s('line', { y1: 6, y2: H - B, class: 'slider-mark' }));
  if (lines.some((l) => l.all)) svg.append(s('circle', { r: 5, class: 'slider-dot' }));
  moveSlider(svg, lines, bins, slider);
  return svg;
}

/** Moves the slider's mark (the curves stay: they do not depend on the slider). */
export function moveSlider(svg, lines, bins, k) {
  const mark = svg.querySelector('.slider-mark');
  mark.setAttribute('x1', retX(k, bins));
  mark.setAttribute('x2', retX(k, bins));
  mark.setAttribute('data-k', k);
  const all = lines.find((l) => l.all);
  const dot = svg.querySelector('.slider-dot');
  if (all && dot) {
    dot.setAttribute('cx', retX(k, bins));
    dot.setAttribute('cy', retY(all.points[k]));
  }
}

export function legend(lines) {
  return h(
    'div',
    { class: 'legend' },
    lines.map((l) => {
      const sw = h('span', { class: 'swatch' });
      sw.style.background = l.all ? '#111' : colour(l.index); // CSSOM, allowed by the CSP (no style attribute)
      return h('span', { class: 'legend-item' }, sw, l.lang);
    }),
  );
}
