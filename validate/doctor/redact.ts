// The doctor shows what it reads, including condition messages Ramen writes, and those can quote an
// access key ("access denied for key ..."). Every credential the doctor knows is masked in its
// output: a secret key wherever it appears, an access key id wherever it stands as a token of its
// own (so that a short id such as "minio" does not mangle a URL like http://minio.minio.svc).

import type { S3Credentials } from '../../engine/runtime/object-store.js';
import type { Check } from './doctor-types.js';

const MASK = '***';

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function redactText(text: string, credentials: readonly S3Credentials[]): string {
  let out = text;
  for (const c of credentials) {
    if (c.secretAccessKey.length > 0) out = out.split(c.secretAccessKey).join(MASK);
    if (c.accessKeyId.length > 0) out = out.replace(new RegExp(`(?<![\\w.\\-/:@])${escape(c.accessKeyId)}(?![\\w.\\-/:@])`, 'g'), MASK);
  }
  return out;
}

export function redactChecks(checks: readonly Check[], credentials: readonly S3Credentials[]): Check[] {
  return checks.map((c) => ({ ...c, detail: redactText(c.detail, credentials), ...(c.fix === undefined ? {} : { fix: redactText(c.fix, credentials) }) }));
}
