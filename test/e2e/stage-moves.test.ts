import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  horizontalOverflow,
  launchBrowser,
  openTab,
  shot,
  signIn,
  signInApi,
  startServer,
  type TestServer,
  visible,
} from './harness.ts';
import {
  applyQuestionnaireToAllCategories,
  createScheduledPeriod,
  editFirstQuestion,
  openSaqEarly,
} from './stage-move-steps.ts';

/**
 * Issue 25, items 4 and 9 in the browser, in Indonesian: on a new period of the demo commission the admin sets every
 * category's questionnaire in one step, edits one question, then opens the SAQ early after a dialog that lists the
 * consequences and asks for a reason and the typed year (the steps: stage-move-steps.ts).
 */
const SHOTS = '/tmp/shots-stage-moves';
const ADMIN = 'admin@kipusat.demo';
const YEAR = 2033;
const TITLE = `Monev Uji Tahap ${YEAR}`;
const REASON = 'Sosialisasi selesai lebih awal; keputusan rapat pleno';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('stage moves and questionnaires, as the commission admin', () => {
  it('sets every questionnaire at once, edits a question, and opens the SAQ early only with a reason and the year', async () => {
    const admin = await signInApi(server, ADMIN);
    const { cid, pid } = await createScheduledPeriod(admin, YEAR, TITLE);
    const categories = (await admin('GET', `/commissions/${cid}/categories`)).body.categories as unknown[];
    const { page, problems } = await openTab(browser, server);
    await signIn(page, ADMIN);
    await page.goto(`/c/${cid}/periods/${pid}`);
    await visible(page.getByRole('heading', { level: 1, name: TITLE }));

    await applyQuestionnaireToAllCategories(page, { copied: categories.length });
    const period = (await admin('GET', `/periods/${pid}`)).body.period;
    expect(period.questionnaires).toHaveLength(categories.length);

    const code = await editFirstQuestion(page, 'Apakah DIP tersedia dan dimutakhirkan setiap tahun?', '3');
    const first = period.questionnaires[0].categoryCode as string;
    const view = (await admin('GET', `/periods/${pid}/questionnaires/${first}`)).body;
    const edited = view.indicators
      .flatMap((i: { questions: unknown[] }) => i.questions)
      .find((q: { code: string }) => q.code === code);
    expect(edited).toMatchObject({ text: 'Apakah DIP tersedia dan dimutakhirkan setiap tahun?', weight: 3 });

    await openSaqEarly(page, YEAR, REASON);
    const events = (await admin('GET', `/periods/${pid}/stage-events`)).body.events;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ to: 'saq', reason: REASON, figures: { early: true } });

    await page.setViewportSize({ width: 375, height: 740 });
    await shot(page, 'period-history-375', SHOTS);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(2);
    expect(problems).toEqual([]);
  });
});
