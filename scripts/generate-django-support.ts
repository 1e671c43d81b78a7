// Regenerates src/dependencies/data/django-support.json (Django's release series and the end of
// their security support) from a checkout of endoflife.date, whose products/django.md carries
// the dates of Django's own roadmap (https://www.djangoproject.com/download/#supported-versions):
//
//   git clone https://github.com/endoflife-date/endoflife.date /tmp/endoflife.date
//   npx tsx scripts/generate-django-support.ts --checkout /tmp/endoflife.date
//
// Options: --taken YYYY-MM-DD (default today).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { argument, checkoutCommit, formatDataFile } from './lib/data-files';
import { buildSupportData } from './lib/django-support';

const SUPPORT_FILE = 'src/dependencies/data/django-support.json';
const PRODUCT_PAGE = 'products/django.md';

const checkout = argument('checkout');
if (checkout === undefined) {
  console.error('usage: tsx scripts/generate-django-support.ts --checkout DIR');
  process.exit(2);
}
const data = buildSupportData(readFileSync(join(checkout, PRODUCT_PAGE), 'utf8'), {
  repository: 'endoflife-date/endoflife.date',
  path: PRODUCT_PAGE,
  ...checkoutCommit(checkout),
  takenAt: argument('taken') ?? new Date().toISOString().slice(0, 10),
});
writeFileSync(SUPPORT_FILE, await formatDataFile(data));
console.log(`${SUPPORT_FILE}: ${data.series.length} series`);
