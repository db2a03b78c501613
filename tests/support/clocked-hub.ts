import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');

/**
 * The real hub with its clock given to it (clocked-hub-child.ts) and a way to ask it things: move its
 * clock, take it off the network and back, run housekeeping, read its database. Arguments: config folder,
 * data folder, the kiosk's built files, port, admin password.
 */
export async function startClockedHub(args: [configDir: string, dataDir: string, kioskDist: string, port: string, password: string]) {
  const child: ChildProcess = fork(join(import.meta.dirname, 'clocked-hub-child.ts'), args, {
    execArgv: ['--import', 'tsx'], env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'src/hub/tsconfig.json') }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the clocked hub exited with ${code} before it was ready`)));
    child.on('message', (m: { ready?: boolean; id?: number; ok?: boolean; value?: unknown; error?: string }) => {
      if (m.ready) return resolve();
      const w = waiting.get(m.id!);
      waiting.delete(m.id!);
      if (m.ok) w?.resolve(m.value);
      else w?.reject(new Error(m.error));
    });
  });
  const ask = <T>(command: object): Promise<T> => new Promise<T>((resolve, reject) => {
    const id = ++next;
    waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
    child.send({ ...command, id });
  });
  return { ask, child };
}
