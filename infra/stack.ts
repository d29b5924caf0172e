/**
 * The Clerq stack: the one table, the PDF bucket, the auth secret, one Lambda function per entry
 * of the function table, an HTTP API route per entry of the route table, and CloudFront in front
 * (infra/cdn.ts). The tables live in code shared with the local instance (functions/routes.ts,
 * shared/db/table.ts), so AWS and `npm start` cannot drift; bundling is infra/bundling.ts.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Function as LambdaFunction, Runtime, type Code, type FunctionOptions, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { functions, routes, type FunctionName } from '../functions/routes.js';
import { tableDefinition } from '../shared/db/table.js';
import { mailAccess, secretAccess, tableAccess } from './access.js';
import { cdkBundling } from './bundling.js';
import { Cdn } from './cdn.js';
import { webRoot } from './local/paths.js';

export { tableAccess, secretAccess, mailAccess } from './access.js';
export { esmRequireBanner } from './bundling.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Days a rendered invoice PDF is kept. Any PDF can be rendered again from its invoice, so this only bounds storage. */
export const pdfRetentionDays = 30;

export interface ClerqStackProps extends StackProps {
  /** Refuse to delete the table (default true). */
  tableDeletionProtection?: boolean;
  /** What deleting the stack does to the table (default RETAIN). */
  tableRemovalPolicy?: RemovalPolicy;
  /** Custom domain (an alias to the distribution) and its ACM certificate in us-east-1. */
  domain?: { name: string; certificateArn: string };
  /** A verified SES sender (`no-reply@example.com` or `Clerq <no-reply@example.com>`): invitations are mailed through SES. */
  mailFrom?: string;
  /** `open` lets anyone sign up; default invitation only. */
  signupMode?: 'invite' | 'open';
  /** Retention of the functions' log groups (default one month). */
  logRetention?: RetentionDays;
  /** Built web files to upload; default web/dist if built, else web/public. `false` uploads nothing. */
  webAssets?: string | false;
  /**
   * Tests only: code for a function instead of bundling its entry with esbuild (return
   * undefined to bundle). `npm run synth` never sets it.
   */
  functionCode?: (fn: FunctionName) => Code | undefined;
}

/** The SES identities a sender is authorised by: its address and its domain. */
export function mailIdentities(mailFrom: string): string[] {
  const address = (/<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom).trim();
  const domain = address.slice(address.lastIndexOf('@') + 1);
  return [address, domain];
}

export class ClerqStack extends Stack {
  readonly table: Table;
  readonly api: HttpApi;
  readonly pdfBucket: Bucket;
  readonly authSecret: Secret;
  readonly cdn: Cdn;
  readonly functions: Record<FunctionName, IFunction>;
  /** The public base URL: custom domain or CloudFront domain. */
  readonly publicUrl: string;

  constructor(scope: Construct, id: string, props: ClerqStackProps = {}) {
    super(scope, id, props);

    const d = tableDefinition;
    this.table = new Table(this, 'Table', {
      partitionKey: { name: d.partitionKey, type: AttributeType.STRING },
      sortKey: { name: d.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: d.ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.tableDeletionProtection ?? true,
      removalPolicy: props.tableRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    for (const index of d.globalIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    this.pdfBucket = new Bucket(this, 'PdfBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(pdfRetentionDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // The root of every signing key, generated here and never in a template or an environment variable.
    this.authSecret = new Secret(this, 'AuthSecret', {
      description: 'Clerq BETTER_AUTH_SECRET: rotating it signs everyone out and revokes every connection (docs/deploy.md)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });

    this.api = new HttpApi(this, 'HttpApi', { apiName: `${id}-api`, description: 'Clerq: OAuth, MCP and web API' });
    const apiHost = `${this.api.apiId}.execute-api.${this.region}.${this.urlSuffix}`;

    const webAssets = props.webAssets === false ? undefined : (props.webAssets ?? webRoot());
    this.cdn = new Cdn(this, 'Cdn', { api: this.api, webAssets, domain: props.domain });
    this.publicUrl = this.cdn.url;

    const made = {} as Record<FunctionName, IFunction>;
    for (const name of Object.keys(functions) as FunctionName[]) {
      const fn = this.makeFunction(name, props, apiHost, props.functionCode?.(name));
      made[name] = fn;
      const access = tableAccess[name];
      if (access === 'readWrite') this.table.grantReadWriteData(fn);
      else if (access === 'read') this.table.grantReadData(fn);
      if (secretAccess[name]) this.authSecret.grantRead(fn);
      if (mailAccess[name] && props.mailFrom) {
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['ses:SendEmail'],
            resources: mailIdentities(props.mailFrom).map((identity) => this.formatArn({ service: 'ses', resource: 'identity', resourceName: identity })),
          }),
        );
      }
    }
    // The PDF function reads (HEAD, presigned GET) and writes PDFs; nothing else touches the bucket.
    this.pdfBucket.grantRead(made.pdf);
    this.pdfBucket.grantPut(made.pdf);
    this.functions = made;

    // One integration per function, one route per route-table entry. The functions answer
    // OPTIONS themselves, so the API has no CORS configuration of its own.
    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    for (const route of routes) {
      let integration = integrations.get(route.fn);
      if (!integration) {
        // One invoke permission per function for the whole API rather than one per route.
        integration = new HttpLambdaIntegration(`${pascal(route.fn)}Integration`, made[route.fn], { scopePermissionToRoute: false });
        integrations.set(route.fn, integration);
      }
      this.api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration });
    }

    new CfnOutput(this, 'WebUrl', { value: this.publicUrl, description: 'Open this to sign up and use Clerq' });
    new CfnOutput(this, 'McpUrl', { value: `${this.publicUrl}/api/mcp`, description: 'Connector URL to give Claude' });
    new CfnOutput(this, 'ApiMcpUrl', { value: `https://${apiHost}/api/mcp`, description: 'The same connector at the HTTP API’s own address' });
    new CfnOutput(this, 'DistributionDomainName', { value: this.cdn.distribution.distributionDomainName, description: 'Point a custom domain here (CNAME or alias)' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'PdfBucketName', { value: this.pdfBucket.bucketName });
    new CfnOutput(this, 'WebBucketName', { value: this.cdn.webBucket.bucketName });
    new CfnOutput(this, 'AuthSecretArn', { value: this.authSecret.secretArn, description: 'BETTER_AUTH_SECRET; rotate with put-secret-value' });
  }

  private makeFunction(name: FunctionName, props: ClerqStackProps, apiHost: string, code: Code | undefined): IFunction {
    const spec = functions[name];
    const id = `${pascal(name)}Function`;
    const common: FunctionOptions = {
      description: `Clerq ${name} (${spec.entry})`,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      environment: {
        TABLE_NAME: this.table.tableName,
        PUBLIC_URL: this.publicUrl,
        // Through CloudFront the Host is the API's own (not forwarded); called directly, that host
        // is also answered as a base URL of its own (shared/config/request-url.ts).
        ALLOWED_HOSTS: apiHost,
        POWERTOOLS_SERVICE_NAME: 'clerq',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        ...(props.signupMode === 'open' ? { SIGNUP_MODE: 'open' } : {}),
        ...(secretAccess[name] ? { BETTER_AUTH_SECRET_ARN: this.authSecret.secretArn } : {}),
        ...(name === 'pdf' ? { PDF_BUCKET: this.pdfBucket.bucketName } : {}),
        ...(mailAccess[name] && props.mailFrom ? { MAIL_FROM: props.mailFrom } : {}),
      },
      logGroup: new LogGroup(this, `${id}Logs`, { retention: props.logRetention ?? RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
    };
    if (code) return new LambdaFunction(this, id, { ...common, runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code });
    return new NodejsFunction(this, id, {
      ...common,
      runtime: Runtime.NODEJS_22_X,
      entry: join(repoRoot, spec.entry),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: join(repoRoot, 'package-lock.json'),
      bundling: cdkBundling(name),
    });
  }
}

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
