// Prints the gzipped size of the JavaScript the sign-in page loads (the
// entry chunk, the sign-in page's chunk and everything they import
// statically) and fails when it passes the budget. Run after `vite build`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const budget = 150 * 1024;
const dist = new URL('../dist/', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));

const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
const signIn = 'src/features/auth/components/SignInPage.tsx';
if (entries.length !== 1) throw new Error(`expected one entry chunk, found ${entries.length}`);
if (!manifest[signIn]) throw new Error(`${signIn} is not a chunk of its own: is it lazy-loaded?`);

// Follows static imports only: dynamic ones load on other pages.
function collect(key, seen) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const child of manifest[key].imports ?? []) collect(child, seen);

  return seen;
}

const keys = collect(signIn, collect(entries[0][0], new Set()));
const gzipped = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

let total = 0;
for (const key of keys) {
  const size = gzipped(manifest[key].file);
  total += size;
  console.log(`${kb(size).padStart(10)}  ${manifest[key].file}  (${key})`);
}
const css = [...keys].flatMap((key) => manifest[key].css ?? []);
const cssTotal = [...new Set(css)].reduce((sum, file) => sum + gzipped(file), 0);

console.log(`sign-in page JavaScript, gzipped: ${kb(total)} of ${kb(budget)}`);
console.log(`sign-in page CSS, gzipped: ${kb(cssTotal)} (not budgeted)`);
if (total > budget) {
  console.error(`over budget by ${kb(total - budget)}: lazy-load more of it`);
  process.exit(1);
}
