// A member import runs as a job (issue 14): a list of a few hundred rows is done before the answer goes
// out and staff see the report at once, as before; the union's whole list of 50,000 takes seconds, so
// the upload answers with a page that shows how far the import has come and refreshes itself (no client
// JavaScript) until the report is there. One import at a time: the hub keeps one file in memory, and a
// second upload while one runs would only wait behind it in the database.

export interface ImportProgress {
  /** rows in the file (a header row left out) */
  readonly rows: number;
  /** rows the database has taken so far */
  readonly done: number;
}

export type ImportJobState<R> =
  | { readonly kind: 'running'; readonly progress: ImportProgress }
  | { readonly kind: 'done'; readonly result: R }
  | { readonly kind: 'failed' };

export interface ImportJob<R> {
  readonly id: string;
  readonly startedAt: number;
  readonly state: ImportJobState<R>;
}

export interface ImportJobs<R> {
  /** Starts `run` unless an import is running (then null: the running one's id is `running()`). */
  start(run: (report: (p: ImportProgress) => void) => Promise<R>): ImportJob<R> | null;
  get(id: string): ImportJob<R> | null;
  running(): ImportJob<R> | null;
  /** Resolves with the job once it is no longer running, or after `ms`, whichever comes first. */
  settle(id: string, ms: number): Promise<ImportJob<R> | null>;
}

/** Finished jobs kept for their report page, and for how long. */
const KEEP_JOBS = 20;
const KEEP_MS = 60 * 60_000;

export function createImportJobs<R>(deps: { readonly now: () => number; readonly newId: () => string; readonly onFailure: (e: unknown) => void }): ImportJobs<R> {
  const jobs = new Map<string, { job: ImportJob<R>; finished: Promise<void> }>();
  let current: string | null = null;

  const prune = () => {
    const now = deps.now();
    const finished = [...jobs.values()].filter((j) => j.job.state.kind !== 'running');
    for (const [i, j] of finished.entries()) {
      if (finished.length - i > KEEP_JOBS || now - j.job.startedAt > KEEP_MS) jobs.delete(j.job.id);
    }
  };

  return {
    start(run) {
      if (current !== null) return null;
      prune();
      const id = deps.newId();
      const set = (state: ImportJobState<R>) => {
        const held = jobs.get(id);
        if (held) held.job = { ...held.job, state };
      };
      current = id;
      const entry = { job: { id, startedAt: deps.now(), state: { kind: 'running', progress: { rows: 0, done: 0 } } } as ImportJob<R>, finished: Promise.resolve() };
      jobs.set(id, entry);
      entry.finished = run((progress) => set({ kind: 'running', progress }))
        .then((result) => set({ kind: 'done', result }))
        .catch((e: unknown) => {
          deps.onFailure(e);
          set({ kind: 'failed' });
        })
        .finally(() => {
          current = null;
        });
      return entry.job;
    },
    get: (id) => jobs.get(id)?.job ?? null,
    running: () => (current === null ? null : (jobs.get(current)?.job ?? null)),
    async settle(id, ms) {
      const held = jobs.get(id);
      if (!held) return null;
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([held.finished, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
      clearTimeout(timer);
      return jobs.get(id)?.job ?? null;
    },
  };
}
