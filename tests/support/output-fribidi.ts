// GNU FriBidi's command-line tool as a test oracle for src/output/bidi.ts.
//
// `fribidi --nopad --nobreak --clean` prints one visual-order line per input line, with no
// right-justifying padding and no wrapping; `--rtl`/`--ltr` force the base direction
// (default: from the first strong character, LTR when there is none). It mirrors brackets
// at odd levels (L4) unless `--nomirror`, and keeps marks after their base letter.
// It also shapes Arabic into presentation forms (U+FB50–FDFF, U+FE70–FEFC) and drops ZWJ/ZWNJ
// once used for shaping, so its output is normalized back before comparing.

import { execFileSync, spawnSync } from 'node:child_process';

/** True when the `fribidi` executable can be run. */
export function fribidiAvailable(): boolean {
  const r = spawnSync('fribidi', ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

/**
 * Undo FriBidi's shaping so its output compares with unshaped visual text: presentation
 * forms back to letters (a lam-alef ligature becomes alef + its marks + lam, the visual order
 * of the pair), and the joiners and ZWSP/BOM, which FriBidi drops, removed.
 */
export function unshape(visual: string): string {
  const ligaturesFixed = visual.replace(/([\ufef5-\ufefc])(\p{Mn}*)/gu, (_m, lig: string, marks: string) => {
    const [lam, alef] = Array.from(lig.normalize('NFKC'));
    return `${alef ?? ''}${marks}${lam ?? ''}`;
  });
  let out = '';
  for (const ch of ligaturesFixed) {
    const cp = ch.codePointAt(0) as number;
    if ((cp >= 0xfb50 && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfefe)) out += ch.normalize('NFKC');
    else if (cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0xfeff) continue;
    else out += ch;
  }
  return out;
}

/** FriBidi's visual order for each line (unshaped); base 'auto' uses the first strong character. */
export function fribidiVisual(lines: readonly string[], base: 'auto' | 'rtl' | 'ltr' = 'auto'): string[] {
  if (lines.some((l) => l.includes('\n'))) throw new Error('fribidiVisual takes single lines');
  const args = ['--nopad', '--nobreak', '--clean'];
  if (base === 'rtl') args.push('--rtl');
  if (base === 'ltr') args.push('--ltr');
  const out = execFileSync('fribidi', args, { input: lines.join('\n') + '\n', encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const visual = out.split('\n').slice(0, lines.length);
  return visual.map(unshape);
}
