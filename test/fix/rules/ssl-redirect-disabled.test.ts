import { testSecurityFlagFix } from '../security-flag-fix';

testSecurityFlagFix({ ruleId: 'security.W008', setting: 'SECURE_SSL_REDIRECT' });
