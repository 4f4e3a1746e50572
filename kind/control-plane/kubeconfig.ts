// Kubeconfig files for the loopback API servers: a static bearer token, and TLS verification off
// because kube-apiserver serves a self-signed certificate it generated for itself at first start.

import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

export function kubeconfigYaml(clusterName: string, server: string, token: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: clusterName, cluster: { server, 'insecure-skip-tls-verify': true } }],
    users: [{ name: `${clusterName}-admin`, user: { token } }],
    contexts: [{ name: clusterName, context: { cluster: clusterName, user: `${clusterName}-admin` } }],
    'current-context': clusterName,
  });
}

export function writeKubeconfig(path: string, clusterName: string, server: string, token: string): void {
  writeFileSync(path, kubeconfigYaml(clusterName, server, token), { mode: 0o600 });
}
