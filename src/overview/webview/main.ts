/// <reference lib="dom" />
// The Numbers Overview's script, inside the webview (bundled to dist/overview.js). It draws what
// the extension sends (overviewData.ts) and sends back what the user clicked. Every text, the
// server's included, is set with textContent or an attribute: nothing is parsed as markup.
import type { Bar, OverviewData, WeekBar } from '../overviewData';
import type { OverviewStrings } from '../overviewStrings';
import { barLengths, clipLabel, columnBoxes, fill } from '../chartLayout';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface SavedState {
  data?: OverviewData;
  strings?: OverviewStrings;
  scrollY?: number;
}

const api = acquireVsCodeApi();
const SVG = 'http://www.w3.org/2000/svg';
let saved: SavedState = (api.getState() as SavedState | undefined) ?? {};

function post(message: Record<string, unknown>): void {
  api.postMessage(message);
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function button(text: string, onClick: () => void, title?: string): HTMLButtonElement {
  const b = el('button', undefined, text);
  b.type = 'button';
  if (title) b.setAttribute('aria-label', title);
  b.addEventListener('click', onClick);
  return b;
}

/** A focusable SVG element that acts like a button (Enter and Space). */
function actionable(g: SVGGElement, label: string, run: () => void): void {
  g.setAttribute('tabindex', '0');
  g.setAttribute('role', 'button');
  g.setAttribute('aria-label', label);
  g.classList.add('action');
  g.addEventListener('click', run);
  g.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      run();
    }
  });
}

/** Horizontal bars: label, bar, value; each bar with a filter is a button. */
function barChart(title: string, bars: readonly Bar[], s: OverviewStrings): HTMLElement {
  const box = el('div', 'chart');
  box.append(el('h3', undefined, title));
  const rowH = 24;
  const width = 640;
  const labelW = 220;
  const barW = 220;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${bars.length * rowH}`, width: '100%', role: 'group' });
  chart.setAttribute('aria-label', fill(s.chartCost, title, bars.length));
  const lengths = barLengths(
    bars.map((b) => b.value),
    barW,
  );
  bars.forEach((b, k) => {
    const g = svg('g', { transform: `translate(0 ${k * rowH})` });
    const t = svg('title');
    t.textContent = `${b.label}: ${b.text}`;
    g.append(t);
    g.append(svg('rect', { class: 'hit', x: 0, y: 1, width, height: rowH - 2, rx: 2 }));
    const label = svg('text', { class: 'label', x: 4, y: rowH / 2 + 4 });
    label.textContent = clipLabel(b.label);
    g.append(label);
    g.append(
      svg('rect', { class: b.filter ? 'bar' : 'bar others', x: labelW, y: 5, width: lengths[k], height: rowH - 10 }),
    );
    const value = svg('text', { class: 'value', x: labelW + barW + 8, y: rowH / 2 + 4 });
    value.textContent = b.text;
    g.append(value);
    const filter = b.filter;
    if (filter) actionable(g, fill(s.barHint, b.label, b.text), () => post({ type: 'filter', filter }));
    chart.append(g);
  });
  box.append(
    chart,
    table(
      [s.column, s.columnValue],
      bars.map((b) => [b.label, b.text]),
      s,
    ),
  );
  return box;
}

/** Columns: expired, then 13 weeks; each a button that filters the tree. */
function weekChart(t: OverviewData['timeline'], s: OverviewStrings): HTMLElement {
  const box = el('div', 'chart');
  const bars: WeekBar[] = [t.expired, ...t.weeks];
  const width = 640;
  const height = 120;
  const labelH = 34;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height + labelH}`, width: '100%', role: 'group' });
  chart.setAttribute('aria-label', fill(s.chartExpiry, t.summary));
  const boxes = columnBoxes(
    bars.map((b) => b.count),
    width,
    height - 16,
  );
  bars.forEach((b, k) => {
    const c = boxes[k];
    const g = svg('g', { transform: `translate(${c.x} 16)` });
    const tip = svg('title');
    tip.textContent = `${b.label}: ${b.count}`;
    g.append(tip);
    g.append(svg('rect', { class: 'hit', x: 0, y: -16, width: c.width, height: height + labelH }));
    g.append(svg('rect', { class: k === 0 ? 'bar expired' : 'bar', x: 0, y: c.y, width: c.width, height: c.height }));
    const count = svg('text', { class: 'value center', x: c.width / 2, y: Math.max(10, c.y - 4) });
    count.textContent = String(b.count);
    g.append(count);
    const label = svg('text', { class: 'label center', x: c.width / 2, y: height + 4 });
    label.textContent = b.label;
    g.append(label);
    actionable(g, fill(s.weekHint, b.label, b.count), () => post({ type: 'filter', filter: b.filter }));
    chart.append(g);
  });
  box.append(el('p', 'summary', t.summary), chart);
  box.append(
    table(
      [s.columnWeek, s.columnCount],
      bars.map((b) => [b.label, String(b.count)]),
      s,
    ),
  );
  return box;
}

function table(head: string[], rows: string[][], s: OverviewStrings): HTMLElement {
  const details = el('details');
  details.append(el('summary', undefined, s.table));
  const t = el('table');
  const tr = el('tr');
  for (const h of head) tr.append(el('th', undefined, h));
  t.append(tr);
  for (const r of rows) {
    const row = el('tr');
    for (const c of r) row.append(el('td', undefined, c));
    t.append(row);
  }
  details.append(t);
  return details;
}

function section(id: string, title: string): HTMLElement {
  const s = el('section');
  s.id = id;
  s.setAttribute('aria-labelledby', `${id}-title`);
  const h = el('h2', undefined, title);
  h.id = `${id}-title`;
  s.append(h);
  return s;
}

function render(): void {
  const root = document.getElementById('root');
  const { data, strings: s } = saved;
  if (!root || !data || !s) return;
  const main = el('main');
  const header = el('header');
  header.append(el('h1', undefined, `${s.title}: ${data.organisation}`), el('p', 'status', data.status));
  const tools = el('div', 'tools');
  tools.append(
    button(s.refresh, () => post({ type: 'refresh' })),
    button(s.scan, () => post({ type: 'scan' })),
    button(s.showActivity, () => post({ type: 'showActivity' })),
  );
  header.append(tools);
  main.append(header);
  if (data.state !== 'ready') {
    main.append(
      el('p', 'placeholder', data.state === 'signedOut' ? s.signedOut : data.state === 'empty' ? s.empty : s.loading),
    );
    root.replaceChildren(main);
    return;
  }

  const cost = section('cost', s.cost);
  if (data.currencies.length === 0) cost.append(el('p', undefined, s.noCost));
  for (const c of data.currencies) {
    cost.append(el('p', 'total', fill(s.costTotal, c.total, c.count)));
    const pair = el('div', 'pair');
    pair.append(
      barChart(`${s.byApplication} (${c.currencyId})`, c.byApplication, s),
      barChart(`${s.byCountry} (${c.currencyId})`, c.byCountry, s),
    );
    cost.append(pair);
  }
  main.append(cost);

  const expiry = section('expiry', s.expiry);
  expiry.append(weekChart(data.timeline, s));
  main.append(expiry);

  const unused = section('unused', s.unused);
  const u = data.unused;
  unused.append(el('p', 'total', u.count === 0 && !u.scanned ? s.noUnused : u.headline));
  if (u.scanNote) unused.append(el('p', 'note', u.scanNote));
  else unused.append(el('p', 'note', s.scanHint));
  const list = el('ul', 'numbers');
  for (const r of u.rows) {
    const li = el('li');
    li.append(el('span', 'number', r.text), el('span', 'detail', r.detail));
    const actions = el('span', 'row-actions');
    actions.append(
      button(s.reveal, () => post({ type: 'reveal', numbers: [r.number] }), fill(s.revealNumber, r.text)),
      button(s.copy, () => post({ type: 'copy', number: r.number }), fill(s.copyNumber, r.text)),
      button(s.dashboard, () => post({ type: 'dashboard' })),
    );
    li.append(actions);
    list.append(li);
  }
  unused.append(list);
  if (u.more > 0) unused.append(el('p', 'note', fill(s.more, u.more)));
  if (u.count > 0) {
    unused.append(button(fill(s.showInTree, u.count), () => post({ type: 'filter', filter: u.filter })));
    unused.append(el('p', 'note', s.noRelease));
  }
  main.append(unused);

  const activity = section('activity', s.activity);
  if (data.activity.length === 0) activity.append(el('p', 'note', s.noActivity));
  const log = el('ol', 'activity');
  for (const a of data.activity) {
    const li = el('li');
    li.append(el('span', 'time', a.time), el('span', 'summary', a.summary), el('span', 'detail', a.numbers));
    li.append(el('div', 'message', a.message));
    if (a.values.length > 0) li.append(button(s.reveal, () => post({ type: 'reveal', numbers: a.values })));
    log.append(li);
  }
  activity.append(log);
  main.append(activity);

  // Keep the focus where it was across a redraw (a refresh must not throw the keyboard user out).
  const focused = document.activeElement?.getAttribute('aria-label');
  root.replaceChildren(main);
  if (focused)
    (root.querySelector(`[aria-label="${CSS.escape(focused)}"]`) as HTMLElement | SVGElement | null)?.focus();
}

window.addEventListener('message', (event: MessageEvent) => {
  const m = event.data as { type?: string; data?: OverviewData; strings?: OverviewStrings };
  if (m?.type !== 'data' || !m.data || !m.strings) return;
  const started = performance.now();
  saved = { ...saved, data: m.data, strings: m.strings };
  api.setState(saved);
  render();
  document.body.dataset.drawMs = (performance.now() - started).toFixed(1);
  document.body.dataset.drawn = String(Number(document.body.dataset.drawn ?? '0') + 1);
});

window.addEventListener('scroll', () => {
  saved.scrollY = window.scrollY;
  api.setState(saved);
});

render();
if (saved.scrollY) window.scrollTo(0, saved.scrollY);
post({ type: 'ready' });
