import { describe, expect, it } from 'vitest';
import { createImportJobs, type ImportProgress } from '../../../src/hub/admin/members/import-jobs';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const jobsFor = (failures: unknown[] = []) => {
  let n = 0;
  let now = 1_000;
  const jobs = createImportJobs<string>({ now: () => now, newId: () => `job-${++n}`, onFailure: (e) => failures.push(e) });
  return { jobs, advance: (ms: number) => (now += ms) };
};

describe('member import jobs', () => {
  it('shows how far a running import has come, then its result', async () => {
    const { jobs } = jobsFor();
    const gate = deferred<string>();
    let report!: (p: ImportProgress) => void;
    const job = jobs.start((r) => ((report = r), gate.promise))!;
    expect(jobs.get(job.id)?.state).toEqual({ kind: 'running', progress: { rows: 0, done: 0 } });
    report({ rows: 50_000, done: 15_000 });
    expect(jobs.get(job.id)?.state).toEqual({ kind: 'running', progress: { rows: 50_000, done: 15_000 } });
    expect((await jobs.settle(job.id, 5))?.state.kind).toBe('running'); // the wait ran out: still running
    gate.resolve('50000 added');
    expect((await jobs.settle(job.id, 5_000))?.state).toEqual({ kind: 'done', result: '50000 added' });
  });

  it('refuses a second import while one runs, and takes one again after it', async () => {
    const { jobs } = jobsFor();
    const gate = deferred<string>();
    const first = jobs.start(() => gate.promise)!;
    expect(jobs.start(async () => 'second')).toBeNull();
    expect(jobs.running()?.id).toBe(first.id);
    gate.resolve('done');
    await jobs.settle(first.id, 1_000);
    expect(jobs.running()).toBeNull();
    const second = jobs.start(async () => 'second')!;
    expect((await jobs.settle(second.id, 1_000))?.state).toEqual({ kind: 'done', result: 'second' });
  });

  it('marks an import that throws as failed and hands the error to the log, without taking the next one down', async () => {
    const failures: unknown[] = [];
    const { jobs } = jobsFor(failures);
    const job = jobs.start(async () => {
      throw new Error('disk full');
    })!;
    expect((await jobs.settle(job.id, 1_000))?.state).toEqual({ kind: 'failed' });
    expect(String(failures[0])).toContain('disk full');
    expect(jobs.start(async () => 'next')).not.toBeNull();
  });

  it('forgets finished jobs after an hour, never a running one', async () => {
    const { jobs, advance } = jobsFor();
    const done = jobs.start(async () => 'old')!;
    await jobs.settle(done.id, 1_000);
    const gate = deferred<string>();
    advance(61 * 60_000);
    const running = jobs.start(() => gate.promise)!; // starting prunes
    expect(jobs.get(done.id)).toBeNull();
    expect(jobs.get(running.id)?.state.kind).toBe('running');
    expect(jobs.get('no-such-job')).toBeNull();
    gate.resolve('x');
  });
});
