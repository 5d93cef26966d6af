// Reads V8 CPU profiles (node --cpu-prof, e.g. from BENCH_PROFILE=<dir> npm run bench) and prints where the time went
// by self time: per function and per file (node_modules folded to their package), largest first.
//
//   node bench/cpu-profile.ts <file.cpuprofile | dir> [top=25]    a directory: its largest .cpuprofile
import fs from 'node:fs';
import path from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

let file = process.argv[2];
const top = Number(process.argv[3] ?? 25);
if (!file) throw new Error('usage: node bench/cpu-profile.ts <file.cpuprofile | dir> [top]');
if (fs.statSync(file).isDirectory()) {
  const dir = file;
  const profiles = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(dir, f));
  file = profiles.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
// Self time per node: each sample's time delta belongs to the node it hit.
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
// Idle time is the process waiting (for the database, for requests): shown apart, not in the shares.
const idle = [...self].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((n, [, us]) => n + us, 0);
const total = [...self.values()].reduce((a, b) => a + b, 0) - idle;

const where = (url: string) => {
  if (!url) return '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return `npm:${rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (url.startsWith('node:')) return url;
  return url.replace(/^file:\/\//, '').replace(`${process.cwd()}/`, '');
};
const perFunction = new Map<string, number>();
const perFile = new Map<string, number>();
for (const [id, us] of self) {
  const node = byId.get(id)!;
  if (node.callFrame.functionName === '(idle)') continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const place = where(url);
  const name = `${functionName || '(anonymous)'}  ${place}${url ? `:${lineNumber + 1}` : ''}`;
  perFunction.set(name, (perFunction.get(name) ?? 0) + us);
  perFile.set(place, (perFile.get(place) ?? 0) + us);
}
const show = (title: string, table: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, us] of [...table].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((us / total) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`);
  }
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s on the CPU, ${(idle / 1e6).toFixed(1)} s idle`);
show('self time per file / package', perFile);
show('self time per function', perFunction);
