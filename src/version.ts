export const TOOL_NAME = 'django-deploy-guard';
/** Kept in step with package.json by a test. */
export const TOOL_VERSION = '0.1.0';
