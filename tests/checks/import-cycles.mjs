// Fails when a module in src/ imports itself through others (an import cycle), type-only imports
// included: a cycle is a sign two modules are one role split in two, or a role in the wrong layer.
// Relative imports only (packages cannot import us). Prints each cycle as a path of files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'src');
const files = [];
const walk = (d) => {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) files.push(p);
  }
};
walk(root);

const SPEC = /(?:^|[^.\w])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
const resolveSpec = (from, spec) => {
  const base = resolve(dirname(from), spec);
  for (const ext of ['', '.ts', '.tsx', '.mts', '/index.ts', '/index.tsx']) {
    const p = base + ext;
    try {
      if (statSync(p).isFile() && /\.(ts|tsx|mts)$/.test(p)) return p;
    } catch {}
  }
  return null; // css, json, a package's file: not ours to follow
};

const edges = new Map(files.map((f) => [f, []]));
for (const f of files) {
  const text = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const m of text.matchAll(SPEC)) {
    const to = resolveSpec(f, m[1] ?? m[2]);
    if (to && edges.has(to)) edges.get(f).push(to);
  }
}

// Tarjan's strongly connected components: every component of more than one file holds a cycle
let index = 0;
const idx = new Map(), low = new Map(), stack = [], on = new Set(), cycles = [];
const strong = (v) => {
  idx.set(v, index); low.set(v, index); index++;
  stack.push(v); on.add(v);
  for (const w of edges.get(v)) {
    if (!idx.has(w)) { strong(w); low.set(v, Math.min(low.get(v), low.get(w))); }
    else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const comp = [];
    let w;
    do { w = stack.pop(); on.delete(w); comp.push(w); } while (w !== v);
    if (comp.length > 1 || edges.get(v).includes(v)) cycles.push(comp);
  }
};
for (const f of files) if (!idx.has(f)) strong(f);

/** One shortest loop through a component, for the message. */
const loopIn = (comp) => {
  const inComp = new Set(comp);
  const start = comp[0];
  const prev = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const w of edges.get(v)) {
      if (!inComp.has(w)) continue;
      if (w === start) {
        const path = [];
        for (let x = v; x !== null; x = prev.get(x)) path.unshift(x);
        return [...path, start];
      }
      if (!prev.has(w)) { prev.set(w, v); queue.push(w); }
    }
  }
  return comp;
};

const rel = (p) => relative(process.cwd(), p);
if (cycles.length === 0) {
  console.log(`import cycles: none in ${files.length} modules under ${rel(root)}`);
} else {
  for (const c of cycles) console.error(`import cycle (${c.length} modules): ${loopIn(c).map(rel).join(' → ')}`);
  process.exit(1);
}
