import { describe, it, expect, beforeAll } from '@jest/globals';
import { db } from '../../shared/db/service.js';
import { addMember, createBusiness, errorCode, structured, type Member } from '../support/tenant.js';
import { activityCount } from '../support/db-state.js';

type Project = { id: string; client_id: string; name: string; hourly_rate: number | null; billable: boolean; budget_minutes: number | null; status: string; created_at: string; updated_at: string };
type Page = { items: Project[]; next_cursor: string | null };
type Detail = {
  project: Project;
  currency: string;
  effective_rate: { hourly_rate: number | null; currency: string; source: string | null };
  task_counts: { todo: number; in_progress: number; done: number };
  tracked_minutes: number;
  unbilled_minutes: number;
};

const clientOf = async (m: Member, args: Record<string, unknown>) => structured<{ client: { id: string } }>(await m.call('create_client', args)).client.id;
const projectOf = async (m: Member, args: Record<string, unknown>) => structured<{ project: Project }>(await m.call('create_project', args)).project;
const ids = (p: Page) => p.items.map((i) => i.id);

describe('project tools', () => {
  let owner: Member;
  let clientId: string;
  beforeAll(async () => {
    owner = await createBusiness('Atelier Nord', { currency: 'EUR', defaultHourlyRate: 5000 });
    clientId = await clientOf(owner, { name: 'Lumen GmbH', currency: 'GBP', hourly_rate: 9000 });
  });

  it('creates a project with defaults and names where it acted', async () => {
    const r = structured<{ project: Project; acted_on: Record<string, string> }>(await owner.call('create_project', { client_id: clientId, name: 'Website' }));
    expect(r.project).toMatchObject({ client_id: clientId, name: 'Website', hourly_rate: null, billable: true, budget_minutes: null, status: 'active' });
    expect(r.project.id).toMatch(/^prj_/);
    expect(r.acted_on).toEqual({ business_id: owner.businessId, business_name: 'Atelier Nord', user_id: owner.userId, user_name: 'Owner of Atelier Nord' });
  });

  it('gets a project with zero counts, the client currency and the rate through the precedence', async () => {
    const p = await projectOf(owner, { client_id: clientId, name: 'Rates', hourly_rate: 12000, billable: false, budget_minutes: 600 });
    const got = structured<Detail>(await owner.call('get_project', { project_id: p.id }));
    expect(got).toMatchObject({
      project: { id: p.id, hourly_rate: 12000, billable: false, budget_minutes: 600 },
      currency: 'GBP',
      effective_rate: { hourly_rate: 12000, currency: 'GBP', source: 'project' },
      task_counts: { todo: 0, in_progress: 0, done: 0 },
      tracked_minutes: 0,
      unbilled_minutes: 0,
    });
    structured(await owner.call('update_project', { project_id: p.id, hourly_rate: null }));
    expect(structured<Detail>(await owner.call('get_project', { project_id: p.id })).effective_rate).toEqual({ hourly_rate: 9000, currency: 'GBP', source: 'client' });
    structured(await owner.call('update_client', { client_id: clientId, hourly_rate: null }));
    expect(structured<Detail>(await owner.call('get_project', { project_id: p.id })).effective_rate).toEqual({ hourly_rate: 5000, currency: 'GBP', source: 'business' });
    structured(await owner.call('update_client', { client_id: clientId, hourly_rate: 9000 }));

    const bare = await createBusiness('No Rates Ltd');
    const bareProject = await projectOf(bare, { client_id: await clientOf(bare, { name: 'Plain' }), name: 'Plain work' });
    expect(structured<Detail>(await bare.call('get_project', { project_id: bareProject.id })).effective_rate).toEqual({ hourly_rate: null, currency: 'USD', source: null });
  });

  it('reports tracked and unbilled minutes from the project aggregates, and updates never clobber them', async () => {
    const p = await projectOf(owner, { client_id: clientId, name: 'Aggregates' });
    // The time operations keep these; here they are set as those transactions would leave them.
    await db.entities.project.patch({ businessId: owner.businessId, projectId: p.id }).add({ trackedMinutes: 300, billableMinutes: 240, billedMinutes: 90 }).go();
    structured(await owner.call('update_project', { project_id: p.id, name: 'Aggregates renamed', budget_minutes: 1000 }));
    const got = structured<Detail>(await owner.call('get_project', { project_id: p.id }));
    expect(got).toMatchObject({ project: { name: 'Aggregates renamed', budget_minutes: 1000 }, tracked_minutes: 300, unbilled_minutes: 150 });
  });

  it('updates partially, clears with null and keeps the rest', async () => {
    const p = await projectOf(owner, { client_id: clientId, name: 'Partial', hourly_rate: 7000, budget_minutes: 120 });
    const u = structured<{ project: Project; acted_on: { business_id: string } }>(await owner.call('update_project', { project_id: p.id, budget_minutes: null, billable: false }));
    expect(u.project).toMatchObject({ name: 'Partial', hourly_rate: 7000, budget_minutes: null, billable: false, client_id: clientId });
    expect(u.project.updated_at > p.updated_at).toBe(true);
    expect(u.acted_on.business_id).toBe(owner.businessId);
    expect(structured<Detail>(await owner.call('get_project', { project_id: p.id })).project).toEqual(u.project);
  });

  it('cannot move a project to another client', async () => {
    const p = await projectOf(owner, { client_id: clientId, name: 'Stays put' });
    const other = await clientOf(owner, { name: 'Elsewhere' });
    const r = await owner.call('update_project', { project_id: p.id, client_id: other });
    expect(errorCode(r)).toBe('invalid_input');
    expect(JSON.stringify(r.content)).toContain('client_id');
  });

  it('archives and restores, and the lists follow the status', async () => {
    const c = await clientOf(owner, { name: 'Status Client' });
    const a = await projectOf(owner, { client_id: c, name: 'A' });
    const b = await projectOf(owner, { client_id: c, name: 'B' });
    expect(structured<{ project: Project }>(await owner.call('update_project', { project_id: a.id, status: 'archived' })).project.status).toBe('archived');
    expect(ids(structured<Page>(await owner.call('list_projects', { client_id: c })))).toEqual([b.id]);
    expect(ids(structured<Page>(await owner.call('list_projects', { client_id: c, status: 'archived' })))).toEqual([a.id]);
    expect(ids(structured<Page>(await owner.call('list_projects', { client_id: c, status: 'all' })))).toEqual([a.id, b.id]);
    const active = structured<Page>(await owner.call('list_projects', { limit: 100 }));
    expect(ids(active)).toContain(b.id);
    expect(ids(active)).not.toContain(a.id);
    expect(ids(structured<Page>(await owner.call('list_projects', { status: 'archived', limit: 100 })))).toContain(a.id);
    structured(await owner.call('update_project', { project_id: a.id, status: 'active' }));
    expect(ids(structured<Page>(await owner.call('list_projects', { client_id: c })))).toEqual([a.id, b.id]);
  });

  it('refuses a project for an archived client, and restoring a project of an archived client', async () => {
    const c = await clientOf(owner, { name: 'Soon Archived' });
    const p = await projectOf(owner, { client_id: c, name: 'Before archive' });
    structured(await owner.call('update_project', { project_id: p.id, status: 'archived' }));
    structured(await owner.call('archive_client', { client_id: c }));
    const before = await activityCount(owner.businessId);
    const created = await owner.call('create_project', { client_id: c, name: 'After archive' });
    expect(errorCode(created)).toBe('conflict');
    expect(JSON.stringify(created.content)).toContain(`client ${c} is archived`);
    const restored = await owner.call('update_project', { project_id: p.id, status: 'active' });
    expect(errorCode(restored)).toBe('conflict');
    expect(await activityCount(owner.businessId)).toBe(before);
    expect(structured<Page>(await owner.call('list_projects', { client_id: c, status: 'all' })).items.map((x) => x.status)).toEqual(['archived']);
  });

  it('pages through projects with sealed cursors bound to the list and its filters', async () => {
    const biz = await createBusiness('Paging Projects');
    const c = await clientOf(biz, { name: 'Many' });
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await projectOf(biz, { client_id: c, name: `P${i}` })).id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const p = structured<Page>(await biz.call('list_projects', { limit: 2, ...(cursor ? { cursor } : {}) }));
      seen.push(...ids(p));
      cursor = p.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(made);

    const first = structured<Page>(await biz.call('list_projects', { limit: 2 }));
    expect(errorCode(await biz.call('list_projects', { limit: 2, cursor: `${first.next_cursor!.slice(0, -3)}AAA` }))).toBe('invalid_input');
    // The cursor of one filter is refused by another list, and by another business.
    expect(errorCode(await biz.call('list_projects', { limit: 2, status: 'all', cursor: first.next_cursor! }))).toBe('invalid_input');
    expect(errorCode(await owner.call('list_projects', { limit: 2, cursor: first.next_cursor! }))).toBe('invalid_input');
  });

  it('lists an empty page for a client without projects, and not_found for an unknown client', async () => {
    const c = await clientOf(owner, { name: 'No Projects Yet' });
    expect(structured<Page>(await owner.call('list_projects', { client_id: c }))).toEqual({ items: [], next_cursor: null });
    const r = await owner.call('list_projects', { client_id: 'cli_01JZZZZZZZZZZZZZZZZZZZZZZZ' });
    expect(errorCode(r)).toBe('not_found');
    expect(JSON.stringify(r.content)).toContain('client cli_01JZZZZZZZZZZZZZZZZZZZZZZZ is not in this business');
  });

  it('honours idempotency_key on create_project', async () => {
    const args = { client_id: clientId, name: 'Once', idempotency_key: 'create-once-0001' };
    const first = structured<{ project: Project }>(await owner.call('create_project', args));
    const before = await activityCount(owner.businessId);
    const again = structured<{ project: Project }>(await owner.call('create_project', args));
    expect(again.project.id).toBe(first.project.id);
    expect(await activityCount(owner.businessId)).toBe(before);
    const other = await owner.call('create_project', { ...args, name: 'Twice' });
    expect(errorCode(other)).toBe('conflict');
    expect(await activityCount(owner.businessId)).toBe(before);
  });

  it('answers not_found for unknown ids of the right shape', async () => {
    const unknown = 'prj_01JZZZZZZZZZZZZZZZZZZZZZZZ';
    for (const [tool, args] of [
      ['get_project', { project_id: unknown }],
      ['update_project', { project_id: unknown, name: 'x' }],
    ] as const) {
      const r = await owner.call(tool, args);
      expect(errorCode(r)).toBe('not_found');
      expect(JSON.stringify(r.content)).toContain(`project ${unknown} is not in this business`);
    }
    expect(errorCode(await owner.call('create_project', { client_id: 'cli_01JZZZZZZZZZZZZZZZZZZZZZZZ', name: 'x' }))).toBe('not_found');
  });
});

describe('project tools: roles and scopes', () => {
  let owner: Member;
  let admin: Member;
  let member: Member;
  let readOnly: Member;
  let clientId: string;
  let projectId: string;
  beforeAll(async () => {
    owner = await createBusiness('Roles Projects');
    admin = await addMember(owner, 'admin');
    member = await addMember(owner, 'member');
    readOnly = await addMember(owner, 'admin', 'clerq:read');
    clientId = await clientOf(owner, { name: 'Role Client' });
    projectId = (await projectOf(owner, { client_id: clientId, name: 'Role Project' })).id;
  });

  it('an admin creates and updates projects', async () => {
    const p = await projectOf(admin, { client_id: clientId, name: 'By admin' });
    expect(structured<{ project: Project }>(await admin.call('update_project', { project_id: p.id, name: 'By admin, renamed' })).project.name).toBe('By admin, renamed');
  });

  it('a member cannot create or update projects, and nothing is written', async () => {
    const before = await activityCount(owner.businessId);
    for (const [tool, args] of [
      ['create_project', { client_id: clientId, name: 'Nope' }],
      ['update_project', { project_id: projectId, name: 'Nope' }],
    ] as const) {
      const r = await member.call(tool, args);
      expect(errorCode(r)).toBe('forbidden');
      expect(JSON.stringify(r.content)).toMatch(/owner or admin/);
    }
    expect(await activityCount(owner.businessId)).toBe(before);
  });

  it('a member reads projects', async () => {
    expect(ids(structured<Page>(await member.call('list_projects')))).toContain(projectId);
    expect(structured<Detail>(await member.call('get_project', { project_id: projectId })).project.name).toBe('Role Project');
  });

  it('a read-only connection reads, and every write says how to reconnect', async () => {
    expect(ids(structured<Page>(await readOnly.call('list_projects', { client_id: clientId })))).toContain(projectId);
    structured(await readOnly.call('get_project', { project_id: projectId }));
    const before = await activityCount(owner.businessId);
    for (const [tool, args] of [
      ['create_project', { client_id: clientId, name: 'Nope' }],
      ['update_project', { project_id: projectId, status: 'archived' }],
    ] as const) {
      const r = await readOnly.call(tool, args);
      expect(errorCode(r)).toBe('read_only');
      expect(JSON.stringify(r.content)).toMatch(/connect again/);
    }
    expect(await activityCount(owner.businessId)).toBe(before);
  });
});

describe('project tools: another business is invisible', () => {
  let mine: Member;
  let theirs: Member;
  let theirClient: string;
  let theirProject: string;
  const secrets = ['Globex Hidden Client', 'Globex Hidden Project'];
  beforeAll(async () => {
    mine = await createBusiness('Initech Projects');
    theirs = await createBusiness('Globex Projects');
    theirClient = await clientOf(theirs, { name: secrets[0] });
    theirProject = (await projectOf(theirs, { client_id: theirClient, name: secrets[1], hourly_rate: 31337 })).id;
    await clientOf(mine, { name: 'Mine' });
  });

  it.each([
    ['get_project', () => ({ project_id: theirProject })],
    ['update_project', () => ({ project_id: theirProject, name: 'Hijacked' })],
    ['create_project', () => ({ client_id: theirClient, name: 'Into their client' })],
    ['list_projects', () => ({ client_id: theirClient, status: 'all' })],
  ])('%s with the other business’s ids is not_found and reveals nothing', async (tool, args) => {
    const before = await activityCount(mine.businessId);
    const r = await mine.call(tool, args());
    expect(errorCode(r)).toBe('not_found');
    const raw = JSON.stringify(r);
    for (const s of [...secrets, 'Globex', theirs.businessId, theirs.userId, '31337']) expect(raw).not.toContain(s);
    expect(await activityCount(mine.businessId)).toBe(before);
  });

  it('list_projects never shows the other business’s projects, and theirs is unchanged', async () => {
    for (const status of ['active', 'archived', 'all']) expect(JSON.stringify(await mine.call('list_projects', { status, limit: 100 }))).not.toContain('Globex');
    expect(structured<Detail>(await theirs.call('get_project', { project_id: theirProject })).project).toMatchObject({ name: secrets[1], status: 'active' });
  });
});

describe('project tools: bad input is refused with the field named, and nothing is written', () => {
  let owner: Member;
  let clientId: string;
  let projectId: string;
  beforeAll(async () => {
    owner = await createBusiness('Strict Projects');
    clientId = await clientOf(owner, { name: 'Valid' });
    projectId = (await projectOf(owner, { client_id: clientId, name: 'Valid project' })).id;
  });

  const cases: [string, string, () => Record<string, unknown>, string][] = [
    ['list_projects', 'wrong status', () => ({ status: 'deleted' }), 'status:'],
    ['list_projects', 'a project id for a client id', () => ({ client_id: projectId }), 'client_id:'],
    ['list_projects', 'limit 0', () => ({ limit: 0 }), 'limit:'],
    ['get_project', 'missing id', () => ({}), 'project_id:'],
    ['get_project', 'a client id for a project id', () => ({ project_id: clientId }), 'project_id:'],
    ['create_project', 'missing client', () => ({ name: 'A' }), 'client_id:'],
    ['create_project', 'missing name', () => ({ client_id: clientId }), 'name:'],
    ['create_project', 'blank name', () => ({ client_id: clientId, name: '   ' }), 'name:'],
    ['create_project', 'oversized name', () => ({ client_id: clientId, name: 'x'.repeat(201) }), 'name:'],
    ['create_project', 'fractional rate', () => ({ client_id: clientId, name: 'A', hourly_rate: 10.5 }), 'hourly_rate:'],
    ['create_project', 'billable as a string', () => ({ client_id: clientId, name: 'A', billable: 'yes' }), 'billable:'],
    ['create_project', 'zero budget', () => ({ client_id: clientId, name: 'A', budget_minutes: 0 }), 'budget_minutes:'],
    ['create_project', 'fractional budget', () => ({ client_id: clientId, name: 'A', budget_minutes: 1.5 }), 'budget_minutes:'],
    ['create_project', 'misspelled field', () => ({ client_id: clientId, name: 'A', hourlyRate: 100 }), 'hourlyRate'],
    ['update_project', 'nothing to update', () => ({ project_id: projectId }), 'Nothing to update'],
    ['update_project', 'wrong status', () => ({ project_id: projectId, status: 'deleted' }), 'status:'],
    ['update_project', 'negative rate', () => ({ project_id: projectId, hourly_rate: -1 }), 'hourly_rate:'],
    ['update_project', 'null name', () => ({ project_id: projectId, name: null }), 'name:'],
  ];

  // `named` is the text the error must contain: `<field>:` for a bad field.
  it.each(cases)('%s with %s', async (tool, _what, args, named) => {
    const before = await activityCount(owner.businessId);
    const r = await owner.call(tool, args());
    expect(errorCode(r)).toBe('invalid_input');
    expect(JSON.stringify(r.content)).toContain(named);
    expect(await activityCount(owner.businessId)).toBe(before);
  });

  it('the valid project is unchanged after all of that', async () => {
    const got = structured<Detail>(await owner.call('get_project', { project_id: projectId }));
    expect(got.project).toMatchObject({ name: 'Valid project', status: 'active', hourly_rate: null, billable: true, budget_minutes: null });
  });
});
