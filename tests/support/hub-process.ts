import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './net';

export { freePort };

const root = new URL('../..', import.meta.url).pathname;
export const ADMIN_PASSWORD = 'e2e-admin-password';

/** A copy of the demo kiosk-config in a temp folder, to be changed by a test. */
export function copyConfig(edit?: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'wsc-config-'));
  cpSync(join(root, 'kiosk-config'), dir, { recursive: true });
  edit?.(dir);
  return dir;
}

export function editJson(path: string, edit: (json: any) => void) {
  const json = JSON.parse(readFileSync(path, 'utf8'));
  edit(json);
  writeFileSync(path, JSON.stringify(json, null, 2));
}

export interface HubOptions {
  configDir?: string;
  dataDir?: string;
  port?: number;
  env?: Record<string, string>;
}

export interface Hub {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly configDir: string;
  readonly process: ChildProcess;
  output(): string;
  /** stderr alone: the hub's log (stdout has the start banner for the person at the console) */
  log(): string;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<number | null>;
  /** SIGKILL, as a power cut would. */
  kill(): Promise<void>;
  /** Removes the temp folders; call after stop. */
  cleanup(): void;
}

function spawnHub(opts: Required<Pick<HubOptions, 'configDir' | 'dataDir' | 'port'>> & HubOptions) {
  return spawn(process.execPath, ['--import', 'tsx', join(root, 'src/hub/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: join(root, 'src/hub/tsconfig.json'),
      PORT: String(opts.port),
      HOST: '127.0.0.1',
      DATA_DIR: opts.dataDir,
      KIOSK_CONFIG_DIR: opts.configDir,
      KIOSK_DIST: join(root, 'dist'),
      ADMIN_PASSWORD,
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Starts a real hub process and resolves once it prints its kiosk URL. */
export async function startHub(opts: HubOptions = {}): Promise<Hub> {
  const port = opts.port ?? (await freePort());
  const configDir = opts.configDir ?? copyConfig();
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'wsc-data-'));
  const child = spawnHub({ ...opts, port, configDir, dataDir });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => ((out += d), (err += d)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start within 60 s:\n${out}`)), 60_000);
    const check = () => {
      if (/Kiosk: https?:\/\//.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited with ${code} before it was ready:\n${out}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    configDir,
    process: child,
    output: () => out,
    log: () => err,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
    cleanup() {
      rmSync(dataDir, { recursive: true, force: true });
      if (!opts.configDir) rmSync(configDir, { recursive: true, force: true });
    },
  };
}

/** Runs the hub expecting it to refuse to start; resolves with its exit code and output. */
export async function runHubToExit(opts: HubOptions & { configDir: string }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'wsc-data-'));
  const child = spawnHub({ ...opts, port, dataDir });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  rmSync(dataDir, { recursive: true, force: true });
  return { code, stdout, stderr };
}
