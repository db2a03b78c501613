import type { TestProject } from 'vitest/node';
import { startPostgres } from '../support/postgres';

// One PostgreSQL server per vitest run, shared by every test file; each file creates its own
// database on it. No PostgreSQL is a failure with an install hint, never a skip: the hub must be
// tested on both databases.
declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startPostgres();
  project.provide('databaseUrl', server.url);
  return async () => {
    await server.stop();
  };
}
