import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { rewriteSection } from '../bench/sections';
import { soakProblems, soakSection } from './check';
import { runSoak, soakPlan } from './soak';

// `npm run soak`: the 30 days (SOAK_DAYS=… for another length); rewrites the soak's section of
// BENCHMARKS.md and exits 1 on a finding. The screen at each day's end is kept in test-results/soak/ when
// there is a finding.
const root = join(import.meta.dirname, '../..');
const shots = join(root, 'test-results/soak');
rmSync(shots, { recursive: true, force: true });
const report = await runSoak(soakPlan(Number(process.env.SOAK_DAYS ?? 30)), { screenshots: shots });
rewriteSection(join(root, 'BENCHMARKS.md'), soakSection(report, new Date().toISOString().slice(0, 10)));
const problems = soakProblems(report);
for (const p of problems) console.error(`soak: ${p}`);
if (problems.length === 0) rmSync(shots, { recursive: true, force: true });
else console.error(`soak: the screen at each day's end is in ${shots}`);
console.log(problems.length === 0 ? `soak: ${report.plan.days} days held (${report.realSeconds} s)` : `soak: ${problems.length} finding(s)`);
process.exit(problems.length === 0 ? 0 : 1);
