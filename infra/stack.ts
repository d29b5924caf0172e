/**
 * The Clerq stack (skeleton): the one table, one Lambda function per entry of the function table
 * and an HTTP API route per entry of the route table. Both tables live in code shared with the
 * local instance (functions/routes.ts, shared/db/table.ts), so AWS and `npm start` cannot drift.
 * The PDF bucket is here; CloudFront, the web bucket and the secret come with the full deployment.
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Architecture, Function as LambdaFunction, Runtime, type Code, type FunctionOptions, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { functions, routes, type FunctionName } from '../functions/routes.js';
import { tableDefinition } from '../shared/db/table.js';
import { fontFiles, fontPath } from '../shared/pdf/font-files.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * What each function may do with the table. A Record over every function name, so adding a
 * function to the route table does not type-check until its access is decided here.
 */
export const tableAccess: Record<FunctionName, 'none' | 'read' | 'readWrite'> = {
  metadata: 'none',
  register: 'readWrite',
  authorize: 'readWrite',
  token: 'readWrite',
  mcp: 'readWrite',
  // Reads the invoice and the business; the link's activity record is written by the MCP function.
  pdf: 'read',
};

/**
 * What a function's bundle needs beyond esbuild's output. The PDF renderer's pdfkit finds its
 * standard font metrics at run time through package subpath imports (`#standard-fonts/…`), which a
 * full esbuild bundle breaks, so pdfkit ships as a node module (npm ci of the locked version
 * beside the bundle). The embedded font files are copied to the same node_modules path they have
 * here, so shared/pdf/font-files.ts resolves them the same way in Lambda and locally.
 */
export const extraBundling: Partial<Record<FunctionName, Pick<BundlingOptions, 'nodeModules' | 'commandHooks'>>> = {
  pdf: {
    nodeModules: ['pdfkit'],
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (_inputDir: string, outputDir: string) =>
        Object.values(fontFiles).map((file) => {
          const target = join(outputDir, 'node_modules', file);
          return `mkdir -p "${dirname(target)}" && cp "${fontPath(file)}" "${target}"`;
        }),
    },
  },
};

/** Days a rendered invoice PDF is kept. Any PDF can be rendered again from its invoice, so this only bounds storage. */
export const pdfRetentionDays = 30;

/**
 * ESM bundles of CommonJS dependencies call `require`, which ESM lacks: esbuild's banner
 * defines one (aliased import, so it cannot clash with a bundled `createRequire`).
 */
export const esmRequireBanner = "import { createRequire as __clerqCreateRequire } from 'node:module'; const require = __clerqCreateRequire(import.meta.url);";

export interface ClerqStackProps extends StackProps {
  /** Refuse to delete the table (default true). */
  tableDeletionProtection?: boolean;
  /** Public base URL of the instance; defaults to the HTTP API's own URL. */
  publicUrl?: string;
  /**
   * Tests only: code for a function instead of bundling its entry with esbuild (return
   * undefined to bundle). `npm run synth` never sets it.
   */
  functionCode?: (fn: FunctionName) => Code | undefined;
}

export class ClerqStack extends Stack {
  readonly table: Table;
  readonly api: HttpApi;
  readonly pdfBucket: Bucket;
  readonly functions: Record<FunctionName, IFunction>;

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
      removalPolicy: RemovalPolicy.RETAIN,
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

    this.api = new HttpApi(this, 'HttpApi', { apiName: `${id}-api`, description: 'Clerq: OAuth, MCP and web API' });
    const publicUrl = props.publicUrl ?? this.api.apiEndpoint;

    const made = {} as Record<FunctionName, IFunction>;
    for (const name of Object.keys(functions) as FunctionName[]) {
      made[name] = this.makeFunction(name, publicUrl, props.functionCode?.(name));
      const access = tableAccess[name];
      if (access === 'readWrite') this.table.grantReadWriteData(made[name]);
      else if (access === 'read') this.table.grantReadData(made[name]);
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

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'McpUrl', { value: `${publicUrl}/api/mcp` });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'PdfBucketName', { value: this.pdfBucket.bucketName });
  }

  private makeFunction(name: FunctionName, publicUrl: string, code: Code | undefined): IFunction {
    const spec = functions[name];
    const id = `${pascal(name)}Function`;
    const common: FunctionOptions = {
      description: `Clerq ${name} (${spec.entry})`,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      environment: {
        TABLE_NAME: this.table.tableName,
        PUBLIC_URL: publicUrl,
        ...(name === 'pdf' ? { PDF_BUCKET: this.pdfBucket.bucketName } : {}),
        NODE_OPTIONS: '--enable-source-maps',
      },
      logGroup: new LogGroup(this, `${id}Logs`, { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
    };
    if (code) return new LambdaFunction(this, id, { ...common, runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code });
    return new NodejsFunction(this, id, {
      ...common,
      runtime: Runtime.NODEJS_22_X,
      entry: join(repoRoot, spec.entry),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: join(repoRoot, 'package-lock.json'),
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        platform: 'node',
        minify: true,
        sourceMap: true,
        banner: esmRequireBanner,
        // The Lambda runtime provides the AWS SDK v3.
        externalModules: ['@aws-sdk/*'],
        // Never Docker: the esbuild in node_modules bundles offline.
        forceDockerBundling: false,
        ...extraBundling[name],
      },
    });
  }
}

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
