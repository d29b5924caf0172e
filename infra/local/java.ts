import { spawnSync } from 'node:child_process';

export const minimumJava = 17;

/** The major version of the `java` on PATH, or undefined when there is none. */
export function javaMajorVersion(): number | undefined {
  const run = spawnSync('java', ['-version'], { encoding: 'utf8', timeout: 15_000 });
  if (run.error || run.status !== 0) return undefined;
  // `java -version` prints to stderr: `openjdk version "17.0.15" …` or, before Java 9, `java version "1.8.0_…"`.
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${run.stderr}${run.stdout}`);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

/** What to tell a person whose machine cannot run DynamoDB Local. */
export function javaAdvice(found: number | undefined): string {
  const problem = found === undefined ? 'Java was not found on this machine.' : `Java ${found} was found, but Java ${minimumJava} or newer is needed.`;
  return [
    `Clerq runs DynamoDB Local, which needs Java ${minimumJava} or newer. ${problem}`,
    '',
    'Install it:',
    '  Debian/Ubuntu:  sudo apt-get install -y openjdk-17-jre-headless',
    '  macOS:          brew install openjdk@17   (then follow brew\'s note to put it on PATH)',
    '',
    'Or use a DynamoDB you already run, for example:',
    '  DYNAMODB_ENDPOINT=http://localhost:8000 npm start',
  ].join('\n');
}
