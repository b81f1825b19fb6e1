// Arabic joining for terminals that neither reorder nor shape (xterm, Alacritty, kitty…):
// each letter is replaced by its presentation form (isolated, final, initial or medial), and
// lam followed by an alef becomes the one-cell lam-alef ligature, so that the visual-order
// text reads joined as in print. A terminal that shapes by itself leaves presentation forms
// alone, so joined text is safe to send to any terminal in visual mode.
//
// Joining follows the Unicode joining types (ArabicShaping.txt) for the letters news text
// uses: D joins on both sides, R only to the letter before it, C (tatweel, ZWJ) makes its
// neighbours join, T (harakat and other marks) is skipped, anything else breaks joining.

type Forms = readonly [isolated: number, final: number, initial?: number, medial?: number];

// Letter → presentation forms. Letters with two forms are right-joining (R); with four,
// dual-joining (D). Presentation Forms-B for the Arabic letters, Forms-A for the Persian and
// Urdu ones; each entry is checked against its compatibility decomposition by a test.
const FORMS = new Map<number, Forms>([
  [0x0622, [0xfe81, 0xfe82]],
  [0x0623, [0xfe83, 0xfe84]],
  [0x0624, [0xfe85, 0xfe86]],
  [0x0625, [0xfe87, 0xfe88]],
  [0x0626, [0xfe89, 0xfe8a, 0xfe8b, 0xfe8c]],
  [0x0627, [0xfe8d, 0xfe8e]],
  [0x0628, [0xfe8f, 0xfe90, 0xfe91, 0xfe92]],
  [0x0629, [0xfe93, 0xfe94]],
  [0x062a, [0xfe95, 0xfe96, 0xfe97, 0xfe98]],
  [0x062b, [0xfe99, 0xfe9a, 0xfe9b, 0xfe9c]],
  [0x062c, [0xfe9d, 0xfe9e, 0xfe9f, 0xfea0]],
  [0x062d, [0xfea1, 0xfea2, 0xfea3, 0xfea4]],
  [0x062e, [0xfea5, 0xfea6, 0xfea7, 0xfea8]],
  [0x062f, [0xfea9, 0xfeaa]],
  [0x0630, [0xfeab, 0xfeac]],
  [0x0631, [0xfead, 0xfeae]],
  [0x0632, [0xfeaf, 0xfeb0]],
  [0x0633, [0xfeb1, 0xfeb2, 0xfeb3, 0xfeb4]],
  [0x0634, [0xfeb5, 0xfeb6, 0xfeb7, 0xfeb8]],
  [0x0635, [0xfeb9, 0xfeba, 0xfebb, 0xfebc]],
  [0x0636, [0xfebd, 0xfebe, 0xfebf, 0xfec0]],
  [0x0637, [0xfec1, 0xfec2, 0xfec3, 0xfec4]],
  [0x0638, [0xfec5, 0xfec6, 0xfec7, 0xfec8]],
  [0x0639, [0xfec9, 0xfeca, 0xfecb, 0xfecc]],
  [0x063a, [0xfecd, 0xfece, 0xfecf, 0xfed0]],
  [0x0641, [0xfed1, 0xfed2, 0xfed3, 0xfed4]],
  [0x0642, [0xfed5, 0xfed6, 0xfed7, 0xfed8]],
  [0x0643, [0xfed9, 0xfeda, 0xfedb, 0xfedc]],
  [0x0644, [0xfedd, 0xfede, 0xfedf, 0xfee0]],
  [0x0645, [0xfee1, 0xfee2, 0xfee3, 0xfee4]],
  [0x0646, [0xfee5, 0xfee6, 0xfee7, 0xfee8]],
  [0x0647, [0xfee9, 0xfeea, 0xfeeb, 0xfeec]],
  [0x0648, [0xfeed, 0xfeee]],
  // Alef maksura is dual-joining, but its initial and medial forms are missing from most
  // fonts; it nearly always ends a word, so it is drawn as if right-joining.
  [0x0649, [0xfeef, 0xfef0]],
  [0x064a, [0xfef1, 0xfef2, 0xfef3, 0xfef4]],
  [0x0671, [0xfb50, 0xfb51]],
  [0x0679, [0xfb66, 0xfb67, 0xfb68, 0xfb69]],
  [0x067e, [0xfb56, 0xfb57, 0xfb58, 0xfb59]],
  [0x0686, [0xfb7a, 0xfb7b, 0xfb7c, 0xfb7d]],
  [0x0688, [0xfb88, 0xfb89]],
  [0x0691, [0xfb8c, 0xfb8d]],
  [0x0698, [0xfb8a, 0xfb8b]],
  [0x06a4, [0xfb6a, 0xfb6b, 0xfb6c, 0xfb6d]],
  [0x06a9, [0xfb8e, 0xfb8f, 0xfb90, 0xfb91]],
  [0x06af, [0xfb92, 0xfb93, 0xfb94, 0xfb95]],
  [0x06ba, [0xfb9e, 0xfb9f]],
  [0x06be, [0xfbaa, 0xfbab, 0xfbac, 0xfbad]],
  [0x06c1, [0xfba6, 0xfba7, 0xfba8, 0xfba9]],
  [0x06cc, [0xfbfc, 0xfbfd, 0xfbfe, 0xfbff]],
  [0x06d2, [0xfbae, 0xfbaf]],
]);

// Lam + alef (with madda, hamza above, hamza below, plain) → [isolated, final] ligature.
const LAM = 0x0644;
const LAM_ALEF = new Map<number, readonly [number, number]>([
  [0x0622, [0xfef5, 0xfef6]],
  [0x0623, [0xfef7, 0xfef8]],
  [0x0625, [0xfef9, 0xfefa]],
  [0x0627, [0xfefb, 0xfefc]],
]);

type JoiningType = 'D' | 'R' | 'C' | 'T' | 'U';

// Marks are transparent: a letter joins across the harakat on its neighbour.
const TRANSPARENT = /^[\p{Mn}\p{Me}\u200b]$/u;

function joiningType(cp: number): JoiningType {
  if (cp === 0x0640 || cp === 0x200d) return 'C';
  const forms = FORMS.get(cp);
  if (forms) return forms.length === 4 ? 'D' : 'R';
  if (cp >= 0x0300 && TRANSPARENT.test(String.fromCodePoint(cp))) return 'T';
  return 'U';
}

/** Whether the text holds a letter this module shapes. */
export function hasShapeableArabic(text: string): boolean {
  return /[\u0621-\u064a\u0671-\u06d2]/u.test(text);
}

/**
 * The joined form of each code point of `text`, by UTF-16 offset: a presentation form for
 * each letter that has one, '' for an alef taken into a lam-alef ligature (the ligature
 * stands at the lam's offset), and the character itself otherwise.
 */
export function shapeArabic(text: string): Map<number, string> {
  const cps: { cp: number; at: number; type: JoiningType }[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) as number;
    cps.push({ cp, at: i, type: joiningType(cp) });
    i += cp > 0xffff ? 2 : 1;
  }
  const out = new Map<number, string>();
  // Index of the nearest non-transparent code point on each side.
  const neighbour = (k: number, step: 1 | -1): number => {
    for (let j = k + step; j >= 0 && j < cps.length; j += step) if ((cps[j] as { type: JoiningType }).type !== 'T') return j;
    return -1;
  };
  const joinsForward = (j: number): boolean => j >= 0 && ((cps[j] as { type: JoiningType }).type === 'D' || (cps[j] as { type: JoiningType }).type === 'C');
  const joinsBackward = (j: number): boolean => {
    if (j < 0) return false;
    const t = (cps[j] as { type: JoiningType }).type;
    return t === 'D' || t === 'R' || t === 'C';
  };
  for (let k = 0; k < cps.length; k++) {
    const c = cps[k] as { cp: number; at: number; type: JoiningType };
    const forms = FORMS.get(c.cp);
    if (!forms || out.has(c.at)) continue;
    const prev = neighbour(k, -1);
    const next = neighbour(k, 1);
    const fromPrev = joinsForward(prev);
    if (c.cp === LAM && next >= 0 && next === k + 1) {
      const lig = LAM_ALEF.get((cps[next] as { cp: number }).cp);
      if (lig) {
        out.set(c.at, String.fromCodePoint(fromPrev ? lig[1] : lig[0]));
        out.set((cps[next] as { at: number }).at, '');
        continue;
      }
    }
    const toNext = c.type === 'D' && joinsBackward(next);
    let form: number | undefined;
    if (fromPrev && toNext) form = forms[3];
    else if (fromPrev) form = forms[1];
    else if (toNext) form = forms[2];
    else form = forms[0];
    out.set(c.at, String.fromCodePoint(form ?? c.cp));
  }
  return out;
}

/** Text with its Arabic letters joined, still in logical order (a test aid and for simple cases). */
export function joinArabic(text: string): string {
  const shaped = shapeArabic(text);
  let s = '';
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) as number;
    const len = cp > 0xffff ? 2 : 1;
    s += shaped.get(i) ?? text.slice(i, i + len);
    i += len;
  }
  return s;
}

/** Whether `cp` and the code point after it are a lam-alef pair (a terminal that shapes draws them in one cell). */
export function isLamAlef(cp: number, nextCp: number | undefined): boolean {
  return cp === LAM && nextCp !== undefined && LAM_ALEF.has(nextCp);
}

/** How many lam-alef pairs the text holds: each is one cell fewer where the terminal joins them into a ligature. */
export function lamAlefCount(text: string): number {
  let n = 0;
  for (let i = 0; i + 1 < text.length; i++) if (isLamAlef(text.charCodeAt(i), text.charCodeAt(i + 1))) n++;
  return n;
}
