import { axisTicks, niceMax } from './chart-scale.ts';
import { h } from './dom.ts';

/**
 * Small accessible charts: each is a <figure> with a caption, an SVG that has its own <title> and <desc>
 * (role="img"), a legend in words, and the numbers as a table under it. The SVG is a picture of the table:
 * whoever cannot see it (a screen reader, a printout in black and white) reads the table.
 *
 * Loaded only by the pages that show charts (a dynamic import), so no other page downloads it.
 */

const SVG = 'http://www.w3.org/2000/svg';
/** Okabe–Ito: colours that stay apart for the common kinds of colour blindness. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#999999'];

type SvgAttributes = Record<string, string | number>;
function s(tag: string, attributes: SvgAttributes = {}, ...children: (SVGElement | string)[]): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, String(value));
  el.append(...children);
  return el;
}

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${++counter}`;

export type Series = { name: string; values: number[] };

type Texts = {
  /** Shown as the figure's caption and read as the SVG's title. */
  title: string;
  /** What the picture shows, in a sentence or two (the SVG's description). */
  description: string;
  /** Turns a value into words: euros, a count. */
  format: (value: number) => string;
  /** The table's first column header (e.g. "Maand"). */
  rowHeader: string;
  /** The table's total column header; no total column when absent. */
  totalHeader?: string;
  /** The smallest step between the axis's lines (1 for counts, 100 for cents). */
  minStep?: number;
  /**
   * Values not to draw (small counts the policy team sees only as "< 5"): their bar is left out, so its height
   * does not tell the number; `format` says what the table shows instead.
   */
  hidden?: (value: number) => boolean;
};

function svgRoot(width: number, height: number, title: string, description: string): SVGElement {
  const titleId = nextId('chart-title');
  const descId = nextId('chart-desc');
  return s(
    'svg',
    {
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-labelledby': `${titleId} ${descId}`,
      class: 'chart-svg',
      preserveAspectRatio: 'xMinYMin meet',
    },
    s('title', { id: titleId }, title),
    s('desc', { id: descId }, description),
  );
}

function legend(series: Series[]): HTMLElement | null {
  if (series.length < 2) return null;
  return h(
    'ul',
    { class: 'chart-legend', 'aria-hidden': 'true' },
    ...series.map((one, i) =>
      h(
        'li',
        {},
        h('span', { class: 'swatch', style: `background:${PALETTE[i % PALETTE.length]}` }),
        one.name,
      ),
    ),
  );
}

function dataTable(
  caption: string,
  headers: string[],
  rows: (string | number)[][],
  rowHeaderFirst = true,
): HTMLElement {
  return h(
    'table',
    { class: 'chart-table' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...headers.map((text) => h('th', { scope: 'col' }, text)))),
    h(
      'tbody',
      {},
      ...rows.map((row) =>
        h(
          'tr',
          {},
          ...row.map((cell, i) =>
            i === 0 && rowHeaderFirst ? h('th', { scope: 'row' }, String(cell)) : h('td', {}, String(cell)),
          ),
        ),
      ),
    ),
  );
}

function figure(title: string, ...children: (Node | null)[]): HTMLElement {
  const captionId = nextId('chart-caption');
  return h(
    'figure',
    { class: 'chart', 'aria-labelledby': captionId },
    h('figcaption', { id: captionId }, title),
    ...children,
  );
}

/**
 * Vertical bars, one per label (e.g. month), stacked by series (e.g. club). The table has a row per label and a
 * column per series, plus a total.
 */
export function stackedBars(
  o: Texts & { labels: string[]; shortLabels?: string[]; series: Series[]; tableCaption: string },
): HTMLElement {
  const [width, height, left, bottom, top] = [640, 240, 64, 28, 12];
  const shown = (value: number) => (o.hidden?.(value) ? 0 : value);
  const totals = o.labels.map((_, i) => o.series.reduce((sum, one) => sum + (one.values[i] ?? 0), 0));
  const drawn = o.labels.map((_, i) => o.series.reduce((sum, one) => sum + shown(one.values[i] ?? 0), 0));
  const { step, top: max } = axisTicks(Math.max(0, ...drawn), o.minStep);
  const plotHeight = height - bottom - top;
  const band = (width - left) / o.labels.length;
  const y = (value: number) => top + plotHeight - (value / max) * plotHeight;
  const svg = svgRoot(width, height, o.title, o.description);
  const axis = s('g', { class: 'chart-axis', 'aria-hidden': 'true' });
  for (let value = 0; value <= max; value += step) {
    axis.append(
      s('line', { x1: left, x2: width, y1: y(value), y2: y(value), class: 'chart-grid' }),
      s('text', { x: left - 6, y: y(value) + 4, 'text-anchor': 'end' }, o.format(value)),
    );
  }
  const bars = s('g', { 'aria-hidden': 'true' });
  o.labels.forEach((label, i) => {
    let base = 0;
    o.series.forEach((one, k) => {
      const value = shown(one.values[i] ?? 0);
      if (value <= 0) return;
      bars.append(
        s(
          'rect',
          {
            x: left + i * band + band * 0.15,
            width: band * 0.7,
            y: y(base + value),
            height: Math.max(0, y(base) - y(base + value)),
            fill: PALETTE[k % PALETTE.length]!,
          },
          s('title', {}, `${label} · ${one.name}: ${o.format(value)}`),
        ),
      );
      base += value;
    });
    axis.append(
      s(
        'text',
        { x: left + i * band + band / 2, y: height - 8, 'text-anchor': 'middle' },
        o.shortLabels?.[i] ?? label,
      ),
    );
  });
  svg.append(axis, bars);
  // One column per label, one row per series: twelve months fit across the page instead of down it.
  const withTotal = Boolean(o.totalHeader) && o.series.length > 1;
  const table = h(
    'table',
    { class: 'chart-table across' },
    h('caption', {}, o.tableCaption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('td', {}),
        ...o.labels.map((label, i) =>
          h(
            'th',
            { scope: 'col' },
            o.shortLabels ? h('abbr', { title: label }, o.shortLabels[i] ?? label) : label,
          ),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      ...o.series.map((one) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, one.name),
          ...o.labels.map((_, i) => h('td', {}, o.format(one.values[i] ?? 0))),
        ),
      ),
      withTotal
        ? h(
            'tr',
            { class: 'total' },
            h('th', { scope: 'row' }, o.totalHeader!),
            ...totals.map((value) => h('td', {}, o.format(value))),
          )
        : null,
    ),
  );
  return figure(
    o.title,
    svg,
    legend(o.series),
    h('div', { class: 'chart-scroll', tabindex: 0, role: 'region', 'aria-label': o.tableCaption }, table),
  );
}

/** Horizontal bars, one per item (e.g. club), largest first as given. */
export function horizontalBars(
  o: Texts & { items: { label: string; value: number }[]; valueHeader: string; tableCaption: string },
): HTMLElement {
  const row = 28;
  const [width, labelWidth] = [640, 200];
  const height = Math.max(row, o.items.length * row) + 8;
  const max = niceMax(Math.max(0, ...o.items.map((i) => i.value)));
  const svg = svgRoot(width, height, o.title, o.description);
  const group = s('g', { 'aria-hidden': 'true' });
  o.items.forEach((item, i) => {
    const barWidth = ((width - labelWidth - 110) * item.value) / max;
    const y = 4 + i * row;
    group.append(
      s('text', { x: labelWidth - 8, y: y + 17, 'text-anchor': 'end' }, clip(item.label, 26)),
      s('rect', {
        x: labelWidth,
        y: y + 4,
        width: Math.max(1, barWidth),
        height: row - 10,
        fill: PALETTE[0]!,
      }),
      s('text', { x: labelWidth + barWidth + 6, y: y + 17 }, o.format(item.value)),
    );
  });
  svg.append(group);
  return figure(
    o.title,
    svg,
    dataTable(
      o.tableCaption,
      [o.rowHeader, o.valueHeader],
      o.items.map((i) => [i.label, o.format(i.value)]),
    ),
  );
}

/**
 * How much of a whole is used, with a marker at the warning threshold. `usedLabel` etc. are the words for the
 * table's rows.
 */
export function progressBar(o: {
  title: string;
  description: string;
  used: number;
  total: number;
  warningShare: number;
  format: (value: number) => string;
  rows: [string, string][];
  headers: [string, string];
  tableCaption: string;
  warning: boolean;
}): HTMLElement {
  const [width, height, barTop, barHeight] = [640, 64, 12, 28];
  const share = o.total > 0 ? Math.min(1, o.used / o.total) : 0;
  const svg = svgRoot(width, height, o.title, o.description);
  const markerX = width * Math.min(1, o.warningShare);
  svg.append(
    s(
      'g',
      { 'aria-hidden': 'true' },
      s('rect', { x: 0, y: barTop, width, height: barHeight, class: 'chart-track' }),
      s('rect', {
        x: 0,
        y: barTop,
        width: width * share,
        height: barHeight,
        fill: o.warning ? PALETTE[5]! : PALETTE[2]!,
      }),
      s('line', {
        x1: markerX,
        x2: markerX,
        y1: barTop - 8,
        y2: barTop + barHeight + 8,
        class: 'chart-marker',
      }),
    ),
  );
  return figure(o.title, svg, dataTable(o.tableCaption, o.headers, o.rows));
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
