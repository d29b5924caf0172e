import { closeSync, openSync, readSync, statSync, unwatchFile, watchFile } from 'node:fs';

const sizeOf = (path: string) => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

/**
 * Prints each mail appended to the local outbox (one JSON line per message), so whoever runs
 * `npm start` sees invitation links without opening the file. Polls: fs.watch misses appends on
 * some file systems, and a second of delay does not matter here. Returns a stop function.
 */
export function watchOutbox(path: string, print: (line: string) => void = console.log): () => void {
  let offset = sizeOf(path);
  let partial = '';
  watchFile(path, { interval: 500 }, (now) => {
    if (now.size < offset) offset = 0; // the file was removed or truncated
    if (now.size === offset) return;
    const buf = Buffer.alloc(now.size - offset);
    const fd = openSync(path, 'r');
    try {
      readSync(fd, buf, 0, buf.length, offset);
    } finally {
      closeSync(fd);
    }
    offset = now.size;
    const lines = (partial + buf.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) print(describe(line));
  });
  return () => unwatchFile(path);
}

function describe(line: string): string {
  try {
    const m = JSON.parse(line) as { to?: string; subject?: string; link?: string };
    return `Mail to ${m.to}: ${m.subject}\n  ${m.link}`;
  } catch {
    return `Mail: ${line}`;
  }
}
