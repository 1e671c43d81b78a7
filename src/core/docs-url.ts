/** Where the generated rule docs live; findings and SARIF link here. */
export const REPOSITORY_URL = 'https://github.com/django-deploy-guard/django-deploy-guard';

export function docsUrlFor(ruleName: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleName}.md`;
}
