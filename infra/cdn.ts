/**
 * The one public URL: a CloudFront distribution whose default behaviour serves the web UI from a
 * private bucket (origin access control), and whose `/api/*`, `/oauth/*` and `/.well-known/*`
 * behaviours send everything to the HTTP API: every viewer header except Host (API Gateway must
 * see its own host), all methods, no caching. The SPA fallback is a CloudFront Function on the
 * default behaviour only, never a distribution-wide error response, so an API 404 stays a 404.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { edgeHeader, edgeHeaderValue } from '../shared/config/request-url.js';

/** The path patterns CloudFront sends to the HTTP API (the route table lives under these). */
export const apiPathPatterns = ['/api/*', '/oauth/*', '/.well-known/*'] as const;

/**
 * Viewer-request function of the web behaviour: a path whose last segment has no file extension
 * is a page of the single-page app, so it is served `/index.html`; files are served as they are.
 * cloudfront-js-2.0 (ES5.1 plus a few ES6 features): no arrow functions, no template literals.
 */
export const spaRewriteSource = `function handler(event) {
  var request = event.request;
  var last = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

export interface CdnProps {
  api: HttpApi;
  /** Directory of built web files to upload; none uploads nothing. */
  webAssets: string | undefined;
  /** Custom domain and its ACM certificate (in us-east-1), or neither. */
  domain: { name: string; certificateArn: string } | undefined;
}

export class Cdn extends Construct {
  readonly webBucket: Bucket;
  readonly distribution: Distribution;
  /** `https://<custom domain>` or `https://<id>.cloudfront.net`. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: CdnProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.webBucket = new Bucket(this, 'WebBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // Holds only built files, uploaded again on every deploy.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // API Gateway's own host; referring to the API id (not its routes) keeps the graph acyclic.
    const apiHost = `${props.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
    const apiBehavior: BehaviorOptions = {
      origin: new HttpOrigin(apiHost, {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        customHeaders: { [edgeHeader]: edgeHeaderValue },
        readTimeout: Duration.seconds(30),
      }),
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };

    const spaRewrite = new EdgeFunction(this, 'SpaRewrite', {
      code: FunctionCode.fromInline(spaRewriteSource),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Clerq web UI: app paths serve index.html',
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Clerq',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // North America and Europe edges: the cheapest class; viewers elsewhere are served too, a little slower.
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.webBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        functionAssociations: [{ function: spaRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: Object.fromEntries(apiPathPatterns.map((p) => [p, apiBehavior])),
      ...(props.domain
        ? { domainNames: [props.domain.name], certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn) }
        : {}),
    });
    this.url = props.domain ? `https://${props.domain.name}` : `https://${this.distribution.distributionDomainName}`;

    if (props.webAssets) {
      // As the local instance serves them (infra/local/static.ts): the content-hashed files under
      // assets/ first, cached for a year and never pruned, so a page loaded before a deploy still
      // finds the route chunks it loads later; then the rest (index.html), revalidated on every
      // load, and the edges invalidated, so the next load gets the new app.
      const source = Source.asset(props.webAssets);
      const assets = new BucketDeployment(this, 'WebAssets', {
        sources: [source],
        destinationBucket: this.webBucket,
        exclude: ['*'],
        include: ['assets/*'],
        prune: false,
        cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
        memoryLimit: 256,
      });
      const pages = new BucketDeployment(this, 'WebPages', {
        sources: [source],
        destinationBucket: this.webBucket,
        exclude: ['assets/*'],
        prune: false,
        cacheControl: [CacheControl.noCache()],
        distribution: this.distribution,
        distributionPaths: ['/*'],
        memoryLimit: 256,
      });
      pages.node.addDependency(assets);
    }
  }
}
