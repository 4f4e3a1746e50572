// Server-assigned identities. Real servers draw uids and generateName suffixes at random; the
// simulator derives them from the server's name and a counter so that every run assigns the same
// ones, while two simulated clusters never hand out the same uid.

function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0').slice(-width);

/** A version-4-shaped UUID: 64 bits from the server name, 48 bits of counter. */
export function deterministicUid(serverName: string, counter: number): string {
  const a = fnv1a(serverName);
  const b = fnv1a(serverName, 0x01000193 ^ a);
  return `${hex(a, 8)}-${hex(b >>> 16, 4)}-4${hex(b, 3)}-8${hex(Math.floor(counter / 0x1000000000000), 3)}-${hex(counter % 0x1000000000000, 12)}`;
}

// The alphabet of the API server's generateName suffixes: no vowels, no easily confused characters.
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Five characters, as `metadata.generateName` gets from a real server. */
export function generatedSuffix(serverName: string, counter: number): string {
  let h = fnv1a(`${serverName}#${counter}`);
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += SUFFIX_ALPHABET[h % SUFFIX_ALPHABET.length];
    h = Math.floor(h / SUFFIX_ALPHABET.length);
  }
  return out;
}
