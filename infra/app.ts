/** CDK app (`npm run synth`, cdk.json). Context: `-c stackName=…`, `-c publicUrl=https://…`, `-c tableDeletionProtection=false`. */
import { App } from 'aws-cdk-lib';
import { ClerqStack } from './stack.js';

const app = new App();
const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
};
const publicUrl = context('publicUrl');
new ClerqStack(app, context('stackName') ?? 'Clerq', {
  tableDeletionProtection: context('tableDeletionProtection') !== 'false',
  ...(publicUrl ? { publicUrl } : {}),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
