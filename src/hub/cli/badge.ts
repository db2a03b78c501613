import { badgeCommand } from '../badges/badge-cli';

// `npm run badge -- <member number>` (package.json: "badge": "tsx --tsconfig src/hub/tsconfig.json src/hub/cli/badge.ts"). The database
// is chosen as the hub's main.ts does: DATABASE_URL, else the embedded one in DATA_DIR (./data).
const result = await badgeCommand({
  memberNo: process.argv[2],
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: process.env.DATA_DIR || './data',
  outDir: process.cwd(),
  now: Date.now(),
});
for (const line of result.err) process.stderr.write(`${line}\n`);
for (const line of result.out) process.stdout.write(`${line}\n`);
process.exit(result.code);
