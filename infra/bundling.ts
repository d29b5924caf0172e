/**
 * The one definition of how a function is bundled. The CDK stack hands it to NodejsFunction
 * (`cdkBundling`); the bench and tests that build with esbuild directly use `esbuildOptions`, which
 * passes esbuild the same settings NodejsFunction turns these into, so a measured or smoke-tested
 * bundle is the bundle that ships.
 */
import { dirname, join } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { FunctionName } from '../functions/routes.js';
import { fontFiles, fontPath } from '../shared/pdf/font-files.js';

/**
 * ESM bundles of CommonJS dependencies call `require`, which ESM lacks: esbuild's banner
 * defines one (aliased import, so it cannot clash with a bundled `createRequire`).
 */
export const esmRequireBanner = "import { createRequire as __clerqCreateRequire } from 'node:module'; const require = __clerqCreateRequire(import.meta.url);";

/**
 * Modules a function ships as node_modules beside its bundle. The PDF renderer's pdfkit finds its
 * standard font metrics at run time through package subpath imports (`#standard-fonts/…`), which a
 * full esbuild bundle breaks, so pdfkit is installed (npm ci of the locked version) beside the bundle.
 */
export const nodeModulesOf: Partial<Record<FunctionName, string[]>> = {
  pdf: ['pdfkit'],
};

/**
 * The AWS SDK is bundled, not taken from the Lambda runtime: the runtime's copy is a different
 * (older) version than the one tested, and it is not guaranteed to include `@aws-sdk/lib-dynamodb`
 * or `@aws-sdk/s3-request-presigner`, which must match their client's version exactly. Bundling all
 * of it means the bundle the tests load in a fresh process is self-contained and is what runs.
 */
export const externalModules: string[] = [];

/** The esbuild settings shared by every function. */
export const esbuildShared = {
  format: 'esm',
  platform: 'node',
  target: 'node22',
  minify: true,
  sourcemap: true,
  banner: esmRequireBanner,
  // What NodejsFunction passes for ESM output, so package `module` builds win over CommonJS ones.
  mainFields: ['module', 'main'],
} as const;

/**
 * The embedded invoice fonts are copied to the node_modules path they have in the repository, so
 * shared/pdf/font-files.ts resolves them the same way in Lambda and locally.
 */
export function fontCopyCommands(outputDir: string): string[] {
  return Object.values(fontFiles).map((file) => {
    const target = join(outputDir, 'node_modules', file);
    return `mkdir -p "${dirname(target)}" && cp "${fontPath(file)}" "${target}"`;
  });
}

/** NodejsFunction's bundling options for a function. */
export function cdkBundling(name: FunctionName): BundlingOptions {
  const nodeModules = nodeModulesOf[name];
  return {
    format: OutputFormat.ESM,
    target: esbuildShared.target,
    platform: esbuildShared.platform,
    minify: esbuildShared.minify,
    sourceMap: esbuildShared.sourcemap,
    banner: esbuildShared.banner,
    mainFields: [...esbuildShared.mainFields],
    externalModules,
    // Never Docker: the esbuild in node_modules bundles offline.
    forceDockerBundling: false,
    ...(nodeModules
      ? {
          nodeModules,
          commandHooks: {
            beforeBundling: () => [],
            beforeInstall: () => [],
            afterBundling: (_inputDir: string, outputDir: string) => (name === 'pdf' ? fontCopyCommands(outputDir) : []),
          },
        }
      : {}),
  };
}

/** The same settings as esbuild build options, for building a function outside CDK (bench, tests). */
export function esbuildOptions(name: FunctionName, entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: esbuildShared.format,
    platform: esbuildShared.platform,
    target: esbuildShared.target,
    minify: esbuildShared.minify,
    sourcemap: esbuildShared.sourcemap,
    banner: { js: esbuildShared.banner },
    mainFields: [...esbuildShared.mainFields],
    external: [...externalModules, ...(nodeModulesOf[name] ?? [])],
    logLevel: 'silent',
  };
}
