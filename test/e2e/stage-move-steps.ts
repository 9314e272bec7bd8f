import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { KIP_METHODOLOGY } from '../helpers/saq.ts';
import { type ApiCall, shot, visible } from './harness.ts';

/**
 * The steps of issue 25's stage-move flow in the browser (Indonesian interface), each a function of its own so that
 * the commission-setup flow can join them: a scheduled draft period, every category's questionnaire in one step, one
 * question edited, the SAQ opened early after the dialog's consequences, reason and typed year.
 */
const SHOTS_DIR = '/tmp/shots-stage-moves';

/** A draft period of the admin's commission, its SAQ scheduled months from now (so that opening it now is early). */
export async function createScheduledPeriod(admin: ApiCall, year: number, title: string) {
  const me = await admin('GET', '/me');
  const cid = me.body.user.roles.find((r: { role: string }) => r.role === 'commission_admin').commissionId as string;
  const created = await admin('POST', `/commissions/${cid}/periods`, {
    year,
    title,
    methodology: KIP_METHODOLOGY,
    schedule: { saq: { start: `${year}-07-01`, end: `${year}-08-31` } },
  });
  expect(created.status).toBe(201);
  return { cid, pid: created.body.period.id as string };
}

/**
 * A draft period created on the periods page with the default preset (KI Pusat 2025), its SAQ scheduled from July of
 * its year: opening it in December of the year before is early. Ends on the new period's page.
 */
export async function createPeriodInPage(page: Page, year: number, title: string) {
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Periode' }).click();
  await visible(page.getByRole('heading', { level: 1, name: 'Periode evaluasi' }));
  await page.getByRole('button', { name: 'Buat periode' }).click();
  const form = page.locator('#panel-create-period');
  await visible(form.getByRole('radio', { name: 'KI Pusat 2025' }));
  await form.getByLabel('Tahun').fill(String(year));
  await form.getByLabel('Judul').fill(title);
  await form.getByText('Jadwal (opsional)').click();
  const saq = form.getByRole('group', { name: 'Penilaian mandiri (SAQ)' });
  await saq.getByLabel('Mulai').fill(`${year}-07-01`);
  await saq.getByLabel('Selesai').fill(`${year}-08-31`);
  await form.getByRole('button', { name: 'Simpan periode' }).click();
  await page.waitForURL(/\/periods\/[^/?]+$/);
  await visible(page.getByRole('heading', { level: 1, name: title }));
  await visible(page.locator('.step-current').filter({ hasText: 'Draf' }));
}

/** On the questionnaires tab: the KI Pusat 2025 edition applied to every category at once, after the confirmation. */
export async function applyQuestionnaireToAllCategories(page: Page, outcome: { copied: number; skipped?: number }) {
  await page.getByRole('tab', { name: 'Kuesioner' }).click();
  const card = page.getByRole('region', { name: 'Kuesioner untuk semua kategori' });
  await card.getByLabel('Sumber', { exact: true }).selectOption({ label: 'KI Pusat 2025' });
  await card.getByRole('radio', { name: 'Lewati (kuesionernya dipertahankan)' }).check();
  await card.getByRole('button', { name: 'Terapkan ke semua kategori' }).click();
  const dialog = page.getByRole('dialog', { name: 'Terapkan ke semua kategori?' });
  await visible(dialog.getByText('Kuesioner dari KI Pusat 2025 akan diterapkan ke setiap kategori.'));
  await shot(page, 'apply-all-dialog-desktop', SHOTS_DIR);
  await dialog.getByRole('button', { name: 'Ya, terapkan' }).click();
  await visible(
    card.getByText(`Kuesioner diterapkan: ${outcome.copied} baru, 0 diganti, ${outcome.skipped ?? 0} dilewati.`),
  );
  await visible(
    page
      .getByRole('list', { name: /kuesioner/i })
      .getByText(/pertanyaan/)
      .first(),
  );
}

/** One question's wording and weight changed in the page (the first category's first question). */
export async function editFirstQuestion(page: Page, text: string, weight: string) {
  await page
    .getByRole('button', { name: /^Ubah pertanyaan/ })
    .first()
    .click();
  const panel = page.getByRole('region', { name: /^Ubah pertanyaan ·/ });
  await visible(panel.getByLabel('Teks pertanyaan'));
  const code = (await panel.getByLabel('Pertanyaan', { exact: true }).inputValue()) as string;
  await panel.getByLabel('Teks pertanyaan').fill(text);
  await panel.getByLabel('Bobot').fill(weight);
  await shot(page, 'edit-question-desktop', SHOTS_DIR);
  await panel.getByRole('button', { name: 'Simpan pertanyaan' }).click();
  await visible(page.getByRole('status').filter({ hasText: `Pertanyaan ${code} telah disimpan.` }));
  return code;
}

/** The SAQ opened before its scheduled date: the dialog's consequences, then the reason and the typed year. */
export async function openSaqEarly(page: Page, year: number, reason: string, expect_?: { notStarted?: number }) {
  await page.getByRole('tab', { name: 'Ringkasan' }).click();
  await page.getByRole('button', { name: 'Pindahkan ke tahap Penilaian mandiri (SAQ)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Pindahkan tahap?' });
  await visible(dialog.getByText(new RegExp(`hari lebih awal dari jadwal \\(${year}-07-01\\)`)));
  const counts = dialog.getByRole('table', { name: 'Badan publik menurut kemajuan' });
  const total = counts.getByRole('row').filter({ hasText: 'Jumlah' });
  await visible(total);
  if (expect_?.notStarted !== undefined) {
    // the total row: bodies, not started, in progress, submitted, locked
    const cells = await total.getByRole('cell').allTextContents();
    expect(cells.slice(-5).map((c) => c.trim())).toEqual([
      String(expect_.notStarted),
      String(expect_.notStarted),
      '0',
      '0',
      '0',
    ]);
  }
  await visible(dialog.getByText('SAQ dibuka: badan publik dapat mulai mengisi.'));
  const confirm = dialog.getByRole('button', { name: 'Ya, pindahkan ke Penilaian mandiri (SAQ)' });
  // neither the reason nor the year yet: the move cannot be confirmed
  expect(await confirm.isDisabled()).toBe(true);
  await dialog.getByLabel('Alasan', { exact: true }).fill(reason);
  await dialog.getByLabel(`Ketik ${year} untuk mengonfirmasi`).fill(String(year - 1));
  expect(await confirm.isDisabled()).toBe(true);
  await dialog.getByLabel(`Ketik ${year} untuk mengonfirmasi`).fill(String(year));
  await shot(page, 'stage-move-early-desktop', SHOTS_DIR);
  await confirm.click();
  await visible(page.getByRole('status').filter({ hasText: 'Periode kini berada di tahap Penilaian mandiri (SAQ).' }));
  const history = page.getByRole('region', { name: 'Riwayat tahap' });
  const row = history.getByRole('row').filter({ hasText: reason });
  await visible(row);
  expect(await row.textContent()).toContain(`lebih awal dari jadwal ${year}-07-01`);
  return { counts: await counts.count() };
}

/**
 * The same questionnaire for every category of the commission that has none yet in the period (through the API): the
 * SAQ opens only when every category with bodies has one (issue 25), and the demo commission has bodies in all.
 */
export async function questionnaireForEveryCategory(admin: ApiCall, cid: string, pid: string, questionnaire: unknown) {
  const categories = (await admin('GET', `/commissions/${cid}/categories`)).body.categories as { code: string }[];
  const period = (await admin('GET', `/periods/${pid}`)).body.period as { questionnaires: { categoryCode: string }[] };
  for (const { code } of categories) {
    if (period.questionnaires.some((q) => q.categoryCode === code)) continue;
    expect((await admin('PUT', `/periods/${pid}/questionnaires/${code}`, questionnaire)).status).toBe(200);
  }
}

/** A stage move through the API with the reason and the typed year a move before its scheduled date needs. */
export async function moveWithReason(admin: ApiCall, pid: string, to: string, reason = 'E2E: uji sebelum jadwal') {
  const { year } = (await admin('GET', `/periods/${pid}`)).body.period as { year: number };
  const moved = await admin('POST', `/periods/${pid}/stage`, { to, reason, confirm: String(year) });
  expect(moved.status, JSON.stringify(moved.body)).toBe(200);
}
