export const TOOL_NAME = 'django-deploy-guard';
/** Kept in step with package.json by a test. */
export const TOOL_VERSION = '1.0.0';
