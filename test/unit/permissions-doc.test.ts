import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { renderPermissionsDoc } from '../../shared/ops/permissions-doc.js';

describe('docs/permissions.md', () => {
  it('is exactly what the permission matrix renders (run npm run docs:permissions after changing it)', () => {
    const checkedIn = readFileSync(new URL('../../docs/permissions.md', import.meta.url), 'utf8');
    expect(checkedIn).toBe(renderPermissionsDoc());
  });
});
