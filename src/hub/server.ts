import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';

export interface Listening {
  readonly server: ServerType;
  close(): Promise<void>;
}

/** Listens on host:port, over HTTPS when a certificate and key are given. Rejects with plain words. */
export function listen(app: Hono, opts: { port: number; host: string; tls?: { cert: string; key: string } | undefined }): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const options = { fetch: app.fetch, port: opts.port, hostname: opts.host };
    const server = opts.tls
      ? serve({ ...options, createServer: createHttpsServer, serverOptions: { cert: readFileSync(opts.tls.cert), key: readFileSync(opts.tls.key) } })
      : serve(options);
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') reject(new Error(`Port ${opts.port} on ${opts.host} is already in use: stop the other program or set PORT.`));
      else if (e.code === 'EACCES') reject(new Error(`Not allowed to listen on port ${opts.port}: choose a port above 1023 or run with the right to bind it.`));
      else reject(new Error(`Cannot listen on ${opts.host}:${opts.port}: ${e.message}`));
    });
    server.once('listening', () =>
      resolve({
        server,
        close: () =>
          new Promise<void>((done) => {
            const s = server as { closeIdleConnections?: () => void; closeAllConnections?: () => void };
            server.close(() => done());
            // idle keep-alive connections (kiosks polling) would otherwise hold the close for minutes;
            // requests under way get a moment to finish
            s.closeIdleConnections?.();
            setTimeout(() => s.closeAllConnections?.(), 2000).unref();
          }),
      }),
    );
  });
}
