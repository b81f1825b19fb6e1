// The on-disk index: a folder holding a manifest and immutable segments. The manifest is
// replaced atomically (write, sync, rename), and segment files are never modified once
// written, so a reader that has read a manifest sees one consistent index whatever a
// writer does meanwhile. What each segment file holds is described in segment-writer.ts.

export const FORMAT_NAME = 'newsq-index';
export const FORMAT_VERSION = 6;
export const MANIFEST = 'manifest.json';
export const LOCK = 'lock';

/** One segment as the manifest records it. */
export interface SegmentInfo {
  name: string;
  docCount: number;
  /** Deletion bitmap file, or null. */
  deletions: string | null;
  deletedCount: number;
  /** Byte size of each of the segment's files, by extension: checked when a file is opened. */
  sizes: Record<string, number>;
}

/** The manifest: everything a reader needs to open the index. */
export interface Manifest {
  format: typeof FORMAT_NAME;
  formatVersion: number;
  analyzerVersion: number;
  analyzerFingerprint: string;
  /** The archive's UTC offset, used for its local dates. */
  utcOffset: string;
  generation: number;
  created: string;
  updated: string;
  fields: string[];
  segments: SegmentInfo[];
  /** Live documents, and the sum of each length column over them (for BM25's averages). */
  documentCount: number;
  totalFieldLength: number[];
  /** Date span of the archive (local days), for open date ranges and stats. */
  firstDay: string | null;
  lastDay: string | null;
  /** Inputs the index was built from (relative to the index folder), and a digest of their contents. */
  inputs: string[];
  inputsDigest: string;
  /** Index-level JSON files: keyword vocabulary and resolved related-story links. */
  sidecars: { keywords: string | null; links: string | null };
  /** Size and CRC-32 of each sidecar: they are JSON, so an edit can keep them parseable. */
  sidecarSums: { keywords: FileSum | null; links: FileSum | null };
  /** CRC-32 (hex) of the manifest's JSON without this field; added when it is written. */
  checksum?: string;
}

/** Byte size and CRC-32 of a file, recorded when it was written. */
export interface FileSum {
  size: number;
  crc: number;
}

export { dayNumber, dayString } from './schema';
