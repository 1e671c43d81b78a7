import type { SettingsModuleReport } from '../core/scan-result';
import { settingsRules } from '../registry';
import { settingsFixFor } from '../fix';
import { analyzeSettings } from '../settings/analyze';
import { createConfinedReader } from '../io/confined-reader';
import {
  messagePathsFromTop,
  repositoryPath,
  repositoryTop,
  type ScanContext,
  type StepResult,
} from './scan-context';

export interface SettingsScan extends StepResult {
  reports: SettingsModuleReport[];
}

/** Step 2: the production settings module(s), evaluated statically, and their deploy checks. */
export function scanSettings(context: ScanContext, readable: string[]): SettingsScan {
  const { options } = context;
  if (options.staged)
    return {
      findings: [],
      reports: [],
      notes: [
        '--staged: the staged files were scanned for secrets and file rules; the settings deploy check runs in a full scan',
      ],
    };
  if (!options.settingsCheck)
    return {
      findings: [],
      reports: [],
      notes: ['the settings deploy check is off (settings-check: false)'],
    };
  const settings = analyzeSettings({
    files: context.reader.files,
    fileList: readable,
    env: context.env,
    rules: settingsRules,
    fixFor: settingsFixFor,
    ...(options.settingsModule?.length ? { settingsModules: options.settingsModule } : {}),
    ...(options.pythonPath?.length ? { pythonPaths: options.pythonPath } : {}),
    ...(options.djangoVersion ? { djangoVersion: options.djangoVersion } : {}),
    // A folder scan reads the pinned Django version from above it too: the repository's top
    // through its own confined reader, still inside the repository.
    ...(context.prefix !== ''
      ? {
          repositoryTop: {
            files: createConfinedReader(repositoryTop(context)).files,
            prefix: context.prefix,
          },
        }
      : {}),
  });
  context.redactor.addAll(settings.secretValues);
  const notes: string[] = [];
  // Paths in the reasons and notes named from the repository's top, as the findings' are.
  const scanned = new Set(readable);
  const fromTop = (text: string) => messagePathsFromTop(text, scanned, context.prefix);
  const reports = settings.reports.map((report) => ({
    module: report.module,
    file: repositoryPath(context, report.file),
    reason: fromTop(report.reason),
    djangoVersion: report.djangoVersion,
    djangoVersionSource: report.djangoVersionSource,
    envSet: report.envSet,
    envUnsetWithDefault: report.envUnsetWithDefault,
    ...(report.setAside
      ? {
          setAside: report.setAside.map((aside) => ({ ...aside, reason: fromTop(aside.reason) })),
        }
      : {}),
  }));
  for (const report of settings.reports) {
    for (const d of report.diagnostics) {
      if (d.severity !== 'info')
        notes.push(`${repositoryPath(context, d.file)}:${d.line}: ${fromTop(d.message)}`);
    }
  }
  if (settings.reports.length === 0) {
    notes.push(...settings.discoveryNotes.map(fromTop));
    notes.push('no Django settings module found; the settings deploy check did not run');
  }
  return { findings: settings.findings, notes, reports };
}
