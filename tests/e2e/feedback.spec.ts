import { AdminClient } from '../support/admin-client';
import { storedRows } from '../support/stored-rows';
import { expect, test } from './fixtures';
import { expectPending, openEnrolledKiosk, rate, suggest } from './kiosk';

test.describe('ratings and suggestions online', () => {
  test('a rating and a suggestion reach the admin page and the CSV, stored once each', async ({ page, hub }) => {
    await openEnrolledKiosk(page, hub);
    await rate(page, 3);
    await rate(page, 0);
    await suggest(page, '希望增加晚间瑜伽课 / more evening yoga');
    await expectPending(page, 0);

    const admin = await new AdminClient(hub.url).login();
    const inbox = await (await admin.get('/admin/suggestions?lang=en')).text();
    expect(inbox).toContain('希望增加晚间瑜伽课 / more evening yoga');

    const csv = Buffer.from(await (await admin.get('/admin/export/suggestions.csv')).arrayBuffer());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain('希望增加晚间瑜伽课 / more evening yoga');
    const ratingsCsv = (await (await admin.get('/admin/export/ratings.csv')).text()).trim().split(/\r\n/);
    expect(ratingsCsv).toHaveLength(3); // header + two ratings

    const feedback = await (await admin.get('/admin/feedback?lang=en')).text();
    expect(feedback).toContain('50'); // one happy of two: an index of 50 %

    await hub.stop();
    const [events] = await storedRows<{ n: number; ids: number }>(hub.dataDir, 'select count(*)::int as n, count(distinct id)::int as ids from events');
    // two ratings, one rating_reason is optional (none chosen), one suggestion
    expect(events).toEqual({ n: 3, ids: 3 });
  });
});
