// DOM helpers. Every piece of data reaches the page as a text node or a checked attribute value:
// document text, URLs and reasons are untrusted web content, and nothing here parses markup.

const SVG_NS = 'http://www.w3.org/2000/svg';
// Attributes that can carry code or navigation are never set from here (links go through safeLink).
const FORBIDDEN_ATTR = /^(on|href$|src$|xlink:href$|action$|formaction$|style$|srcdoc$)/i;

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.setAttribute('class', String(v));
    else if (k === 'onclick' || k === 'oninput' || k === 'onchange') el.addEventListener(k.slice(2), v);
    else if (FORBIDDEN_ATTR.test(k)) throw new Error(`attribute ${k} is not set from data`);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** h('div', { class: 'x' }, 'text', child…): an HTML element; strings become text nodes. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** s('rect', { x: 1 }): an SVG element. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** A link only for http(s) URLs, opened without referrer or opener; anything else is plain text. */
export function safeLink(url) {
  let parsed;
  try {
    parsed = new URL(String(url));
  } catch {
    return h('span', { class: 'url' }, String(url));
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return h('span', { class: 'url', title: 'not a web link' }, String(url));
  const a = document.createElement('a');
  a.href = parsed.href;
  a.rel = 'noopener noreferrer nofollow';
  a.target = '_blank';
  a.className = 'url';
  a.textContent = String(url);
  return a;
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

export const fmt = {
  int: (n) => (n ?? 0).toLocaleString('en-US'),
  pct: (x, digits = 1) => (Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : '–'),
  bytes: (n) => {
    if (!n) return '0 B';
    const u = ['B', 'kB', 'MB', 'GB', 'TB'];
    const i = Math.min(u.length - 1, Math.floor(Math.log10(n) / 3));
    return `${(n / 10 ** (3 * i)).toFixed(i ? 1 : 0)} ${u[i]}`;
  },
  num: (x) => {
    if (!Number.isFinite(x)) return String(x);
    const a = Math.abs(x);
    if (a !== 0 && (a < 0.01 || a >= 1e5)) return x.toExponential(2);
    return Number.isInteger(x) ? String(x) : x.toFixed(a < 1 ? 3 : 2);
  },
};

/** A distinct colour per index (golden-angle hues). */
export function colour(i) {
  return `hsl(${(i * 137.508) % 360} 65% 45%)`;
}
