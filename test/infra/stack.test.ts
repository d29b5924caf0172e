import { describe, it, expect, beforeAll } from '@jest/globals';
import { RemovalPolicy } from 'aws-cdk-lib';
import { secretAccess, tableAccess } from '../../infra/stack.js';
import { stackSettings } from '../../infra/context.js';
import { functions, routes, type FunctionName } from '../../functions/routes.js';
import { createTableInput, tableDefinition } from '../../shared/db/table.js';
import { asList, envOf, statements, synthStubbed, type Synth } from './template.js';

const names = Object.keys(functions) as FunctionName[];

describe('CDK stack (bundling stubbed)', () => {
  let s: Synth;
  beforeAll(() => {
    s = synthStubbed();
  });

  it('has the one table exactly as the table definition says', () => {
    const tables = s.ofType('AWS::DynamoDB::Table');
    expect(tables).toHaveLength(1);
    const props = tables[0]![1].Properties;
    const expected = createTableInput('unused');
    const byName = <T extends { AttributeName?: string; IndexName?: string }>(xs: T[]) =>
      [...xs].sort((a, b) => String(a.AttributeName ?? a.IndexName).localeCompare(String(b.AttributeName ?? b.IndexName)));

    expect(props.KeySchema).toEqual(expected.KeySchema);
    expect(byName(props.AttributeDefinitions as { AttributeName: string }[])).toEqual(byName(expected.AttributeDefinitions!));
    expect(byName(props.GlobalSecondaryIndexes as { IndexName: string }[])).toEqual(byName(expected.GlobalSecondaryIndexes!));
    expect(props.TimeToLiveSpecification).toEqual({ AttributeName: tableDefinition.ttlAttribute, Enabled: true });
    expect(props.BillingMode).toBe('PAY_PER_REQUEST');
    expect(props.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(props.DeletionProtectionEnabled).toBe(true);
    expect(tables[0]![1]).toMatchObject({ DeletionPolicy: 'Retain' });
  });

  it('has one function per entry of the function table, with its memory, timeout, runtime and architecture, under 30 s', () => {
    const clerq = s.ofType('AWS::Lambda::Function').filter(([, r]) => String(r.Properties.Description ?? '').startsWith('Clerq '));
    expect(clerq).toHaveLength(names.length);
    for (const name of names) {
      const spec = functions[name];
      expect(spec.timeoutSeconds).toBeLessThan(30);
      expect(s.resources[s.fnId(name)]!.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        MemorySize: spec.memoryMb,
        Timeout: spec.timeoutSeconds,
      });
      const env = envOf(s, name);
      expect(env.TABLE_NAME).toEqual({ Ref: s.idOf(s.stack.table) });
      // Never the secret itself, only where to read it.
      expect(env.BETTER_AUTH_SECRET).toBeUndefined();
    }
  });

  it('gives every function a log group with a retention', () => {
    for (const name of names) {
      const ref = (s.resources[s.fnId(name)]!.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      expect(s.resources[ref]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } });
    }
  });

  it('has a route for every entry of the route table, each integrated with its function, and no other route', () => {
    const apiRoutes = s.ofType('AWS::ApiGatewayV2::Route');
    expect(apiRoutes.map(([, r]) => r.Properties.RouteKey).sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    for (const route of routes) {
      const [, apiRoute] = apiRoutes.find(([, r]) => r.Properties.RouteKey === `${route.method} ${route.path}`)!;
      const integrationId = (apiRoute.Properties.Target as { 'Fn::Join': [string, [string, { Ref: string }]] })['Fn::Join'][1][1].Ref;
      const integration = s.resources[integrationId]!;
      expect(integration.Type).toBe('AWS::ApiGatewayV2::Integration');
      expect(integration.Properties).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
        IntegrationUri: { 'Fn::GetAtt': [s.fnId(route.fn), 'Arn'] },
      });
    }
  });

  it('lets API Gateway invoke every function that has a route', () => {
    const permissions = s.ofType('AWS::Lambda::Permission').map(([, p]) => p.Properties);
    for (const fn of new Set(routes.map((r) => r.fn))) {
      expect(permissions).toContainEqual(
        expect.objectContaining({
          Action: 'lambda:InvokeFunction',
          Principal: 'apigateway.amazonaws.com',
          FunctionName: { 'Fn::GetAtt': [s.fnId(fn), 'Arn'] },
        }),
      );
    }
  });

  it('grants table access only to the functions that need it, read-only where reading is enough', () => {
    const tableId = s.idOf(s.stack.table);
    for (const name of names) {
      const actions = statements(s)
        .filter(({ roles, statement }) => roles.includes(s.roleId(name)) && JSON.stringify(statement.Resource).includes(tableId))
        .flatMap(({ statement }) => asList(statement.Action));
      expect([name, actions.length > 0]).toEqual([name, tableAccess[name] !== 'none']);
      expect([name, actions.includes('dynamodb:PutItem')]).toEqual([name, tableAccess[name] === 'readWrite']);
    }
  });

  it('grants no wildcard action, and no wildcard resource on the table or the buckets', () => {
    const all = statements(s);
    expect(all.length).toBeGreaterThan(0);
    for (const { statement } of all) {
      const actions = asList(statement.Action);
      expect(actions.filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
      const dataActions = actions.some((a) => /^(dynamodb|s3|secretsmanager|ses):/.test(a));
      if (dataActions) expect(asList(statement.Resource)).not.toContain('*');
    }
  });

  it('keeps the auth secret in Secrets Manager, generated, and lets only the functions that derive keys read it', () => {
    const secrets = s.ofType('AWS::SecretsManager::Secret');
    expect(secrets).toHaveLength(1);
    expect(secrets[0]![1].Properties.GenerateSecretString).toMatchObject({ PasswordLength: 64 });
    expect(secrets[0]![1].Properties.SecretString).toBeUndefined();
    const secretId = secrets[0]![0];
    for (const name of names) {
      const reads = statements(s).some(
        ({ roles, statement }) => roles.includes(s.roleId(name)) && asList(statement.Action).includes('secretsmanager:GetSecretValue') && JSON.stringify(statement.Resource) === JSON.stringify({ Ref: secretId }),
      );
      expect([name, reads]).toEqual([name, secretAccess[name]]);
      expect([name, envOf(s, name).BETTER_AUTH_SECRET_ARN]).toEqual([name, secretAccess[name] ? { Ref: secretId } : undefined]);
    }
    // Nothing else in the stack may read it.
    const readers = statements(s).filter(({ statement }) => asList(statement.Action).some((a) => a.startsWith('secretsmanager:')));
    expect(readers.flatMap((r) => r.roles).sort()).toEqual(names.filter((n) => secretAccess[n]).map((n) => s.roleId(n)).sort());
  });

  it('sends no mail through SES unless a sender is configured', () => {
    expect(statements(s).filter(({ statement }) => asList(statement.Action).some((a) => a.startsWith('ses:')))).toEqual([]);
    for (const name of names) expect(envOf(s, name).MAIL_FROM).toBeUndefined();
  });

  it('writes a template without a dependency cycle (the public URL reaches the functions without one)', () => {
    const edges = new Map<string, Set<string>>();
    const refs = (x: unknown, out: Set<string>) => {
      if (Array.isArray(x)) x.forEach((y) => refs(y, out));
      else if (x && typeof x === 'object') {
        for (const [k, v] of Object.entries(x)) {
          if (k === 'Ref' && typeof v === 'string') out.add(v);
          else if (k === 'Fn::GetAtt') out.add(Array.isArray(v) ? String(v[0]) : String(v).split('.')[0]!);
          else if (k === 'Fn::Sub') for (const m of JSON.stringify(v).matchAll(/\$\{([A-Za-z0-9]+)[.}]/g)) out.add(m[1]!);
          else refs(v, out);
        }
      }
    };
    for (const [id, r] of Object.entries(s.resources)) {
      const out = new Set<string>(r.DependsOn ?? []);
      refs(r.Properties, out);
      edges.set(id, new Set([...out].filter((x) => x in s.resources)));
    }
    // The functions do depend on the distribution (PUBLIC_URL), so the check below is not vacuous.
    expect(edges.get(s.fnId('mcp'))).toContain(s.idOf(s.stack.cdn.distribution));
    const state = new Map<string, 'open' | 'done'>();
    const cycle: string[] = [];
    const visit = (id: string, path: string[]): void => {
      if (state.get(id) === 'done') return;
      if (state.get(id) === 'open') {
        cycle.push(...path.slice(path.indexOf(id)), id);
        return;
      }
      state.set(id, 'open');
      for (const next of edges.get(id) ?? []) visit(next, [...path, id]);
      state.set(id, 'done');
    };
    for (const id of edges.keys()) visit(id, []);
    expect(cycle).toEqual([]);
  });

  it('outputs the web URL and the connector URL at the public address and at the HTTP API', () => {
    const outputs = s.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    const distribution = s.idOf(s.stack.cdn.distribution);
    expect(outputs.WebUrl!.Value).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }]] });
    expect(outputs.McpUrl!.Value).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }, '/api/mcp']] });
    expect(JSON.stringify(outputs.ApiMcpUrl!.Value)).toContain('.execute-api.');
    expect(envOf(s, 'mcp').PUBLIC_URL).toEqual(outputs.WebUrl!.Value);
  });
});

describe('CDK stack settings from context', () => {
  it('takes deletion protection, removal policy, custom domain, mail sender and sign-up mode from context', () => {
    const ctx: Record<string, string> = {
      tableDeletionProtection: 'false',
      tableRemovalPolicy: 'destroy',
      domainName: 'Books.Example.com',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
      mailFrom: 'Clerq <no-reply@example.com>',
      signupMode: 'open',
      logRetentionDays: '90',
    };
    const { stackName, props } = stackSettings((k) => ctx[k]);
    expect(stackName).toBe('Clerq');
    expect(props).toMatchObject({ tableDeletionProtection: false, tableRemovalPolicy: RemovalPolicy.DESTROY, domain: { name: 'books.example.com' }, signupMode: 'open', logRetention: 90 });

    const s = synthStubbed(props, 'ClerqContext');
    const [, table] = s.ofType('AWS::DynamoDB::Table')[0]!;
    expect(table.Properties.DeletionProtectionEnabled).toBe(false);
    expect(table.DeletionPolicy).toBe('Delete');
    expect(envOf(s, 'mcp').PUBLIC_URL).toBe('https://books.example.com');
    expect(envOf(s, 'authorize').SIGNUP_MODE).toBe('open');
    const [, distribution] = s.ofType('AWS::CloudFront::Distribution')[0]!;
    expect(distribution.Properties.DistributionConfig).toMatchObject({
      Aliases: ['books.example.com'],
      ViewerCertificate: { AcmCertificateArn: ctx.certificateArn, SslSupportMethod: 'sni-only' },
    });

    // Mail: only the functions that send it (invitations, by tool or in the web app), only to the sender's identities.
    const mailers: FunctionName[] = ['mcp', 'api'];
    for (const name of names) expect([name, envOf(s, name).MAIL_FROM]).toEqual([name, mailers.includes(name) ? ctx.mailFrom : undefined]);
    const ses = statements(s).filter(({ statement }) => asList(statement.Action).includes('ses:SendEmail'));
    expect(ses.flatMap((x) => x.roles).sort()).toEqual(mailers.map((m) => s.roleId(m)).sort());
    const resources = JSON.stringify(ses[0]!.statement.Resource);
    expect(resources).toContain(':identity/no-reply@example.com');
    expect(resources).toContain(':identity/example.com');
  });

  it('refuses settings that would deploy something else than asked', () => {
    const bad: Record<string, string>[] = [
      { tableDeletionProtection: 'no' },
      { tableRemovalPolicy: 'keep' },
      { domainName: 'books.example.com' },
      { domainName: 'books.example.com', certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc' },
      { mailFrom: 'not an address' },
      { signupMode: 'everyone' },
      { logRetentionDays: '31' },
    ];
    for (const ctx of bad) expect(() => stackSettings((k) => ctx[k])).toThrow(/context/);
    expect(stackSettings(() => undefined).props).toEqual({});
  });
});
