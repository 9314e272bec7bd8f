import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Indicator } from '../../src/domain/questionnaire.ts';
import { scoreQuestionnaire } from '../../src/domain/scoring.ts';
import {
  horizontalOverflow,
  launchBrowser,
  openTab,
  PHONE,
  shot,
  signIn,
  startServer,
  type TestServer,
  toBodies,
  until,
  visible,
} from './harness.ts';
import { applyQuestionnaireToAllCategories } from './stage-move-steps.ts';

/** The screenshots of the periods pages, desktop and 375 px, looked at by a person after each change. */
const SHOTS = '/tmp/shots3';
const DEMO_TITLE = 'Monitoring dan Evaluasi Keterbukaan Informasi Publik 2026';
const NEW_TITLE = 'Monev Keterbukaan Informasi Publik 2027';

let server: TestServer;
let browser: Browser;
let indicators: Indicator[];
/** The 2027 period the admin creates in the first test; the next tests go on with it. */
let periodUrl = '';

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const fixture = JSON.parse(await readFile('fixtures/questionnaires/ki-pusat-2025.json', 'utf8'));
  indicators = fixture.indicators;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function toPeriods(page: Page) {
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Periode' }).click();
  await visible(page.getByRole('heading', { level: 1, name: 'Periode evaluasi' }));
}

const tab = (page: Page, name: string) => page.getByRole('tab', { name });

/** Form controls without a label (none expected). */
function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea')]
      .filter((el) => (el as HTMLInputElement).type !== 'hidden')
      .filter((el) => (el as HTMLInputElement).labels?.length === 0 && !el.getAttribute('aria-label'))
      .map((el) => el.outerHTML),
  );
}

async function fitsPhone(page: Page, name: string) {
  await shot(page, `${name}-375`, SHOTS);
  expect(await horizontalOverflow(page), `${name} overflows sideways`).toBeLessThanOrEqual(2);
}

describe('periods, as the commission admin', () => {
  it('creates the 2027 period from the KI Pusat 2025 preset, with live validation and the server’s errors by field', async () => {
    const { page, problems, context } = await openTab(browser, server);
    await signIn(page, 'admin@kipusat.demo');
    await toBodies(page);
    await toPeriods(page);

    const demo = page.getByRole('row').filter({ hasText: DEMO_TITLE });
    await visible(demo.getByText('7 dari 7 kategori'));
    expect(await demo.textContent()).toContain('2026');
    expect(await demo.textContent()).toContain('Penilaian mandiri (SAQ)');
    expect(await demo.textContent()).toContain('7 dari 7 kategori');
    await shot(page, 'periods-desktop', SHOTS);

    await page.getByRole('button', { name: 'Buat periode' }).click();
    const form = page.locator('#panel-create-period');
    await visible(form.getByRole('radio', { name: 'KI Papua 2021' }));
    // a preset fills the methodology: KI Papua's bands first, then KI Pusat's
    await form.getByRole('radio', { name: 'KI Papua 2021' }).check();
    const band1 = form.getByRole('group', { name: /^Kualifikasi 1/ });
    expect(await band1.getByLabel('Batas bawah').inputValue()).toBe('85');
    await form.getByRole('radio', { name: 'KI Pusat 2025' }).check();
    expect(await band1.getByLabel('Batas bawah').inputValue()).toBe('90');
    await form.getByText('Jadwal (opsional)').click();
    expect(await unlabelledControls(page)).toEqual([]);
    await visible(form.getByText('Metodologi memenuhi semua aturan.'));
    // the normalised weights
    await visible(form.getByText('Kuesioner (SAQ) 80 %'));
    await visible(form.getByText('Presentasi / Uji Publik 20 %'));

    // a band minimum out of order: the message appears beside it as it is typed
    const band2min = form.getByRole('group', { name: /^Kualifikasi 2/ }).getByLabel('Batas bawah');
    await band2min.fill('95');
    await visible(form.getByText('Batas bawah harus lebih kecil dari kualifikasi di atasnya (urutan menurun).'));
    await visible(form.getByText('1 masalah perlu diperbaiki.'));
    expect(await band2min.getAttribute('aria-invalid')).toBe('true');
    // a weight of 0 and a second questionnaire component: the domain's rules, translated
    const component2 = form.getByRole('group', { name: /^Komponen 2/ });
    await component2.getByLabel('Sumber nilai').selectOption('questionnaire');
    await visible(form.getByText('Tepat satu komponen harus bersumber dari kuesioner (saat ini 2).'));
    await shot(page, 'create-period-invalid-desktop', SHOTS);
    await component2.getByLabel('Sumber nilai').selectOption('panel');
    await band2min.fill('80');
    await visible(form.getByText('Metodologi memenuhi semua aturan.'));
    expect(await form.getByText('urutan menurun').count()).toBe(0);
    expect(await band2min.getAttribute('aria-invalid')).toBeNull();

    // the year already has a period: the server's 409 is shown beside the year and in the summary
    await form.getByLabel('Tahun').fill('2026');
    await form.getByLabel('Judul').fill(NEW_TITLE);
    await form.getByRole('button', { name: 'Simpan periode' }).click();
    await visible(form.locator('#new-period-year-error').filter({ hasText: 'Periode untuk tahun ini sudah ada.' }));
    const summary = form.getByRole('alert').filter({ hasText: 'Data ini sudah terdaftar.' });
    await visible(summary);
    expect(await summary.textContent()).toContain('Tahun');
    expect(await form.getByLabel('Tahun').getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'create-period-server-error-desktop', SHOTS);

    await form.getByLabel('Tahun').fill('2027');
    await form.getByRole('button', { name: 'Simpan periode' }).click();
    await page.waitForURL(/\/periods\/[^/?]+$/);
    periodUrl = page.url();
    await visible(page.getByRole('heading', { level: 1, name: NEW_TITLE }));
    await visible(page.getByRole('status').filter({ hasText: 'telah dibuat sebagai draf' }));
    await visible(page.locator('.step-current').filter({ hasText: 'Draf' }));
    await shot(page, 'period-overview-draft-desktop', SHOTS);

    // the methodology was saved as chosen
    await tab(page, 'Metodologi').click();
    await visible(page.getByRole('button', { name: 'Simpan metodologi' }));
    expect(
      await page
        .getByRole('group', { name: /^Kualifikasi 2/ })
        .getByLabel('Batas bawah')
        .inputValue(),
    ).toBe('80');
    await shot(page, 'period-methodology-draft-desktop', SHOTS);

    // saved with If-Match: another tab saves first, this one meets the conflict and keeps its own edit
    const other = await context.newPage();
    await other.goto(page.url());
    await other.getByRole('group', { name: 'Ambang lanjut ke presentasi' }).getByLabel('Nilai minimum').fill('75');
    await other.getByRole('button', { name: 'Simpan metodologi' }).click();
    await visible(other.getByRole('status').filter({ hasText: 'Metodologi telah disimpan.' }));
    await other.close();
    await page
      .getByRole('group', { name: /^Komponen 2/ })
      .getByLabel('Nama')
      .fill('Presentasi');
    await visible(page.getByText('Ada perubahan yang belum disimpan.'));
    await page.getByRole('button', { name: 'Simpan metodologi' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Data ini telah diubah orang lain' });
    await visible(conflict);
    expect(await conflict.textContent()).toContain('versi 2');
    await shot(page, 'period-methodology-conflict-desktop', SHOTS);
    await conflict.getByRole('button', { name: 'Simpan isian saya' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Metodologi telah disimpan.' }));
    await visible(page.getByText('Tidak ada perubahan.'));
    await page.reload();
    await visible(page.getByRole('button', { name: 'Simpan metodologi' }));
    expect(
      await page
        .getByRole('group', { name: /^Komponen 2/ })
        .getByLabel('Nama')
        .inputValue(),
    ).toBe('Presentasi');
    const gateMin = page.getByRole('group', { name: 'Ambang lanjut ke presentasi' }).getByLabel('Nilai minimum');
    expect(await gateMin.inputValue()).toBe('70');
    expect(await unlabelledControls(page)).toEqual([]);

    await toPeriods(page);
    const created = page.getByRole('row').filter({ hasText: NEW_TITLE });
    await visible(created);
    expect(await created.textContent()).toContain('Draf');
    await visible(created.getByText('0 dari 7 kategori'));

    expect(problems).toEqual([]);
    await context.close();
  });

  it('imports questionnaires (pasted JSON, a preset), previews one with a live score, and opens the SAQ', async () => {
    expect(periodUrl).not.toBe('');
    const { page, problems, context } = await openTab(browser, server);
    await signIn(page, 'admin@kipusat.demo');
    await toBodies(page);
    await page.goto(`${periodUrl}?tab=questionnaires`);
    await visible(page.getByRole('heading', { level: 1, name: NEW_TITLE }));

    // PEMPROV by pasting JSON: first with two mistakes, listed with their paths, then as it is
    await page.getByRole('button', { name: 'Impor Pemerintah Provinsi' }).click();
    const panel = page.locator('#panel-import-q');
    await visible(panel.getByRole('heading', { name: 'Impor kuesioner · Pemerintah Provinsi' }));
    const broken = structuredClone(indicators);
    broken[0]!.weight = 0;
    broken[0]!.questions[1]!.options![0]!.score = 2;
    await panel.getByLabel('atau tempel JSON').fill(JSON.stringify({ indicators: broken }));
    await panel.getByRole('button', { name: 'Impor JSON' }).click();
    const problemsAlert = panel.getByRole('alert').filter({ hasText: '2 masalah ditemukan' });
    await visible(problemsAlert);
    // named by the questionnaire's codes, never by the raw path (issue 25 item 8)
    expect(await problemsAlert.textContent()).not.toContain('indicators.0.weight');
    expect(await problemsAlert.textContent()).toContain('Bobot harus lebih dari 0.');
    expect(await problemsAlert.textContent()).not.toContain('indicators.0.questions.1.options.0.score');
    expect(await problemsAlert.textContent()).toContain('pertanyaan 1.1.2 · opsi A');
    await shot(page, 'questionnaire-import-errors-desktop', SHOTS);

    await panel.getByLabel('atau tempel JSON').fill(JSON.stringify({ indicators }));
    await panel.getByRole('button', { name: 'Impor JSON' }).click();
    await visible(panel.getByText('Kuesioner Pemerintah Provinsi tersimpan: 69 pertanyaan.'));
    const pemprov = page.locator('.q-item').filter({ hasText: 'Pemerintah Provinsi' });
    await visible(pemprov.getByText('69 pertanyaan'));

    // KEMENTERIAN with the preset button
    await panel.getByLabel('Kategori', { exact: true }).selectOption('KEMENTERIAN');
    await visible(panel.getByRole('heading', { name: 'Impor kuesioner · Kementerian' }));
    await panel.getByRole('button', { name: 'Gunakan preset KI Pusat 2025' }).click();
    await visible(panel.getByText('Kuesioner Kementerian tersimpan: 69 pertanyaan.'));
    await visible(page.locator('.q-item').filter({ hasText: 'Kementerian' }).getByText('69 pertanyaan'));
    await shot(page, 'period-questionnaires-draft-desktop', SHOTS);

    // export: the file holds {indicators} as stored
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Ekspor JSON Pemerintah Provinsi' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('kuesioner-2027-PEMPROV.json');
    const exported = JSON.parse(await readFile((await download.path()) as string, 'utf8'));
    expect(Object.keys(exported)).toEqual(['indicators']);
    expect(exported.indicators.map((i: Indicator) => i.title)).toEqual(indicators.map((i) => i.title));

    // the preview as a body will see it; answering one question moves the self score off 0,00 (the Indonesian form)
    await page.getByRole('link', { name: 'Pratinjau Pemerintah Provinsi' }).click();
    await page.waitForURL(/\/questionnaires\/PEMPROV$/);
    await visible(page.getByRole('heading', { level: 1, name: 'Pratinjau kuesioner · Pemerintah Provinsi' }));
    await visible(page.getByRole('heading', { level: 2, name: '1. Jenis Informasi' }));
    const first = indicators[0]!.questions[0]!;
    await visible(page.getByText(first.text));
    await visible(page.getByText('Pratinjau — jawaban tidak disimpan.'));
    expect(await page.locator('#preview-total').textContent()).toBe('0,00');
    await shot(page, 'preview-desktop', SHOTS);

    const question = page.getByRole('group', { name: new RegExp(`^${first.code.replaceAll('.', '\\.')} `) });
    await question.getByRole('radio', { name: 'Ya, ada' }).check();
    const expected = scoreQuestionnaire(indicators, new Map([[first.code, { value: true }]]))
      .self.score.toFixed(2)
      .replace('.', ',');
    expect(expected).not.toBe('0,00');
    await until(async () => (await page.locator('#preview-total').textContent()) === expected, 'the score to change');
    expect(await page.locator('#preview-bar-score').textContent()).toBe(expected);
    await visible(page.getByText('1 dari 69 pertanyaan dijawab').first());
    // a checklist item and a graded option count too; the guidance opens
    const checklist = indicators[0]!.questions.find((q) => q.type === 'checklist')!;
    const checklistGroup = page.getByRole('group', { name: new RegExp(`^${checklist.code.replaceAll('.', '\\.')} `) });
    await checklistGroup.getByRole('checkbox').first().check();
    await checklistGroup.getByText('Definisi operasional dan petunjuk').click();
    await visible(checklistGroup.getByText(checklist.guidance!.slice(0, 40)));
    const both = scoreQuestionnaire(
      indicators,
      new Map([
        [first.code, { value: true }],
        [checklist.code, { value: [checklist.items![0]!.code] }],
      ]),
    )
      .self.score.toFixed(2)
      .replace('.', ',');
    await until(async () => (await page.locator('#preview-total').textContent()) === both, 'the checklist to count');
    await shot(page, 'preview-answered-desktop', SHOTS);
    expect(await unlabelledControls(page)).toEqual([]);

    // back to the period: the other five categories get the KI Pusat 2025 edition in one step (the SAQ opens only when
    // every category with bodies has a questionnaire), then the stage moves to SAQ with a reason
    await page.getByRole('link', { name: `← ${NEW_TITLE}` }).click();
    await visible(tab(page, 'Kuesioner'));
    await applyQuestionnaireToAllCategories(page, { copied: 5, skipped: 2 });
    await tab(page, 'Ringkasan').click();
    await page.getByRole('button', { name: 'Pindahkan ke tahap Penilaian mandiri (SAQ)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Pindahkan tahap?' });
    await visible(dialog);
    await visible(dialog.getByRole('table', { name: 'Badan publik menurut kemajuan' }));
    await dialog.getByLabel(/^Alasan/).fill('Kuesioner PEMPROV dan Kementerian siap');
    await shot(page, 'stage-dialog-desktop', SHOTS);
    await dialog.getByRole('button', { name: 'Ya, pindahkan ke Penilaian mandiri (SAQ)' }).click();
    await visible(
      page.getByRole('status').filter({ hasText: 'Periode kini berada di tahap Penilaian mandiri (SAQ).' }),
    );
    await visible(page.locator('.step-current').filter({ hasText: 'Penilaian mandiri (SAQ)' }));
    const history = page.getByRole('region', { name: 'Riwayat tahap' });
    await visible(history.getByRole('row').filter({ hasText: 'Kuesioner PEMPROV dan Kementerian siap' }));
    expect(await history.textContent()).toContain('Anda');
    await visible(page.getByRole('button', { name: 'Pindahkan ke tahap Verifikasi' }));
    await shot(page, 'period-overview-saq-desktop', SHOTS);

    // the questionnaires are frozen: no import controls any more, preview and export stay
    await tab(page, 'Kuesioner').click();
    await visible(page.getByText('Kuesioner dibekukan sejak SAQ dibuka'));
    expect(await page.getByRole('button', { name: /^Impor/ }).count()).toBe(0);
    await visible(page.getByRole('link', { name: 'Pratinjau Pemerintah Provinsi' }));
    // and so is the methodology
    await tab(page, 'Metodologi').click();
    await visible(page.getByText('Metodologi dibekukan sejak SAQ dibuka'));
    expect(await page.getByRole('button', { name: 'Simpan metodologi' }).count()).toBe(0);
    await visible(page.getByRole('region', { name: 'Kualifikasi' }).getByText('80,00–89,99'));
    await shot(page, 'period-methodology-frozen-desktop', SHOTS);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('edits the schedule of a period (Asia/Jakarta dates), with the overlap rule checked before saving', async () => {
    const { page, problems, context } = await openTab(browser, server);
    await signIn(page, 'admin@kipusat.demo');
    await toBodies(page);
    await page.goto(`${periodUrl}?tab=schedule`);
    await visible(page.getByText('Asia/Jakarta (WIB)'));
    const saq = page.getByRole('group', { name: 'Penilaian mandiri (SAQ)' });
    const verification = page.getByRole('group', { name: 'Verifikasi' });
    await saq.getByLabel('Mulai').fill('2027-07-01');
    await saq.getByLabel('Selesai').fill('2027-08-31');
    await verification.getByLabel('Mulai').fill('2027-08-15');
    await verification.getByLabel('Selesai').fill('2027-09-30');
    await visible(page.getByText('Dimulai sebelum tahap Penilaian mandiri (SAQ) selesai.'));
    await shot(page, 'period-schedule-invalid-desktop', SHOTS);
    await verification.getByLabel('Mulai').fill('2027-09-01');
    expect(await page.getByText('Dimulai sebelum tahap').count()).toBe(0);
    await page.getByRole('button', { name: 'Simpan jadwal' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Jadwal telah disimpan.' }));
    await page.reload();
    await visible(page.getByRole('group', { name: 'Verifikasi' }));
    expect(await page.getByRole('group', { name: 'Verifikasi' }).getByLabel('Mulai').inputValue()).toBe('2027-09-01');
    await shot(page, 'period-schedule-desktop', SHOTS);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('runs a what-if with the KI Papua 2021 preset on the demo 2026 period, then with an edited band', async () => {
    const { page, problems, context } = await openTab(browser, server);
    await signIn(page, 'admin@kipusat.demo');
    await toBodies(page);
    await toPeriods(page);
    await page.getByRole('link', { name: DEMO_TITLE }).click();
    await visible(page.getByRole('heading', { level: 1, name: DEMO_TITLE }));
    await tab(page, 'Simulasi (what-if)').click();
    await page.getByLabel('Metodologi usulan').selectOption({ label: 'KI Papua 2021' });
    await visible(page.getByText(/kualifikasi 85 \/ 70 \/ 55 \/ 30 \/ 0/));
    await page.getByRole('button', { name: 'Jalankan simulasi' }).click();
    await visible(page.getByRole('heading', { name: 'Hasil simulasi: KI Papua 2021' }));
    const kementerian = page.getByRole('region', { name: 'Perbandingan hasil Kementerian' });
    await visible(kementerian.getByRole('row').filter({ hasText: 'Kementerian Keuangan' }));
    const row = kementerian.getByRole('row').filter({ hasText: 'Kementerian Keuangan' });
    expect(await row.textContent()).toContain('0,00');
    expect(await row.textContent()).toContain('Tidak Informatif');
    const stats = page.locator('.whatif-stats');
    // the demo's 2026 period holds submitted SAQs, some of whose bands differ under the two presets
    expect(await stats.textContent()).toMatch(/Berubah kualifikasi\s*\d+/);
    await shot(page, 'whatif-desktop', SHOTS);

    // an edited proposal: another name for the lowest band changes every body's band, highlighted
    await page.getByRole('button', { name: 'Ubah metodologi usulan' }).click();
    await page
      .getByRole('group', { name: /^Kualifikasi 5/ })
      .getByLabel('Nama')
      .fill('Belum Informatif');
    await page.getByRole('button', { name: 'Jalankan simulasi' }).click();
    await visible(page.getByRole('heading', { name: 'Hasil simulasi: KI Papua 2021 (diubah)' }));
    await until(async () => !/Berubah kualifikasi\s*0\b/.test((await stats.textContent()) ?? ''), 'band changes');
    await visible(kementerian.locator('.row-band-change').filter({ hasText: 'Belum Informatif' }).first());
    await shot(page, 'whatif-band-change-desktop', SHOTS);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('periods, as leadership', () => {
  it('reads periods without the admin’s controls and runs a what-if', async () => {
    const { page, problems, context } = await openTab(browser, server);
    await signIn(page, 'pimpinan@kipusat.demo');
    await page.waitForURL(`${server.url}/`);
    await toPeriods(page);
    await visible(page.getByText('(hanya baca)'));
    expect(await page.getByRole('button', { name: 'Buat periode' }).count()).toBe(0);
    await shot(page, 'periods-leadership-desktop', SHOTS);

    await page.getByRole('link', { name: DEMO_TITLE }).click();
    await visible(page.locator('.step-current').filter({ hasText: 'Penilaian mandiri (SAQ)' }));
    expect(await page.getByRole('button', { name: /^Pindahkan ke tahap/ }).count()).toBe(0);
    // the tabs follow the arrow keys
    await tab(page, 'Ringkasan').focus();
    await page.keyboard.press('ArrowRight');
    expect(await tab(page, 'Metodologi').getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Metodologi');
    await page.keyboard.press('End');
    expect(await tab(page, 'Simulasi (what-if)').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Home');
    await tab(page, 'Metodologi').click();
    await visible(page.getByRole('region', { name: 'Komponen nilai' }));
    expect(await page.getByRole('button', { name: 'Simpan metodologi' }).count()).toBe(0);
    await tab(page, 'Jadwal').click();
    await visible(page.getByRole('region', { name: 'Jadwal' }));
    expect(await page.getByRole('button', { name: 'Simpan jadwal' }).count()).toBe(0);
    await tab(page, 'Kuesioner').click();
    await visible(page.getByRole('link', { name: 'Pratinjau Kementerian' }));
    expect(await page.getByRole('button', { name: /^Impor/ }).count()).toBe(0);

    await tab(page, 'Simulasi (what-if)').click();
    await page.getByLabel('Metodologi usulan').selectOption({ label: 'KI Papua 2021' });
    await page.getByRole('button', { name: 'Jalankan simulasi' }).click();
    await visible(
      page
        .getByRole('region', { name: 'Perbandingan hasil Pemerintah Provinsi' })
        .getByRole('row')
        .filter({ hasText: 'Provinsi' })
        .first(),
    );
    expect(problems).toEqual([]);
    await context.close();
  });

  it('evaluators read periods but get no what-if', async () => {
    const { page, problems, context } = await openTab(browser, server);
    await signIn(page, 'evaluator1@kipusat.demo');
    await page.waitForURL(`${server.url}/`);
    await toPeriods(page);
    await page.getByRole('link', { name: DEMO_TITLE }).click();
    await visible(tab(page, 'Kuesioner'));
    expect(await tab(page, 'Simulasi (what-if)').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('periods at 375 px', () => {
  it('the new pages fit a phone: list and create form, period tabs, import, preview, what-if', async () => {
    const { page, problems, context } = await openTab(browser, server, PHONE);
    await signIn(page, 'admin@kipusat.demo');
    await toBodies(page);
    await toPeriods(page);
    await visible(page.getByRole('link', { name: DEMO_TITLE }));
    await fitsPhone(page, 'periods');
    await page.getByRole('button', { name: 'Buat periode' }).click();
    await visible(page.getByRole('radio', { name: 'KI Pusat 2025' }));
    await page.getByText('Jadwal (opsional)').click();
    await fitsPhone(page, 'create-period');

    // a draft to see the editors: created from the form, with the default preset
    await page.getByLabel('Tahun').fill('2028');
    await page.getByLabel('Judul').fill('Periode Uji Ponsel 2028');
    await page.getByRole('button', { name: 'Simpan periode' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Periode Uji Ponsel 2028' }));
    await fitsPhone(page, 'period-overview');
    await tab(page, 'Metodologi').click();
    await visible(page.getByRole('button', { name: 'Simpan metodologi' }));
    await fitsPhone(page, 'period-methodology');
    await tab(page, 'Jadwal').click();
    await visible(page.getByRole('button', { name: 'Simpan jadwal' }));
    await fitsPhone(page, 'period-schedule');
    await tab(page, 'Kuesioner').click();
    await page.getByRole('button', { name: 'Impor Partai Politik' }).click();
    await visible(page.getByRole('heading', { name: 'Impor kuesioner · Partai Politik' }));
    await fitsPhone(page, 'period-questionnaires');
    await tab(page, 'Ringkasan').click();
    await page.getByRole('button', { name: 'Pindahkan ke tahap Penilaian mandiri (SAQ)' }).click();
    await visible(page.getByRole('dialog', { name: 'Pindahkan tahap?' }));
    await fitsPhone(page, 'stage-dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'Batal' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);

    await toPeriods(page);
    await page.getByRole('link', { name: DEMO_TITLE }).click();
    await tab(page, 'Simulasi (what-if)').click();
    await page.getByLabel('Metodologi usulan').selectOption({ label: 'KI Papua 2021' });
    await page.getByRole('button', { name: 'Jalankan simulasi' }).click();
    await visible(page.getByRole('heading', { name: 'Hasil simulasi: KI Papua 2021' }));
    await fitsPhone(page, 'whatif');
    await page.getByRole('button', { name: 'Ubah metodologi usulan' }).click();
    await fitsPhone(page, 'whatif-editor');

    await tab(page, 'Kuesioner').click();
    await page.getByRole('link', { name: 'Pratinjau Pemerintah Provinsi' }).click();
    await visible(page.getByRole('heading', { level: 2, name: '1. Jenis Informasi' }));
    await page.getByRole('radio', { name: 'Ya, ada' }).first().check();
    await fitsPhone(page, 'preview');

    // English too
    await page.getByLabel('Bahasa', { exact: true }).selectOption('en');
    await visible(page.getByRole('heading', { level: 1, name: 'Questionnaire preview · Pemerintah Provinsi' }));
    await visible(page.getByText('Preview — answers are not saved.'));
    await fitsPhone(page, 'preview-en');
    await page.getByRole('link', { name: `← ${DEMO_TITLE}` }).click();
    await visible(page.getByRole('tab', { name: 'Questionnaires' }));
    await page.getByRole('tab', { name: 'Overview' }).click();
    await visible(page.getByRole('heading', { name: 'Stage history' }));
    await fitsPhone(page, 'period-overview-en');
    await page.getByLabel('Language', { exact: true }).selectOption('id');

    expect(problems).toEqual([]);
    await context.close();
  });
});
