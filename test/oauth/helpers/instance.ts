import { spawnInstance, type SpawnedInstance, type SpawnOptions } from '../../support/instance.js';

/**
 * One spawned local instance per test file, on its own table. The test process points its own
 * configuration (PUBLIC_URL, so issuer and resource match) at it, and reads the instance's table
 * by passing `{ table }` to ElectroDB calls.
 */
export async function startInstance(options: SpawnOptions = {}): Promise<SpawnedInstance & { table: { table: string } }> {
  const inst = await spawnInstance(options);
  process.env.PUBLIC_URL = inst.url;
  return Object.assign(inst, { table: { table: inst.tableName } });
}
