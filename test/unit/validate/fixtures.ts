// Loads the manifest fixtures of test/fixtures/manifests for the validate tests.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ManifestInput } from '../../../validate/index.js';

export const FIXTURES = join(process.cwd(), 'test/fixtures/manifests');

export function fixture(relative: string): ManifestInput {
  return { file: relative, text: readFileSync(join(FIXTURES, relative), 'utf8') };
}
