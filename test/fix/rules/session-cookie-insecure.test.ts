import { testSecurityFlagFix } from '../security-flag-fix';

testSecurityFlagFix({ ruleId: 'security.W012', setting: 'SESSION_COOKIE_SECURE' });
