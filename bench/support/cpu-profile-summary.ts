import { readFileSync } from 'node:fs';

/** The parts of a V8 `.cpuprofile` (as written by `node --cpu-prof`) this summary reads. */
interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  samples: number[];
  timeDeltas: number[];
}

/** Groups that are not JavaScript code of a package: their time goes to the caller. */
const UNOWNED_GROUPS = new Set(['(native)', 'node internals']);

interface Frame {
  name: string;
  group: string;
  parent?: number;
}

/**
 * Sums a CPU profile's sample time per function (self time), per package (self time), and the
 * inclusive time of this repository's own functions, so one can see whether our middleware and
 * cluster code matter next to the SDK. Usage: node cpu-profile-summary.js <file.cpuprofile> [top]
 */
function summarize(path: string, top: number): void {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const frames = new Map<number, Frame>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^file:\/\//, '');
    const where = file ? `${shortPath(file)}:${lineNumber + 1}` : '';
    frames.set(node.id, {
      name: `${functionName || '(anonymous)'} ${where}`.trim(),
      group: groupOf(file, functionName),
    });
  }
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) frames.get(child)!.parent = node.id;
  }
  const self = new Map<string, number>();
  const byGroup = new Map<string, number>();
  const attributedGroups = new Map<string, number>();
  const ours = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const micros = profile.timeDeltas[i] ?? 0;
    const frame = frames.get(id)!;
    total += micros;
    add(self, frame.name, micros);
    add(byGroup, frame.group, micros);
    const owner = owningFrame(frames, id);
    add(attributedGroups, owner.group, micros);
    if (owner.group === 'ours') add(ours, owner.name, micros);
  });
  print(`Self time by function (top ${top})`, self, total, top);
  print('Self time by package', byGroup, total, 30);
  print(
    'Time by the JavaScript package that spent it (builtins charged to their caller)',
    attributedGroups,
    total,
    30,
  );
  print(`Time spent by our functions, builtins they call included (top ${top})`, ours, total, top);
}

/**
 * The nearest frame, from the sample's leaf up, that belongs to JavaScript code of a package
 * (ours, the SDK, the harness): builtins such as `RegExp.exec` or `new URL` are charged to the
 * code that called them. Samples with no such frame (GC, idle, socket I/O) stay where they are.
 */
function owningFrame(frames: ReadonlyMap<number, Frame>, leaf: number): Frame {
  for (let at: number | undefined = leaf; at !== undefined; at = frames.get(at)!.parent) {
    const frame = frames.get(at)!;
    if (!UNOWNED_GROUPS.has(frame.group)) return frame;
  }
  return frames.get(leaf)!;
}

function add(totals: Map<string, number>, key: string, micros: number): void {
  totals.set(key, (totals.get(key) ?? 0) + micros);
}

function print(title: string, totals: Map<string, number>, total: number, top: number): void {
  console.log(`\n${title}; total ${(total / 1000).toFixed(0)} ms`);
  const rows = [...totals].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [name, micros] of rows) {
    const share = ((micros / total) * 100).toFixed(1).padStart(5);
    console.log(`${share}%  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${name}`);
  }
}

function shortPath(file: string): string {
  const modules = file.lastIndexOf('node_modules/');
  if (modules >= 0) return file.slice(modules + 'node_modules/'.length);
  const bench = file.indexOf('/dist-bench/');
  return bench >= 0 ? file.slice(bench + '/dist-bench/'.length) : file;
}

function groupOf(file: string, functionName: string): string {
  if (!file) return functionName.startsWith('(') ? functionName : '(native)';
  if (file.startsWith('node:')) return 'node internals';
  const modules = file.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = file.slice(modules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (file.includes('/dist-bench/lib/')) return 'ours';
  if (file.includes('/dist-bench/bench/')) return 'bench harness';
  return file;
}

const [path, top = '25'] = process.argv.slice(2);
if (!path) {
  console.error('usage: node cpu-profile-summary.js <file.cpuprofile> [top]');
  process.exitCode = 2;
} else {
  summarize(path, Number(top));
}
