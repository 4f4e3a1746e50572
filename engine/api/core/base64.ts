// Strict base64 as Go's encoding/json decodes []byte fields (Secret data, ConfigMap binaryData):
// standard alphabet, padding required; a bad value fails decoding at the first offending byte.

/** The byte offset Go would report for invalid base64 (approximately), or -1 when the text decodes. */
export function base64ErrorOffset(text: string): number {
  // Go skips CR and LF inside base64.
  const s = text.replace(/[\r\n]/g, '');
  const dataLen = /^[A-Za-z0-9+/]*/.exec(s)![0].length;
  const rest = s.slice(dataLen);
  const stray = rest.search(/[^=]/);
  if (stray >= 0) return dataLen + stray;
  if (rest.length > 2) return dataLen + 2;
  if (s.length % 4 !== 0) return s.length - (s.length % 4);
  return -1;
}

export function isBase64(text: string): boolean {
  return base64ErrorOffset(text) < 0;
}

export function encodeBase64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

export function decodeBase64(data: string): string {
  return Buffer.from(data, 'base64').toString('utf8');
}

export function decodedLength(data: string): number {
  return Buffer.from(data, 'base64').length;
}
