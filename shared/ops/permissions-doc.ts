import { roleNames } from './context.js';
import { permissions, type Permission } from './permissions.js';

const scopeOf = { read: 'clerq:read', write: 'clerq:write' } as const;

function cell(p: Permission, role: (typeof roleNames)[number]): string {
  if (!p.roles.includes(role)) return '—';
  return p.own?.roles.includes(role) ? `own ${p.own.records}` : 'yes';
}

function remarks(p: Permission): string {
  const rules = Object.values(p.rules ?? {}).map((r) => `${r.what}: ${r.roles.join(' or ')} only.`);
  return [...rules, ...(p.note ? [p.note] : [])].join(' ');
}

/** docs/permissions.md, rendered from the permission matrix so the two cannot disagree. */
export function renderPermissionsDoc(): string {
  const rows = Object.entries(permissions as Record<string, Permission>).map(
    ([name, p]) => `| ${name} | ${p.door === 'tool' ? 'MCP tool and web' : 'web only'} | ${scopeOf[p.access]} | ${roleNames.map((r) => cell(p, r)).join(' | ')} | ${remarks(p)} |`,
  );
  return `# Permissions

<!-- Rendered from shared/ops/permissions.ts by \`npm run docs:permissions\`; test/unit/permissions-doc.test.ts fails when this file drifts. -->

Who may call each operation. This is the one permission matrix: the operations read it, the MCP
endpoint and the web app both run operations through the same check (\`runOperation\`), and this page
is rendered from it.

- **Scope.** A connection approved as *Read only* holds \`clerq:read\` and may call the operations
  marked \`clerq:read\`; *Read and write* holds both scopes. A write through a read-only connection is
  refused with \`read_only\` before anything is read. A person in the web app holds both scopes;
  their role still applies.
- **Role.** \`yes\`: the role may call it. \`—\`: refused with \`forbidden\`, before the arguments are
  looked at, so a refusal reveals nothing about them. \`own …\`: the role may call it, but reaches only
  its own records; naming another member's record is \`forbidden\`, and lists contain only its own.
- **Rules** narrow an operation further for some of the roles that may call it.
- **Web only** operations are not MCP tools, on purpose: role changes, removals and ownership stay
  with people.
- A business always keeps at least one owner: demoting or removing its last owner, or the last owner
  leaving, is refused with \`conflict\`, even when two such requests race. Removing a member, or a member leaving,
  revokes their connections (OAuth grants) to the business at once.

| operation | door | scope | owner | admin | member | rules |
|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
}
