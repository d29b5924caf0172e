/**
 * The AWS SDK prints a seven-line warning on Node < 22; one line of ours says the same.
 * Returns that line (or null), for the caller to print where it prints.
 */
export function quietNodeVersionWarning(): string | null {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 22) return null;
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  return `Note: Node.js ${process.versions.node} works; Node.js 22 is recommended (AWS SDK releases from 2027 need it).`;
}
