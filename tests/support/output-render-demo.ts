// Run inside a tmux pane by tests/e2e/tmux-table.test.ts: prints one table between marker
// lines. Arguments: table name (demo | hostile), bidi mode, width.

import { renderTable } from '../../src/output/table';
import type { BidiMode } from '../../src/output/terminal';
import { demoTable, hostileTable } from './output-demo-table';

const [name = 'demo', mode = 'visual', width = '100'] = process.argv.slice(2);
const table = name === 'hostile' ? hostileTable : demoTable;
process.stdout.write('<<<BEGIN\n');
process.stdout.write(renderTable(table, { bidi: mode as BidiMode, color: false, width: Number(width) }));
process.stdout.write('>>>END\n');
