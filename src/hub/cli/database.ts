import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

// The database a command works on, chosen as the hub's main.ts chooses it: DATABASE_URL, else the
// embedded one in DATA_DIR (./data); with the words to name it to the person at the console.
export interface DatabaseTarget {
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  /** "the database at DATABASE_URL" / "the database in ./data" */
  readonly where: string;
  /** why there is nothing to work on (an embedded folder that does not exist), or null */
  readonly missing: string | null;
  /** the running hub's ops.json when a hub runs on this embedded folder, or null */
  readonly runningHub: string | null;
}

export function databaseTarget(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const named = env.DATA_DIR || './data';
  const dataDir = resolve(named);
  const databaseUrl = env.DATABASE_URL || undefined;
  const ops = join(dataDir, 'ops.json');
  return {
    databaseUrl, dataDir,
    where: databaseUrl ? 'the database at DATABASE_URL' : `the database in ${named}`,
    // opening a folder that is not there would make a new, empty database: say so instead
    missing: !databaseUrl && !existsSync(dataDir) ? `There is no database in ${named} (set DATA_DIR or DATABASE_URL as for the hub).` : null,
    runningHub: !databaseUrl && existsSync(ops) ? ops : null,
  };
}
