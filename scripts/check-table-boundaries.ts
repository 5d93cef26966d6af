// Fails when a context's code names another context's PostgreSQL schema in SQL (the import rules cannot see raw SQL).
import fs from 'node:fs';
import path from 'node:path';

const contexts = ['platform', 'storefront', 'hq', 'sales', 'dualwrite', 'mail', 'onboarding'];
const problems: string[] = [];

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return /\.(ts|sql)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

for (const owner of contexts) {
  for (const file of walk(path.join('src', owner))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const other of contexts.filter((c) => c !== owner)) {
      // "other"."table" or other.table in SQL text, or pgSchema('other') declared outside its context.
      const pattern = new RegExp(`("${other}"\\s*\\.\\s*"\\w+"|\\b${other}\\.\\w+\\s*(where|set|values|\\(|$)|pgSchema\\(\\s*['"]${other}['"]\\s*\\))`, 'im');
      const match = pattern.exec(text);
      if (match) problems.push(`${file}: the ${owner} context touches the ${other} schema (${match[0].trim()})`);
    }
  }
}

if (problems.length > 0) {
  console.error(`Context table boundaries broken:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('table boundaries: ok');
