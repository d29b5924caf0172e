import { describe, it, expect } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { spawnInstance } from '../support/instance.js';
import { ensureWebBuilt } from '../../scripts/web-build.js';

function dynamo() {
  return new DynamoDBClient({
    region: process.env.AWS_REGION,
    endpoint: process.env.DYNAMODB_ENDPOINT,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

describe('the local instance (npm start)', () => {
  it('starts, serves the landing page, prints the MCP URL and stops on SIGINT', async () => {
    // Prepare: `npm start` builds the web app first, as here
    ensureWebBuilt(() => undefined);
    // Act
    const instance = await spawnInstance();
    try {
      // Assess
      expect(instance.url).toMatch(/^http:\/\/localhost:\d+$/);
      expect(instance.mcpUrl).toBe(`${instance.url}/api/mcp`);
      const page = await fetch(`${instance.url}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await page.text();
      expect(html).toContain('<title>Clerq</title>');
      expect(html).toContain('href="/oauth/sign-up"');
      expect(html).toContain('href="/oauth/sign-in"');
      expect(html).toContain('<div id="root"></div>');
      expect(html).toContain('<code>/api/mcp</code>');
      const unknown = await fetch(`${instance.url}/api/nothing-here`);
      expect(unknown.status).toBe(404);
      // Endpoints and secret came from the environment: nothing was written to the data directory.
      expect(readdirSync(instance.dataDir)).toEqual([]);
    } finally {
      await instance.stop();
    }
    await expect(fetch(`${instance.url}/`)).rejects.toThrow();
    expect(instance.output()).toContain('stopping Clerq');
  });

  it('starts again on an existing table and keeps its data', async () => {
    // Prepare: a first start creates the table; put an item in it.
    const first = await spawnInstance();
    await first.stop();
    const client = dynamo();
    const key = { pk: { S: 'marker' }, sk: { S: 'marker' } };
    await client.send(new PutItemCommand({ TableName: first.tableName, Item: { ...key, note: { S: 'kept' } } }));
    // Act
    const second = await spawnInstance({ tableName: first.tableName });
    try {
      // Assess
      expect((await fetch(`${second.url}/`)).status).toBe(200);
      const item = await client.send(new GetItemCommand({ TableName: first.tableName, Key: key }));
      expect(item.Item?.note?.S).toBe('kept');
    } finally {
      await second.stop();
      client.destroy();
    }
  });

  it('generates BETTER_AUTH_SECRET once, keeps it readable by the owner only, and reuses it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'clerq-secret-'));
    try {
      const first = await spawnInstance({ dataDir, env: { BETTER_AUTH_SECRET: '' } });
      await first.stop();
      const file = join(dataDir, 'secret');
      const secret = readFileSync(file, 'utf8').trim();
      expect(secret).toMatch(/^[A-Za-z0-9_-]{64}$/);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(first.output()).toContain('Generated BETTER_AUTH_SECRET');

      const second = await spawnInstance({ dataDir, env: { BETTER_AUTH_SECRET: '' } });
      await second.stop();
      expect(readFileSync(file, 'utf8').trim()).toBe(secret);
      expect(second.output()).not.toContain('Generated BETTER_AUTH_SECRET');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('uses PUBLIC_URL for the printed URLs and still says where it listens', async () => {
    const instance = await spawnInstance({ env: { PUBLIC_URL: 'https://clerq.example.com/' } });
    try {
      expect(instance.url).toBe('https://clerq.example.com');
      expect(instance.mcpUrl).toBe('https://clerq.example.com/api/mcp');
      expect(instance.localUrl).toMatch(/^http:\/\/localhost:\d+$/);
      expect((await fetch(`${instance.localUrl}/`)).status).toBe(200);
    } finally {
      await instance.stop();
    }
  });
});
