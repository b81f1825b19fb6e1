// The pages of --format html in a real browser: Debian's headless Chromium, driven over the
// DevTools protocol on a pipe (--remote-debugging-pipe: NUL-terminated JSON on descriptors 3
// and 4), loads each page from a file and reports how it laid out: right to left, nothing
// wider than the window (also a phone's), the chart's bars, marked matches, a nested tree,
// Hijri dates when asked, and no request for anything outside the page. A screenshot of each
// is taken (kept with NEWSQ_KEEP_SHOTS=1, to look at).

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, useDemoIndex } from '../support/cli';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`html-browser.test: ${CHROMIUM} is missing (apt-get install chromium); the pages are not rendered in a browser`);

const { tmp, demo } = useDemoIndex('html-browser');

/** A DevTools protocol client over Chromium's debugging pipe. */
class Browser {
  private next = 1;
  private buffer = '';
  private readonly pending = new Map<number, { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  private readonly waiters: Array<{ method: string; sessionId: string; resolve: () => void }> = [];

  private constructor(
    private readonly child: ChildProcess,
    private readonly out: Writable,
    input: Readable,
  ) {
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => {
      this.buffer += chunk;
      for (let end = this.buffer.indexOf('\0'); end >= 0; end = this.buffer.indexOf('\0')) {
        const message = JSON.parse(this.buffer.slice(0, end)) as { id?: number; result?: Record<string, unknown>; error?: { message: string }; method?: string; sessionId?: string };
        this.buffer = this.buffer.slice(end + 1);
        if (message.id !== undefined) {
          const p = this.pending.get(message.id);
          this.pending.delete(message.id);
          if (message.error) p?.reject(new Error(message.error.message));
          else p?.resolve(message.result ?? {});
        } else if (message.method) {
          const at = this.waiters.findIndex((w) => w.method === message.method && w.sessionId === message.sessionId);
          if (at >= 0) this.waiters.splice(at, 1)[0]!.resolve();
        }
      }
    });
  }

  static launch(profile: string): Browser {
    const child = spawn(
      CHROMIUM,
      ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--no-first-run', '--no-default-browser-check', '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank'],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
    );
    return new Browser(child, child.stdio[3] as Writable, child.stdio[4] as Readable);
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.next++;
    const done = new Promise<Record<string, unknown>>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.out.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    return done;
  }

  event(method: string, sessionId: string): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ method, sessionId, resolve }));
  }

  /** Loads a file at a window width; what `probe` (an expression) returns, and a screenshot. */
  async render<T>(file: string, width: number, probe: string): Promise<{ value: T; png: Buffer }> {
    const { targetId } = (await this.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await this.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    try {
      await this.send('Emulation.setDeviceMetricsOverride', { width, height: 900, deviceScaleFactor: 1, mobile: false }, sessionId);
      await this.send('Page.enable', {}, sessionId);
      const loaded = this.event('Page.loadEventFired', sessionId);
      await this.send('Page.navigate', { url: `file://${file}` }, sessionId);
      await loaded;
      const evaluated = (await this.send('Runtime.evaluate', { expression: probe, returnByValue: true }, sessionId)) as { result: { value: T }; exceptionDetails?: unknown };
      if (evaluated.exceptionDetails) throw new Error(`probe failed: ${JSON.stringify(evaluated.exceptionDetails)}`);
      const shot = (await this.send('Page.captureScreenshot', { format: 'png' }, sessionId)) as { data: string };
      return { value: evaluated.result.value, png: Buffer.from(shot.data, 'base64') };
    } finally {
      await this.send('Target.closeTarget', { targetId });
    }
  }

  /** Ends the browser, waiting until it has (it writes to its profile until then). */
  close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    const ended = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    return ended;
  }
}

/** What the probe reports about a page. */
interface Layout {
  direction: string;
  dir: string;
  lang: string;
  scrollWidth: number;
  clientWidth: number;
  /** Elements reaching outside the window on either side. */
  outside: string[];
  /** Right edge of the heading's text and the window's width: right-aligned text ends near the right. */
  headingRight: number;
  headingLeft: number;
  innerWidth: number;
  bars: number;
  svgTexts: string[];
  marks: number;
  nestedLists: number;
  times: string[];
  resources: number;
}

const PROBE = `(() => {
  const html = document.documentElement;
  const outside = [...document.body.querySelectorAll('*')]
    .filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.left < -0.5 || r.right > innerWidth + 0.5); })
    .map((e) => e.tagName + '.' + e.className);
  const range = document.createRange();
  range.selectNodeContents(document.querySelector('h1'));
  const h = range.getBoundingClientRect();
  return {
    direction: getComputedStyle(html).direction,
    dir: html.dir,
    lang: html.lang,
    scrollWidth: html.scrollWidth,
    clientWidth: html.clientWidth,
    outside,
    headingRight: h.right,
    headingLeft: h.left,
    innerWidth,
    bars: document.querySelectorAll('svg rect').length,
    svgTexts: [...document.querySelectorAll('svg text')].map((t) => t.textContent),
    marks: document.querySelectorAll('mark').length,
    nestedLists: document.querySelectorAll('.tree ul').length,
    times: [...document.querySelectorAll('time')].map((t) => t.textContent),
    resources: performance.getEntriesByType('resource').length,
  };
})()`;

const shots = process.env.NEWSQ_KEEP_SHOTS ? path.join(process.env.NEWSQ_KEEP_SHOTS === '1' ? tmp.dir : process.env.NEWSQ_KEEP_SHOTS) : null;

describe.skipIf(!haveChromium)('--format html in headless Chromium', () => {
  let browser: Browser;
  const pages = new Map<string, string>();

  /** Writes the page a command prints to a file. */
  function page(name: string, args: string[]): string {
    const r = runCli([...args, '--format', 'html'], demo());
    expect(r.code, r.stderr).toBe(0);
    const file = path.join(tmp.dir, `${name}.html`);
    writeFileSync(file, r.stdout);
    pages.set(name, file);
    return file;
  }

  beforeAll(() => {
    browser = Browser.launch(path.join(tmp.dir, 'profile'));
    if (shots) mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function layout(name: string, file: string, width: number): Promise<Layout> {
    const { value, png } = await browser.render<Layout>(file, width, PROBE);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    if (shots) writeFileSync(path.join(shots, `${name}-${width}.png`), png);
    return value;
  }

  /** What every page must be: right to left, in Arabic, within the window at a desktop's and a phone's width, self-contained. */
  async function checkLayout(name: string, file: string): Promise<Layout> {
    let wide: Layout | undefined;
    for (const width of [1000, 390]) {
      const l = await layout(name, file, width);
      expect(l.direction, name).toBe('rtl');
      expect(l.dir).toBe('rtl');
      expect(l.lang).toBe('ar');
      expect(l.scrollWidth, `${name} at ${width}px: wider than the window`).toBeLessThanOrEqual(l.clientWidth);
      expect(l.outside, `${name} at ${width}px`).toEqual([]);
      // Right-aligned: the heading's text ends at the right and starts nearer it than the left margin.
      expect(l.innerWidth - l.headingRight, name).toBeLessThan(l.innerWidth * 0.1);
      expect(l.resources, `${name}: loaded something`).toBe(0);
      wide ??= l;
    }
    return wide!;
  }

  it('search: right to left, matches marked, nothing overflows', async () => {
    const l = await checkLayout('search', page('search', ['search', 'خامنئي', '-n', '0']));
    expect(l.marks).toBeGreaterThan(10);
    expect(l.times.length).toBeGreaterThan(5);
    for (const t of l.times) expect(t).toMatch(/^20\d\d-\d\d-\d\d$/);
  }, 60_000);

  it('search --calendar hijri: Hijri dates', async () => {
    const l = await checkLayout('search-hijri', page('search-hijri', ['search', 'خامنئي', '--calendar', 'hijri']));
    expect(l.times.length).toBeGreaterThan(0);
    for (const t of l.times) expect(t).toMatch(/^14\d\d-\d\d-\d\d$/);
  }, 60_000);

  it('show: one article', async () => {
    const file = page('show', ['show', '9910a795592f']);
    await checkLayout('show', file);
    expect(readFileSync(file, 'utf8')).toContain('<h1>«خامنئي» يخضع لجراحة');
  }, 60_000);

  it('related: the chain as a nested tree', async () => {
    const l = await checkLayout('related', page('related', ['related', '45a73cc51dcd']));
    expect(l.nestedLists).toBeGreaterThan(1);
  }, 60_000);

  it('timeline: an SVG chart with a bar per period and named axes', async () => {
    const json = JSON.parse(runCli(['timeline', 'إيران', '--by', 'month', '--json'], demo()).stdout) as { periods: Array<{ period: string; count: number }> };
    const l = await checkLayout('timeline', page('timeline', ['timeline', 'إيران', '--by', 'month', '--lang', 'en']));
    expect(l.bars).toBe(json.periods.length);
    expect(l.bars).toBeGreaterThan(0);
    expect(l.svgTexts).toEqual(expect.arrayContaining(['month', 'articles', json.periods[0]!.period]));
  }, 60_000);

  it('timeline --calendar hijri: Hijri months on the axis', async () => {
    const l = await checkLayout('timeline-hijri', page('timeline-hijri', ['timeline', 'إيران', '--by', 'month', '--calendar', 'hijri']));
    expect(l.bars).toBeGreaterThan(0);
    expect(l.svgTexts.filter((t) => /^14\d\d-\d\d$/.test(t)).length).toBeGreaterThan(0);
  }, 60_000);

  it('stats: the summary and the counts as tables', async () => {
    await checkLayout('stats', page('stats', ['stats', '--lang', 'ar']));
  }, 60_000);
});
