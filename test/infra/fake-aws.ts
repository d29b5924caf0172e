/**
 * Stand-ins for the two AWS APIs with no local server (Secrets Manager, SES v2), speaking their
 * wire protocols so the real SDK clients in the code (and in the bundles) are what is tested.
 * Each records the requests it received.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  target: string | undefined;
  path: string;
  body: Record<string, unknown>;
}

export interface FakeAws {
  url: string;
  received: Received[];
  /** The secret served for any SecretId; undefined answers ResourceNotFoundException. */
  secret: string | undefined;
  /** When true, every request answers 500. */
  failing: boolean;
  close(): Promise<void>;
}

export async function startFakeAws(secret?: string): Promise<FakeAws> {
  const fake: FakeAws = { url: '', received: [], secret, failing: false, close: async () => {} };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const target = req.headers['x-amz-target'] as string | undefined;
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      fake.received.push({ target, path: req.url ?? '/', body });
      if (fake.failing) {
        res.writeHead(500, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify({ __type: 'InternalServiceError', message: 'down' }));
        return;
      }
      if (target === 'secretsmanager.GetSecretValue') {
        if (fake.secret === undefined) {
          res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify({ __type: 'ResourceNotFoundException', message: 'no such secret' }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end(
          JSON.stringify({ ARN: body.SecretId, Name: 'clerq-auth', SecretString: fake.secret, VersionId: 'v1', VersionStages: ['AWSCURRENT'], CreatedDate: 1767225600 }),
        );
        return;
      }
      if (req.method === 'POST' && req.url === '/v2/email/outbound-emails') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ MessageId: `msg-${fake.received.length}` }));
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `unexpected ${req.method} ${req.url} ${target}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}
