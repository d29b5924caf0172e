import { createServer, type Server } from 'node:http';

export interface Listening {
  port: number;
  close(): Promise<void>;
}

function listenOn(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    // Idle keep-alive connections close at once; a request still running gets two seconds.
    const force = setTimeout(() => server.closeAllConnections(), 2000);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
}

/**
 * Listens on `host` if one is given. Otherwise on loopback only, both 127.0.0.1 and ::1 on the
 * same port, so `http://localhost:<port>` works whichever address a browser resolves it to, and
 * the instance is not reachable from the network. Port 0 picks a free port.
 */
export async function listen(server: Server, port: number, host?: string): Promise<Listening> {
  if (host) {
    try {
      const actual = await listenOn(server, port, host);
      return { port: actual, close: () => closeServer(server) };
    } catch (error) {
      throw (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? new PortInUseError(`Port ${port} is in use on ${host}.`) : error;
    }
  }
  for (let attempt = 0; ; attempt += 1) {
    let actual: number;
    try {
      actual = await listenOn(server, port, '127.0.0.1');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(`Port ${port} is in use.`);
      throw error;
    }
    const v6 = createServer();
    v6.on('request', (req, res) => server.emit('request', req, res));
    try {
      await listenOn(v6, actual, '::1');
      return { port: actual, close: async () => void (await Promise.all([closeServer(server), closeServer(v6)])) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // No IPv6 loopback on this machine: 127.0.0.1 alone is fine.
      if (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT') return { port: actual, close: () => closeServer(server) };
      await closeServer(server);
      // Someone else holds ::1 on this port; a browser might reach them instead of us.
      if (code === 'EADDRINUSE' && port === 0 && attempt < 5) continue;
      if (code === 'EADDRINUSE') throw new PortInUseError(`Port ${actual} is in use on ::1.`);
      throw error;
    }
  }
}
