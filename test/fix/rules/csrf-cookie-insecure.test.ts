import { testSecurityFlagFix } from '../security-flag-fix';

testSecurityFlagFix({ ruleId: 'security.W016', setting: 'CSRF_COOKIE_SECURE' });
