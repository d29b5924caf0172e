/**
 * CDK app (`npm run synth`, `npm run deploy`, cdk.json). Settings come from context: stackName,
 * domainName + certificateArn, mailFrom, signupMode, tableDeletionProtection, tableRemovalPolicy,
 * logRetentionDays (infra/context.ts; docs/deploy.md).
 */
import { App } from 'aws-cdk-lib';
import { ClerqStack } from './stack.js';
import { stackSettings } from './context.js';

const app = new App();
const { stackName, props } = stackSettings((key) => app.node.tryGetContext(key));
new ClerqStack(app, stackName, {
  ...props,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
