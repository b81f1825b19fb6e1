// Writes small zip archives for the import tests, from the format's description
// (APPNOTE 4.3): local headers, central directory, end record. Entries are stored or
// deflated with node's zlib, names flagged as UTF-8.

import { crc32, deflateRawSync } from 'node:zlib';

/** One file to put in a zip. */
export interface ZipInput {
  name: string;
  data: Buffer | string;
  /** 'store' (method 0) or 'deflate' (method 8, the default). */
  method?: 'store' | 'deflate';
  /** Set the "encrypted" flag (the data stays readable; readers must refuse it). */
  encrypted?: boolean;
  /** Compression method number to write instead (e.g. 12 for bzip2), data stored as is. */
  rawMethod?: number;
}

const UTF8_NAMES = 0x0800;
// 2015-07-23 10:00:00 in MS-DOS time and date.
const DOS_TIME = (10 << 11) | (0 << 5) | 0;
const DOS_DATE = ((2015 - 1980) << 9) | (7 << 5) | 23;

/** Builds a zip archive holding the given entries, with an optional archive comment. */
export function makeZip(entries: ZipInput[], comment = ''): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : e.data;
    const method = e.rawMethod ?? (e.method === 'store' ? 0 : 8);
    const stored = method === 8 ? deflateRawSync(raw) : raw;
    const name = Buffer.from(e.name, 'utf8');
    const flags = UTF8_NAMES | (e.encrypted ? 1 : 0);
    const crc = crc32(raw) >>> 0;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, stored);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + stored.length;
  }
  const dir = Buffer.concat(centrals);
  const commentBytes = Buffer.from(comment, 'utf8');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(commentBytes.length, 20);
  return Buffer.concat([...locals, dir, end, commentBytes]);
}
