/**
 * A rule's message templates by id, as typescript-eslint's `meta.messages`: the rule reports a
 * `messageId` and the `data` for the template's `{{name}}` placeholders, so every sentence a rule
 * can say is in one place beside its docs, and a test can check that every id it reports exists.
 */
export type RuleMessages<MessageId extends string = string> = Readonly<Record<MessageId, string>>;

/** Values for a template's placeholders. */
export type MessageData = Readonly<Record<string, string | number>>;

/** `{{name}}`: a name between fixed delimiters, one pass, linear. */
const PLACEHOLDER = /\{\{(\w{1,64})\}\}/g;

/**
 * The template with each `{{name}}` replaced by `data[name]`, in one pass (a value that itself
 * reads `{{x}}` is not expanded again). A placeholder without data is left as written, as
 * typescript-eslint does, so a test can see it.
 */
export function formatMessage(template: string, data: MessageData = {}): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(data, name) ? String(data[name]) : whole,
  );
}

/** The placeholder names a template uses, in order of first use. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}
