// Checks each entry's public surface against its committed report in etc/api/ (run after
// `npm run build`: it reads the built declarations). `--update` rewrites the reports instead.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig, ExtractorLogLevel } from '@microsoft/api-extractor';
import ts from 'typescript';

const projectFolder = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const update = process.argv.includes('--update');

/** Report name per entry: `nestjs-alternator/core` is reported in nestjs-alternator-core.api.md. */
const entries = {
  'nestjs-alternator': 'index',
  'nestjs-alternator-core': 'core/index',
  'nestjs-alternator-health': 'health/index',
  'nestjs-alternator-testing': 'testing/index',
  'nestjs-alternator-vector': 'vector/index',
};

const silent = { logLevel: ExtractorLogLevel.None, addToApiReportFile: false };
/** Fails the check: printed, never written into a report. */
const fatal = { logLevel: ExtractorLogLevel.Error, addToApiReportFile: false };

/** The names each entry exports, read from the built declarations. */
function exportedNamesByEntry() {
  const files = Object.values(entries).map((entry) => join(projectFolder, 'dist', `${entry}.d.ts`));
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2023,
    skipLibCheck: true,
    types: ['node'],
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  return new Map(
    Object.entries(entries).map(([reportFileName, entry]) => {
      const source = program.getSourceFile(join(projectFolder, 'dist', `${entry}.d.ts`));
      const names = checker.getExportsOfModule(checker.getSymbolAtLocation(source));
      return [reportFileName, new Set(names.map((symbol) => symbol.name))];
    }),
  );
}

/**
 * @param {string} reportFileName
 * @param {string} entry built declarations of the entry, relative to dist/ and without `.d.ts`
 */
function configFor(reportFileName, entry) {
  return ExtractorConfig.prepare({
    packageJsonFullPath: join(projectFolder, 'package.json'),
    configObjectFullPath: join(projectFolder, 'scripts', 'api-report.mjs'),
    configObject: {
      projectFolder,
      mainEntryPointFilePath: join(projectFolder, 'dist', `${entry}.d.ts`),
      compiler: {
        // The declarations of the ES module build, read as a Node ESM consumer reads them.
        overrideTsconfig: {
          compilerOptions: {
            module: 'nodenext',
            moduleResolution: 'nodenext',
            target: 'es2023',
            lib: ['es2023'],
            strict: true,
            types: ['node'],
          },
        },
      },
      apiReport: {
        enabled: true,
        reportFileName,
        reportFolder: join(projectFolder, 'etc', 'api'),
        reportTempFolder: join(projectFolder, 'temp', 'api'),
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Error } },
        extractorMessageReporting: {
          default: { logLevel: ExtractorLogLevel.Warning, addToApiReportFile: true },
          // An internal type in a public signature, or a link to a name users cannot import: the
          // check fails, so no report ever shows one.
          'ae-forgotten-export': fatal,
          'ae-unresolved-link': fatal,
          // Release tags (@public, @beta) are not used: everything exported is public.
          'ae-missing-release-tag': silent,
          // Its locations name the bundler's hashed chunk files, which change with any edit.
          'ae-undocumented': silent,
        },
        // The JSDoc follows Nest's conventions (@publicApi), not TSDoc's.
        tsdocMessageReporting: { default: silent },
      },
    },
  });
}

/**
 * Whether a "forgotten" symbol is public after all, exported by another entry of the package:
 * API Extractor reads one entry at a time, so the root's deprecated aliases of vector names look
 * like references to internals (it names them `VectorSearch_2` and so on).
 * @param {import('@microsoft/api-extractor').ExtractorMessage} message
 * @param {string} reportFileName
 */
function isExportedByAnotherEntry(message, reportFileName) {
  const symbol = /The symbol "(\w+?)(?:_\d+)?" needs to be exported/.exec(message.text)?.[1];
  return [...exportedNames].some(
    ([otherReport, names]) => otherReport !== reportFileName && names.has(symbol),
  );
}

const exportedNames = exportedNamesByEntry();
let failed = false;
if (update) mkdirSync(join(projectFolder, 'etc', 'api'), { recursive: true });
for (const [reportFileName, entry] of Object.entries(entries)) {
  const result = Extractor.invoke(configFor(reportFileName, entry), {
    localBuild: update,
    messageCallback: (message) => {
      // Routine progress lines; errors and warnings still print.
      if (message.logLevel === ExtractorLogLevel.Info) message.handled = true;
      if (
        message.messageId === 'ae-forgotten-export' &&
        isExportedByAnotherEntry(message, reportFileName)
      ) {
        message.logLevel = ExtractorLogLevel.None;
        message.handled = true;
      }
    },
  });
  if (result.apiReportChanged && update) console.error(`updated etc/api/${reportFileName}.api.md`);
  if (result.apiReportChanged && !update) {
    const report = `${reportFileName}.api.md`;
    // The change itself, so a CI log shows what moved without a local build.
    spawnSync('diff', ['-u', join('etc', 'api', report), join('temp', 'api', report)], {
      cwd: projectFolder,
      stdio: 'inherit',
    });
    console.error(
      `etc/api/${report} differs from the build: review the change, then run ` +
        '`npm run api:update` and commit the report',
    );
  }
  if (!result.succeeded || (result.apiReportChanged && !update)) failed = true;
}
process.exitCode = failed ? 1 : 0;
