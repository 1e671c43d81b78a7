/** Passed in to everything that reports progress; the action and CLI supply their own. */
export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
}

export const silentLogger: Logger = { info() {}, warning() {}, debug() {} };

/** Records messages, for tests. */
export class RecordingLogger implements Logger {
  readonly lines: { level: 'info' | 'warning' | 'debug'; message: string }[] = [];
  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }
  warning(message: string): void {
    this.lines.push({ level: 'warning', message });
  }
  debug(message: string): void {
    this.lines.push({ level: 'debug', message });
  }
}
