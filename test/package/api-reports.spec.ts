import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

/**
 * The committed API reports (etc/api, written by `npm run api:update`) are what a reviewer reads
 * of the public surface. An internal type named in a public signature, or a doc link to a name
 * users cannot import, would show there as an API Extractor warning; `npm run api:check` fails
 * on them too, but only after a build.
 */
const reportDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'etc', 'api');
const reports = readdirSync(reportDir).filter((file) => file.endsWith('.api.md'));

describe('API reports', () => {
  it('cover every entry point', () => {
    expect(reports.sort()).toEqual([
      'nestjs-alternator-core.api.md',
      'nestjs-alternator-health.api.md',
      'nestjs-alternator-testing.api.md',
      'nestjs-alternator-vector.api.md',
      'nestjs-alternator.api.md',
    ]);
  });

  it.each(reports)('%s names no internal and links to no unexported name', (report) => {
    const leaks = readFileSync(join(reportDir, report), 'utf8')
      .split('\n')
      .filter((line) => /\((ae-forgotten-export|ae-unresolved-link)\)/.test(line))
      .map((line) => line.trim());
    expect(leaks).toEqual([]);
  });
});
