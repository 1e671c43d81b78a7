import { testSecurityFlagFix } from '../security-flag-fix';

testSecurityFlagFix({
  ruleId: 'security.W006',
  setting: 'SECURE_CONTENT_TYPE_NOSNIFF',
  // Unset, Django's default (True since 3.0) applies: only an explicit False is reported.
  reportedWhenUnset: false,
});
