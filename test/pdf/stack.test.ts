import { beforeAll, describe, expect, it } from '@jest/globals';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Code, type CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { ClerqStack, pdfRetentionDays } from '../../infra/stack.js';
import { functions, type FunctionName } from '../../functions/routes.js';

/** The PDF bucket and who may touch it (bundling stubbed; test/pdf/bundle.test.ts bundles for real). */
describe('CDK stack: invoice PDFs', () => {
  let stack: ClerqStack;
  let resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  beforeAll(() => {
    stack = new ClerqStack(new App(), 'ClerqPdfStack', { functionCode: () => Code.fromInline('export const handler = async () => ({});') });
    resources = Template.fromStack(stack).toJSON().Resources as typeof resources;
  });

  it('has one private, encrypted bucket whose PDFs expire, reachable only over TLS', () => {
    // The PDF bucket; the web bucket beside it is asserted in test/infra/cdn.test.ts.
    const bucketId = stack.getLogicalId(stack.pdfBucket.node.defaultChild as never);
    const buckets = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::S3::Bucket' && JSON.stringify(r.Properties).includes('ExpirationInDays')).map(([id, r]) => [id, r] as const);
    expect(buckets.map(([id]) => id)).toEqual([bucketId]);
    expect(buckets[0]![1].Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      LifecycleConfiguration: { Rules: [expect.objectContaining({ ExpirationInDays: pdfRetentionDays, Status: 'Enabled' })] },
    });
    const policy = Object.values(resources).find((r) => r.Type === 'AWS::S3::BucketPolicy' && JSON.stringify(r.Properties.Bucket) === JSON.stringify({ Ref: bucketId }))!;
    expect(JSON.stringify(policy.Properties)).toContain('"aws:SecureTransport":"false"');
  });

  it('lets only the PDF function read and put objects, and tells only it the bucket name', () => {
    const bucketId = stack.getLogicalId(stack.pdfBucket.node.defaultChild as never);
    const policies = Object.values(resources).filter((r) => r.Type === 'AWS::IAM::Policy').map((p) => JSON.stringify(p.Properties));
    for (const name of Object.keys(functions) as FunctionName[]) {
      const fn = resources[stack.getLogicalId(stack.functions[name].node.defaultChild as CfnFunction)]!.Properties;
      const role = (fn.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const s3 = policies.filter((p) => p.includes(`"${role}"`) && p.includes(bucketId)).join();
      const env = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
      if (name === 'pdf') {
        expect(s3).toContain('s3:GetObject*');
        expect(s3).toContain('s3:PutObject');
        expect(s3).not.toContain('s3:DeleteObject');
        expect(env.PDF_BUCKET).toEqual({ Ref: bucketId });
      } else {
        expect([name, s3]).toEqual([name, '']);
        expect(env.PDF_BUCKET).toBeUndefined();
      }
    }
  });
});
