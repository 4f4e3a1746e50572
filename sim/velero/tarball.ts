// Velero stores a backup's objects as a gzipped POSIX tar (`<backup>.tar.gz`). The simulator writes a
// real ustar archive, with a PAX header for paths longer than ustar allows, so the bytes in the S3
// model are what `tar -xzf` would read. Only regular files are written or read. Entry times come
// from the caller (the backup's start time), never from the wall clock.

import { gunzipSync, gzipSync } from 'node:zlib';

const BLOCK = 512;

export interface TarEntry {
  path: string;
  body: Uint8Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function writeField(header: Uint8Array, offset: number, length: number, text: string): void {
  const bytes = encoder.encode(text);
  if (bytes.length > length) throw new RangeError(`tar field too long: ${text}`);
  header.set(bytes, offset);
}

function writeOctal(header: Uint8Array, offset: number, length: number, value: number): void {
  // Octal digits, zero padded, followed by a NUL, as ustar expects.
  writeField(header, offset, length, value.toString(8).padStart(length - 1, '0') + '\0');
}

function header(name: string, prefix: string, size: number, mtimeSeconds: number, typeflag: string): Uint8Array {
  const h = new Uint8Array(BLOCK);
  writeField(h, 0, 100, name);
  writeOctal(h, 100, 8, 0o644);
  writeOctal(h, 108, 8, 0);
  writeOctal(h, 116, 8, 0);
  writeOctal(h, 124, 12, size);
  writeOctal(h, 136, 12, mtimeSeconds);
  writeField(h, 148, 8, '        ');
  writeField(h, 156, 1, typeflag);
  writeField(h, 257, 6, 'ustar\0');
  writeField(h, 263, 2, '00');
  writeField(h, 345, 155, prefix);
  let sum = 0;
  for (const b of h) sum += b;
  writeField(h, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return h;
}

/** Splits a path into ustar's prefix and name fields, or returns undefined when it does not fit. */
function splitUstar(path: string): { prefix: string; name: string } | undefined {
  if (encoder.encode(path).length <= 100) return { prefix: '', name: path };
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (encoder.encode(name).length <= 100 && encoder.encode(prefix).length <= 155) return { prefix, name };
  }
  return undefined;
}

/** A PAX record is `<len> key=value\n` where len counts the whole record, its own digits included. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = encoder.encode(body).length;
  for (;;) {
    const total = String(len).length + encoder.encode(body).length;
    if (total === len) return `${len}${body}`;
    len = total;
  }
}

function padded(body: Uint8Array): Uint8Array[] {
  const rest = body.length % BLOCK;
  return rest === 0 ? [body] : [body, new Uint8Array(BLOCK - rest)];
}

export function writeTar(entries: readonly TarEntry[], mtimeSeconds: number): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const e of entries) {
    const split = splitUstar(e.path);
    if (split) {
      parts.push(header(split.name, split.prefix, e.body.length, mtimeSeconds, '0'));
    } else {
      const pax = encoder.encode(paxRecord('path', e.path));
      parts.push(header('PaxHeaders/entry', '', pax.length, mtimeSeconds, 'x'), ...padded(pax));
      parts.push(header(e.path.slice(-100).replace(/^[^/]*\//, ''), '', e.body.length, mtimeSeconds, '0'));
    }
    parts.push(...padded(e.body));
  }
  parts.push(new Uint8Array(BLOCK * 2));
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function readString(block: Uint8Array, offset: number, length: number): string {
  const slice = block.subarray(offset, offset + length);
  const nul = slice.indexOf(0);
  return decoder.decode(nul < 0 ? slice : slice.subarray(0, nul));
}

function readOctal(block: Uint8Array, offset: number, length: number): number {
  const text = readString(block, offset, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

export function readTar(archive: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let at = 0;
  let paxPath: string | undefined;
  while (at + BLOCK <= archive.length) {
    const block = archive.subarray(at, at + BLOCK);
    if (block.every((b) => b === 0)) break;
    const name = readString(block, 0, 100);
    const prefix = readString(block, 345, 155);
    const size = readOctal(block, 124, 12);
    const type = readString(block, 156, 1);
    const body = archive.slice(at + BLOCK, at + BLOCK + size);
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x') {
      for (const m of decoder.decode(body).matchAll(/^\d+ path=(.*)$/gm)) paxPath = m[1];
      continue;
    }
    if (type !== '0' && type !== '') continue;
    entries.push({ path: paxPath ?? (prefix ? `${prefix}/${name}` : name), body });
    paxPath = undefined;
  }
  return entries;
}

export function gzip(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(gzipSync(bytes));
}

export function gunzip(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(gunzipSync(bytes));
}
