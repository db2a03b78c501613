import type { CenterConfig } from '../domain/index';
import type { LoginLimiter } from './admin/auth/rate-limit';
import type { Db } from './db/port';
import type { Log } from './ops/log';
import type { Counters } from './ops/metrics';

/** Everything the HTTP app needs, handed in, so tests can build it with a temp database and a fixed clock. */
export interface HubDeps {
  readonly db: Db;
  readonly config: CenterConfig;
  /** the built kiosk (vite's dist/) */
  readonly kioskDist: string;
  /** true when served over HTTPS: session cookies are then Secure */
  readonly tls: boolean;
  readonly now: () => number;
  readonly limiter: LoginLimiter;
  readonly log: Log;
  /** what /metrics counts for this process */
  readonly counters: Counters;
  /** set: /metrics asks for it as a bearer token */
  readonly metricsToken?: string | undefined;
  /** the secret `npm run backup` shows the running hub (DATA_DIR/ops.json); none: no /ops routes */
  readonly opsKey?: string | undefined;
}
