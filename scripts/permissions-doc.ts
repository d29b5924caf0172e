import { writeFileSync } from 'node:fs';
import { renderPermissionsDoc } from '../shared/ops/permissions-doc.js';

writeFileSync(new URL('../docs/permissions.md', import.meta.url), renderPermissionsDoc());
console.log('docs/permissions.md written from shared/ops/permissions.ts');
