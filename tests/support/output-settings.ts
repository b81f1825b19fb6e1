// Output settings for formatter tests: a plain terminal (no bidi reordering, no colour)
// unless a test asks for more.

import type { OutputFormat, OutputSettings } from '../../src/output/terminal';

export function outputSettings(format: OutputFormat, extra: Partial<OutputSettings> = {}): OutputSettings {
  return {
    format,
    bidi: 'off',
    lamAlefOneCell: false,
    marksTakeCells: false,
    lang: 'en',
    explicitEscapes: false,
    color: false,
    width: 120,
    bidiReason: 'test',
    ...extra,
  };
}
