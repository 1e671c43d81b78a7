import { str } from '../value';
import { pyEquals } from '../value-ops';
import { describeSetting } from '../describe';
import { XFRAME_MIDDLEWARE, all, not, inMiddleware, defineSettingsRule } from '../rule-support';

/** security.W019: XFrameOptionsMiddleware is on but X_FRAME_OPTIONS is not 'DENY'. */
export const xframeOptionsNotDeny = defineSettingsRule({
  origin: 'django',
  id: 'security.W019',
  name: 'xframe-options-not-deny',
  severity: 'medium',
  fix: "Set X_FRAME_OPTIONS = 'DENY' unless the site frames its own pages.",
  docs: {
    summary: "XFrameOptionsMiddleware is on but X_FRAME_OPTIONS is not 'DENY'.",
    whatItDoes:
      "Reports when XFrameOptionsMiddleware is in MIDDLEWARE and X_FRAME_OPTIONS is not exactly 'DENY' (case-sensitive: 'deny' fires, as in Django).",
    whyBad:
      'Anything but DENY lets at least your own origin frame the pages; unless you need that, DENY removes the clickjacking surface entirely.',
    badExample: {
      file: 'project/settings.py',
      content: `MIDDLEWARE = ["django.middleware.clickjacking.XFrameOptionsMiddleware"]
X_FRAME_OPTIONS = "SAMEORIGIN"
`,
    },
    goodExample: {
      file: 'project/settings.py',
      content: `MIDDLEWARE = ["django.middleware.clickjacking.XFrameOptionsMiddleware"]
X_FRAME_OPTIONS = "DENY"
`,
    },
    useInstead:
      "Set X_FRAME_OPTIONS = 'DENY'; use xframe_options_sameorigin on the few views that must be framed.",
    references: [
      'https://docs.djangoproject.com/en/stable/ref/checks/#security',
      'https://docs.djangoproject.com/en/stable/ref/settings/#x-frame-options',
      'https://docs.djangoproject.com/en/stable/ref/clickjacking/',
      'https://github.com/django/django/blob/main/django/core/checks/security/base.py',
    ],
  },
  check(ctx) {
    const option = ctx.setting('X_FRAME_OPTIONS');
    const condition = all(
      inMiddleware(ctx, XFRAME_MIDDLEWARE),
      not(pyEquals(option.value, str('DENY'))),
    );
    return ctx.decide(condition, [option, ctx.setting('MIDDLEWARE')], () => ({
      setting: option.name,
      message: `X-Frame-Options is not 'DENY': ${describeSetting(option)}`,
    }));
  },
});
