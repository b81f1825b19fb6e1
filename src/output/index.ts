// The output layer's public surface, for commands that prefer one import.

export { renderBars, type BarSettings } from './bars';
export { bidiClass, firstStrongDirection, mirrorOf, resolveLevels, toVisual, visualClusters, type BaseDirection, type BidiClass } from './bidi';
export { formatCsv, formatJson, formatNdjson, formatTsv } from './formats';
export { palette, type Span } from './line';
export { renderArticleText, type ParagraphSettings } from './paragraphs';
export { escapeJsonText, isBidiControl, sanitizeForTerminal, type SanitizeOptions } from './sanitize';
export { fitColumnWidths, renderTable, type Cell, type ColumnSpec, type TableSettings, type TableSpec } from './table';
export {
  BIDI_EXPLICIT_MODE,
  BIDI_IMPLICIT_MODE,
  BIDI_SETTINGS,
  COLOR_SETTINGS,
  OUTPUT_FORMATS,
  colorEnabled,
  detectBidiMode,
  resolveBidi,
  resolveOutputSettings,
  terminalWidth,
  withExplicitBidiMode,
  writeRendered,
  type BidiDecision,
  type BidiMode,
  type BidiSetting,
  type ColorSetting,
  type Env,
  type OutputFormat,
  type OutputSettings,
} from './terminal';
export { renderTree, type TreeNode, type TreeSettings } from './tree';
export { graphemes, stringWidth, truncate, wrap } from './width';
