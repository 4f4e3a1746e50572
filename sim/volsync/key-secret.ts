// The rsync-tls pre-shared key: the `psk.txt` entry of the Secret spec.rsyncTLS.keySecret names
// (Ramen's `<vrgName>-vs-secret`, propagated to both clusters). Source and destination must hold the
// same key or the TLS handshake fails.

import type { KubeObject } from '../../engine/api/meta.js';
import { VOLSYNC_PSK_KEY } from '../../engine/api/storage/volsync.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import { isNotFound } from '../../engine/runtime/errors.js';

const SECRET_KIND = { apiVersion: 'v1', kind: 'Secret' };

interface SecretShape extends KubeObject {
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

export type KeyLookup = { ok: true; psk: string } | { ok: false; message: string };

export async function readPsk(client: ClusterClient, namespace: string, secretName: string | undefined): Promise<KeyLookup> {
  if (!secretName) return { ok: false, message: 'spec.rsyncTLS.keySecret is not set (generated keys are not modelled)' };
  let secret: SecretShape;
  try {
    secret = await client.get<SecretShape>(SECRET_KIND, { namespace, name: secretName });
  } catch (err) {
    if (isNotFound(err)) return { ok: false, message: `secrets "${secretName}" not found` };
    return { ok: false, message: (err as Error).message };
  }
  const encoded = secret.data?.[VOLSYNC_PSK_KEY];
  const psk = encoded !== undefined ? Buffer.from(encoded, 'base64').toString('utf8') : secret.stringData?.[VOLSYNC_PSK_KEY];
  if (psk === undefined || psk === '') return { ok: false, message: `secret ${secretName} has no ${VOLSYNC_PSK_KEY}` };
  return { ok: true, psk };
}
