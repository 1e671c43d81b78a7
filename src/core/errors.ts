/**
 * A mistake the user can fix (bad input, bad config, missing ref). Adapters print its message
 * without a stack trace and exit 2; anything else is a bug.
 */
export class ConfigurationError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(file ? `${file}${line ? `:${line}` : ''}: ${message}` : message);
    this.name = 'ConfigurationError';
  }
}
