import type { BenchmarkOutcome } from './bench-report.js';

/** The summary table: one line per figure, with its target and whether it was met. */
export function resultsTable(outcomes: readonly BenchmarkOutcome[]): string {
  const rows: string[][] = [['benchmark', 'metric', 'value', 'target', '']];
  for (const outcome of outcomes) {
    for (const figure of outcome.figures) {
      rows.push([
        outcome.name,
        figure.metric,
        `${figure.value} ${figure.unit}`,
        figure.target ?? '',
        figure.met === undefined ? '' : figure.met ? 'met' : 'MISSED',
      ]);
    }
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join('\n');
}
