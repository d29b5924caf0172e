import { beforeAll, describe, expect, it } from '@jest/globals';
import { apiPathPatterns, spaRewriteSource } from '../../infra/cdn.js';
import { edgeHeader, edgeHeaderValue } from '../../shared/config/request-url.js';
import { routes } from '../../functions/routes.js';
import { synthStubbed, type Synth } from './template.js';

// CloudFront's managed policies (ids are fixed by AWS).
const allViewerExceptHost = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';
const cachingDisabled = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';

type Behavior = { PathPattern?: string; TargetOriginId: string; AllowedMethods?: string[]; CachePolicyId: string; OriginRequestPolicyId?: string; FunctionAssociations?: { EventType: string; FunctionARN: unknown }[] };
type Origin = { Id: string; DomainName: unknown; S3OriginConfig?: unknown; OriginAccessControlId?: unknown; CustomOriginConfig?: { OriginProtocolPolicy: string }; OriginCustomHeaders?: { HeaderName: string; HeaderValue: string }[] };

/** Runs the CloudFront Function's source as CloudFront would call it. */
function spaRewrite(uri: string): string {
  const handler = new Function(`${spaRewriteSource}; return handler;`)() as (e: { request: { uri: string } }) => { uri: string };
  return handler({ request: { uri } }).uri;
}

describe('CloudFront: one public URL', () => {
  let s: Synth;
  let config: { CacheBehaviors: Behavior[]; DefaultCacheBehavior: Behavior; Origins: Origin[]; CustomErrorResponses?: unknown };
  beforeAll(() => {
    s = synthStubbed({}, 'ClerqCdn');
    const distributions = s.ofType('AWS::CloudFront::Distribution');
    expect(distributions).toHaveLength(1);
    config = distributions[0]![1].Properties.DistributionConfig as typeof config;
  });

  const origin = (id: string) => config.Origins.find((o) => o.Id === id)!;

  it('covers every route of the route table with an API behaviour', () => {
    const covered = (path: string) => apiPathPatterns.some((p) => path.startsWith(p.slice(0, -1)));
    expect(routes.filter((r) => !covered(r.path))).toEqual([]);
    expect(config.CacheBehaviors.map((b) => b.PathPattern).sort()).toEqual([...apiPathPatterns].sort());
  });

  it('sends /api/*, /oauth/* and /.well-known/* to the HTTP API: every method, every viewer header but Host, nothing cached, HTTPS only, marked as from CloudFront', () => {
    for (const b of config.CacheBehaviors) {
      expect(b.AllowedMethods!.sort()).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
      expect(b.OriginRequestPolicyId).toBe(allViewerExceptHost);
      expect(b.CachePolicyId).toBe(cachingDisabled);
      expect(b.FunctionAssociations).toBeUndefined();
      const o = origin(b.TargetOriginId);
      expect(JSON.stringify(o.DomainName)).toContain(`{"Ref":"${s.idOf(s.stack.api)}"}`);
      expect(JSON.stringify(o.DomainName)).toContain('.execute-api.');
      expect(o.CustomOriginConfig!.OriginProtocolPolicy).toBe('https-only');
      expect(o.OriginCustomHeaders).toEqual([{ HeaderName: edgeHeader, HeaderValue: edgeHeaderValue }]);
    }
  });

  it('serves everything else from the private web bucket through origin access control, with the SPA fallback on that behaviour only', () => {
    const d = config.DefaultCacheBehavior;
    const o = origin(d.TargetOriginId);
    expect(o.DomainName).toEqual({ 'Fn::GetAtt': [s.idOf(s.stack.cdn.webBucket), 'RegionalDomainName'] });
    expect(o.OriginAccessControlId).toBeDefined();
    expect(s.ofType('AWS::CloudFront::OriginAccessControl')[0]![1].Properties).toMatchObject({
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
    expect(d.FunctionAssociations).toEqual([{ EventType: 'viewer-request', FunctionARN: expect.anything() }]);
    const [fnId, fn] = s.ofType('AWS::CloudFront::Function')[0]!;
    expect(d.FunctionAssociations![0]!.FunctionARN).toEqual({ 'Fn::GetAtt': [fnId, 'FunctionARN'] });
    expect(fn.Properties).toMatchObject({ FunctionCode: spaRewriteSource, FunctionConfig: { Runtime: 'cloudfront-js-2.0' } });
    // No distribution-wide error rewriting: an API 404 or 403 reaches the client as it is.
    expect(config.CustomErrorResponses).toBeUndefined();
  });

  it('lets only CloudFront read the web bucket', () => {
    const webId = s.idOf(s.stack.cdn.webBucket);
    const policy = s.ofType('AWS::S3::BucketPolicy').find(([, p]) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: webId }))![1];
    const allows = (policy.Properties.PolicyDocument as { Statement: { Effect: string; Principal: unknown; Action: unknown }[] }).Statement.filter((x) => x.Effect === 'Allow');
    expect(allows.length).toBeGreaterThan(0);
    for (const a of allows) expect(a.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
  });

  it('SPA fallback: app paths serve index.html, files are served as they are', () => {
    expect(spaRewrite('/')).toBe('/index.html');
    expect(spaRewrite('/clients')).toBe('/index.html');
    expect(spaRewrite('/clients/client_01J/')).toBe('/index.html');
    expect(spaRewrite('/assets/index-abc123.js')).toBe('/assets/index-abc123.js');
    expect(spaRewrite('/favicon.ico')).toBe('/favicon.ico');
  });
});

describe('the web files', () => {
  it('as locally: hashed files under assets/ cached for a year and kept across deploys; the rest (index.html) after them, revalidated, and the edges invalidated', () => {
    const s = synthStubbed({}, 'ClerqWebFiles');
    const deployments = Object.fromEntries(s.ofType('Custom::CDKBucketDeployment').map(([id, r]) => [id, r]));
    const [assetsId, pagesId] = ['WebAssets', 'WebPages'].map((name) => Object.keys(deployments).find((id) => id.startsWith(`Cdn${name}`))!);
    const assets = deployments[assetsId!]!;
    const pages = deployments[pagesId!]!;
    expect(Object.keys(deployments)).toHaveLength(2);
    expect(assets.Properties).toMatchObject({ Exclude: ['*'], Include: ['assets/*'], Prune: false, SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' } });
    expect(assets.Properties.DistributionId).toBeUndefined();
    expect(pages.Properties).toMatchObject({ Exclude: ['assets/*'], Prune: false, SystemMetadata: { 'cache-control': 'no-cache' }, DistributionPaths: ['/*'] });
    expect(pages.Properties.Include).toBeUndefined();
    expect(pages.Properties.DistributionId).toEqual({ Ref: s.idOf(s.stack.cdn.distribution) });
    expect((pages as { DependsOn?: string[] }).DependsOn).toContain(assetsId);
    for (const d of [assets, pages]) expect(d.Properties.DestinationBucketName).toEqual({ Ref: s.idOf(s.stack.cdn.webBucket) });
  });
});

describe('S3 buckets', () => {
  it('every bucket blocks public access, is encrypted and refuses plain HTTP', () => {
    const s = synthStubbed({}, 'ClerqBuckets');
    const buckets = s.ofType('AWS::S3::Bucket');
    expect(buckets.map(([id]) => id).sort()).toEqual([s.idOf(s.stack.pdfBucket), s.idOf(s.stack.cdn.webBucket)].sort());
    for (const [id, b] of buckets) {
      expect(b.Properties).toMatchObject({
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      });
      const policy = s.ofType('AWS::S3::BucketPolicy').find(([, p]) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: id }))![1];
      expect((policy.Properties.PolicyDocument as { Statement: unknown[] }).Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });
});
