/**
 * The ranking report (issue 24, item 1), an official publication for ministers and parliament: a cover, the
 * methodology, a summary with charts, and per category a table whose rows never split and whose header repeats on each
 * of its pages; page numbers and a running footer with the commission and the decree; a preview says so on every page.
 * Indonesian by default, English edition with `lang = 'en'`.
 */
import { Document, Page, Text, View } from '@react-pdf/renderer';
import { FONT_FAMILY } from '../fonts.ts';
import { formatDate, formatDateTime, formatInteger, formatNumber, formatScore } from '../pdf-format.ts';
import type { PdfLang } from '../pdf-types.ts';
import {
  BandDistributionChart,
  bandColor,
  bandInk,
  INK,
  MUTED,
  NAVY,
  TrendChart,
  TrendLegend,
} from './report-charts.tsx';
import type { ReportCategory, ReportData } from './report-data.ts';

const TEXT = {
  id: {
    title: (year: number) => `Laporan Hasil Monitoring dan Evaluasi Keterbukaan Informasi Publik Tahun ${year}`,
    decree: (n: string, date: string) => `Keputusan Nomor ${n} tanggal ${date}`,
    decreeShort: (n: string) => `Keputusan Nomor ${n}`,
    version: (v: number) => (v > 1 ? `Versi ${v}, perubahan atas Versi ${v - 1}` : `Versi ${v}`),
    latestNote: (latest: number) => `Versi terbaru yang ditetapkan: Versi ${latest}`,
    generated: (at: string) => `Dibuat pada ${at}`,
    preview: 'PRATINJAU — bukan keputusan',
    previewCover: 'Hasil sementara yang dihitung dari data periode ini; belum ditetapkan dengan keputusan.',
    previewFooter: 'Pratinjau, belum ditetapkan',
    categoriesAll: (n: number) => `Semua kategori (${n})`,
    categoryOne: (name: string) => `Kategori ${name}`,
    bodies: (n: string) => `${n} badan publik`,
    methodology: 'Metodologi Penilaian',
    components: 'Komponen dan bobot',
    component: 'Komponen',
    source: 'Sumber',
    weight: 'Bobot',
    share: 'Porsi',
    questionnaire: 'Kuesioner penilaian mandiri (SAQ)',
    panel: 'Penilaian panel',
    gate: 'Ambang batas',
    gateText: (label: string, min: string) =>
      `Badan publik dengan nilai ${label} di bawah ${min} tidak mengikuti penilaian panel.`,
    gateWeighted: 'Nilai akhirnya adalah jumlah tertimbang dengan komponen panel bernilai 0.',
    gateQuestionnaire: (label: string) => `Nilai akhirnya adalah nilai ${label} saja.`,
    noGate: 'Tidak ada ambang batas: semua badan publik dinilai dengan seluruh komponen.',
    bands: 'Predikat',
    band: 'Predikat',
    min: 'Nilai minimum',
    certificate: 'Piagam',
    yes: 'Ya',
    no: 'Tidak',
    decimals: (d: number) =>
      `Nilai ditampilkan dengan ${d} angka desimal, dibulatkan setengah ke atas; perhitungan antara dilakukan tanpa pembulatan.`,
    indicators: 'Bobot indikator kuesioner per kategori',
    code: 'Kode',
    indicator: 'Indikator',
    noIndicators: 'Tidak ada kuesioner tersimpan untuk kategori ini (hasil impor).',
    summary: 'Ringkasan',
    distribution: 'Sebaran predikat per kategori',
    trend: (band: string) => `Rata-rata nilai akhir dan porsi ${band} dari tahun ke tahun`,
    trendNote: 'Tahun-tahun sebelumnya dari versi terakhir yang ditetapkan; tahun laporan ini ditandai titik kosong.',
    average: 'Rata-rata nilai akhir',
    shareOf: (band: string) => `Porsi ${band} (%)`,
    example: '* Angka contoh, bukan data keputusan.',
    rankings: 'Peringkat',
    rank: 'No.',
    body: 'Badan Publik',
    final: 'Nilai Akhir',
    continued: 'lanjutan',
    empty: 'Tidak ada badan publik dalam kategori ini.',
    page: (k: number, n: number) => `Halaman ${k} dari ${n}`,
  },
  en: {
    title: (year: number) => `Report on the Monitoring and Evaluation of Public Information Disclosure ${year}`,
    decree: (n: string, date: string) => `Decree No. ${n} of ${date}`,
    decreeShort: (n: string) => `Decree No. ${n}`,
    version: (v: number) => (v > 1 ? `Version ${v}, amending Version ${v - 1}` : `Version ${v}`),
    latestNote: (latest: number) => `Latest version decreed: Version ${latest}`,
    generated: (at: string) => `Generated on ${at}`,
    preview: 'PREVIEW — not a decree',
    previewCover: 'Provisional results computed from this period’s data; not yet adopted by decree.',
    previewFooter: 'Preview, not decreed',
    categoriesAll: (n: number) => `All categories (${n})`,
    categoryOne: (name: string) => `Category ${name}`,
    bodies: (n: string) => `${n} public bodies`,
    methodology: 'Assessment Methodology',
    components: 'Components and weights',
    component: 'Component',
    source: 'Source',
    weight: 'Weight',
    share: 'Share',
    questionnaire: 'Self-assessment questionnaire (SAQ)',
    panel: 'Panel assessment',
    gate: 'Gate',
    gateText: (label: string, min: string) =>
      `Public bodies with a ${label} score below ${min} do not proceed to the panel assessment.`,
    gateWeighted: 'Their final score is the weighted sum with the panel components at 0.',
    gateQuestionnaire: (label: string) => `Their final score is their ${label} score alone.`,
    noGate: 'No gate: every public body is assessed on every component.',
    bands: 'Bands',
    band: 'Band',
    min: 'Minimum score',
    certificate: 'Certificate',
    yes: 'Yes',
    no: 'No',
    decimals: (d: number) =>
      `Scores are shown with ${d} decimals, rounded half up; intermediate values are computed without rounding.`,
    indicators: 'Questionnaire indicator weights by category',
    code: 'Code',
    indicator: 'Indicator',
    noIndicators: 'No questionnaire is stored for this category (imported results).',
    summary: 'Summary',
    distribution: 'Band distribution by category',
    trend: (band: string) => `Average final score and share ${band} over the years`,
    trendNote: 'Earlier years from their latest decreed version; this report’s year is the hollow point.',
    average: 'Average final score',
    shareOf: (band: string) => `Share ${band} (%)`,
    example: '* Example figures, not decree data.',
    rankings: 'Rankings',
    rank: 'No.',
    body: 'Public Body',
    final: 'Final',
    continued: 'continued',
    empty: 'No public bodies in this category.',
    page: (k: number, n: number) => `Page ${k} of ${n}`,
  },
} as const;

type Labels = (typeof TEXT)[PdfLang];

const MARGIN_X = 44;
const RED = '#b3261e';
const ZEBRA = '#f3f5f8';
const RULE = '#c7ced8';

const page = {
  fontFamily: FONT_FAMILY,
  fontSize: 9,
  color: INK,
  paddingTop: 58,
  paddingBottom: 58,
  paddingHorizontal: MARGIN_X,
  // no lineHeight here: with one on the Page, react-pdf 4.9 never draws the fixed footer whose page number is a
  // `render` Text; the font's own line spacing (about 1.36) is used throughout
} as const;

const h1 = { fontSize: 15, fontWeight: 700, color: NAVY, marginBottom: 10 } as const;
const h2 = { fontSize: 11, fontWeight: 700, color: NAVY, marginTop: 12, marginBottom: 6 } as const;
const th = { fontSize: 7.5, fontWeight: 700, color: '#ffffff' } as const;
const headRow = { flexDirection: 'row', backgroundColor: NAVY, paddingVertical: 4, paddingHorizontal: 4 } as const;
const bodyRow = { flexDirection: 'row', paddingVertical: 3, paddingHorizontal: 4, alignItems: 'center' } as const;
/** Every second row of a table shaded, so that a long row is easy to follow across. */
const zebra = (i: number) => (i % 2 === 1 ? { backgroundColor: ZEBRA } : {});

export function ReportDocument({ data, lang }: { data: ReportData; lang: PdfLang }) {
  const t = TEXT[lang];
  const footer = footerText(data, t);
  const chrome = (
    <>
      {data.published ? null : <PreviewBanner text={t.preview} />}
      <Footer text={footer} t={t} />
    </>
  );
  return (
    <Document
      title={t.title(data.year)}
      author={data.commissionName}
      subject={data.decreeNumber ? t.decreeShort(data.decreeNumber) : t.preview}
      language={lang}
    >
      <Page size="A4" style={page}>
        {chrome}
        <Cover data={data} t={t} lang={lang} />
      </Page>
      <Page size="A4" style={page}>
        {chrome}
        <Methodology data={data} t={t} lang={lang} />
      </Page>
      <Page size="A4" style={page}>
        {chrome}
        <Summary data={data} t={t} lang={lang} />
      </Page>
      {data.categories.map((category) => (
        <Page key={category.code} size="A4" style={page}>
          {chrome}
          <CategoryTable data={data} category={category} t={t} lang={lang} />
        </Page>
      ))}
    </Document>
  );
}

function footerText(data: ReportData, t: Labels): string {
  if (!data.published || data.decreeNumber === null) return `${data.commissionName} · ${t.previewFooter}`;
  return `${data.commissionName} · ${t.decreeShort(data.decreeNumber)}${data.version ? ` · v${data.version}` : ''}`;
}

/** On every page of a preview, above the content. */
function PreviewBanner({ text }: { text: string }) {
  return (
    <View
      fixed
      style={{
        position: 'absolute',
        top: 24,
        left: MARGIN_X,
        right: MARGIN_X,
        backgroundColor: RED,
        paddingVertical: 3,
      }}
    >
      <Text style={{ color: '#ffffff', fontWeight: 700, fontSize: 9, textAlign: 'center' }}>{text}</Text>
    </View>
  );
}

/** The running footer: the commission and the decree on the left, "Halaman k dari n" on the right. */
function Footer({ text, t }: { text: string; t: Labels }) {
  return (
    <View
      fixed
      style={{
        position: 'absolute',
        bottom: 26,
        left: MARGIN_X,
        right: MARGIN_X,
        flexDirection: 'row',
        borderTopWidth: 0.5,
        borderTopColor: RULE,
        paddingTop: 4,
      }}
    >
      <Text style={{ flex: 1, fontSize: 7, color: MUTED, paddingRight: 8 }}>{text}</Text>
      <Text
        style={{ width: 90, fontSize: 7, color: MUTED, textAlign: 'right' }}
        render={({ pageNumber, totalPages }) => t.page(pageNumber, totalPages)}
      />
    </View>
  );
}

function Cover({ data, t, lang }: { data: ReportData; t: Labels; lang: PdfLang }) {
  const scope =
    data.categories.length === 1 && data.categories[0]
      ? t.categoryOne(data.categories[0].name)
      : t.categoriesAll(data.categories.length);
  const bodies = data.categories.reduce((n, c) => n + c.rows.length, 0);
  return (
    <View style={{ flexGrow: 1, justifyContent: 'space-between' }}>
      <View>
        <Text style={{ fontSize: 12, fontWeight: 700, color: NAVY, letterSpacing: 0.5 }}>
          {data.commissionName.toUpperCase()}
        </Text>
        <View style={{ height: 3, backgroundColor: NAVY, marginTop: 8, width: 80 }} />
      </View>
      <View>
        <Text style={{ fontSize: 24, fontWeight: 700, color: NAVY, lineHeight: 1.25 }}>{t.title(data.year)}</Text>
        <Text style={{ fontSize: 11, color: MUTED, marginTop: 10 }}>{data.periodTitle}</Text>
        <View
          style={{ marginTop: 28, borderLeftWidth: 3, borderLeftColor: data.published ? NAVY : RED, paddingLeft: 10 }}
        >
          {data.published && data.decreeNumber && data.decreeDate ? (
            <Text style={{ fontSize: 11, fontWeight: 700 }}>
              {t.decree(data.decreeNumber, formatDate(data.decreeDate, lang))}
            </Text>
          ) : (
            <Text style={{ fontSize: 11, fontWeight: 700, color: RED }}>{t.previewCover}</Text>
          )}
          {data.version !== null ? <Text style={{ fontSize: 10, marginTop: 4 }}>{t.version(data.version)}</Text> : null}
          {data.version !== null && data.latestVersion !== null && data.latestVersion > data.version ? (
            <Text style={{ fontSize: 9, marginTop: 2, color: MUTED }}>{t.latestNote(data.latestVersion)}</Text>
          ) : null}
          <Text style={{ fontSize: 10, marginTop: 4 }}>
            {scope} · {t.bodies(formatInteger(bodies, lang))}
          </Text>
        </View>
      </View>
      <Text style={{ fontSize: 8.5, color: MUTED }}>{t.generated(formatDateTime(data.generatedAt, lang))}</Text>
    </View>
  );
}

function Methodology({ data, t, lang }: { data: ReportData; t: Labels; lang: PdfLang }) {
  const totalWeight = data.components.reduce((a, c) => a + c.weight, 0);
  const percent = (weight: number, total: number) =>
    total > 0 ? `${formatScore((weight * 100) / total, 2, lang)}%` : '–';
  return (
    <View>
      <Text style={h1}>{t.methodology}</Text>
      <Text style={h2}>{t.components}</Text>
      <View style={headRow}>
        <Text style={[th, { flex: 1 }]}>{t.component}</Text>
        <Text style={[th, { width: 190 }]}>{t.source}</Text>
        <Text style={[th, { width: 60, textAlign: 'right' }]}>{t.weight}</Text>
        <Text style={[th, { width: 60, textAlign: 'right' }]}>{t.share}</Text>
      </View>
      {data.components.map((c, i) => (
        <View key={c.key} wrap={false} style={[bodyRow, zebra(i)]}>
          <Text style={{ flex: 1 }}>{c.label}</Text>
          <Text style={{ width: 190 }}>{c.source === 'questionnaire' ? t.questionnaire : t.panel}</Text>
          <Text style={{ width: 60, textAlign: 'right' }}>{formatNumber(c.weight, lang)}</Text>
          <Text style={{ width: 60, textAlign: 'right' }}>{percent(c.weight, totalWeight)}</Text>
        </View>
      ))}

      <Text style={h2}>{t.gate}</Text>
      {data.gate ? (
        <Text>
          {t.gateText(data.gate.componentLabel, formatNumber(data.gate.min, lang))}{' '}
          {data.gate.below === 'weighted' ? t.gateWeighted : t.gateQuestionnaire(data.gate.componentLabel)}
        </Text>
      ) : (
        <Text>{t.noGate}</Text>
      )}

      <Text style={h2}>{t.bands}</Text>
      <View style={headRow}>
        <Text style={[th, { flex: 1 }]}>{t.band}</Text>
        <Text style={[th, { width: 100, textAlign: 'right' }]}>{t.min}</Text>
        <Text style={[th, { width: 80, textAlign: 'right' }]}>{t.certificate}</Text>
      </View>
      {data.bands.map((b, i) => (
        <View key={b.label} wrap={false} style={[bodyRow, zebra(i)]}>
          <View style={{ flex: 1, flexDirection: 'row' }}>
            <BandBadge label={b.label} index={i} count={data.bands.length} />
          </View>
          <Text style={{ width: 100, textAlign: 'right' }}>{formatScore(b.min, data.decimals, lang)}</Text>
          <Text style={{ width: 80, textAlign: 'right' }}>{b.certificate ? t.yes : t.no}</Text>
        </View>
      ))}
      <Text style={{ marginTop: 8, color: MUTED }}>{t.decimals(data.decimals)}</Text>

      <Text style={h2}>{t.indicators}</Text>
      {indicatorGroups(data.categories).map((group) => {
        const total = group.indicators.reduce((a, x) => a + x.weight, 0);
        return (
          // a short questionnaire is kept whole on one page; a long one at least keeps its heading with rows
          <View key={group.names.join('|')} wrap={group.indicators.length > 25} style={{ marginBottom: 10 }}>
            <View wrap={false} minPresenceAhead={40}>
              <Text style={{ fontWeight: 700, marginBottom: 3 }}>{group.names.join(', ')}</Text>
              {group.indicators.length > 0 ? (
                <View style={headRow}>
                  <Text style={[th, { width: 40 }]}>{t.code}</Text>
                  <Text style={[th, { flex: 1 }]}>{t.indicator}</Text>
                  <Text style={[th, { width: 60, textAlign: 'right' }]}>{t.weight}</Text>
                  <Text style={[th, { width: 60, textAlign: 'right' }]}>{t.share}</Text>
                </View>
              ) : (
                <Text style={{ color: MUTED }}>{t.noIndicators}</Text>
              )}
            </View>
            {group.indicators.map((x, i) => (
              <View key={x.code} wrap={false} style={[bodyRow, zebra(i)]}>
                <Text style={{ width: 40 }}>{x.code}</Text>
                <Text style={{ flex: 1, paddingRight: 6 }}>{x.title}</Text>
                <Text style={{ width: 60, textAlign: 'right' }}>{formatNumber(x.weight, lang)}</Text>
                <Text style={{ width: 60, textAlign: 'right' }}>{percent(x.weight, total)}</Text>
              </View>
            ))}
          </View>
        );
      })}
    </View>
  );
}

function Summary({ data, t, lang }: { data: ReportData; t: Labels; lang: PdfLang }) {
  const first = data.bands[0]?.label ?? '';
  const examples = data.categories.some((c) => c.trend.some((p) => p.example));
  return (
    <View>
      <Text style={h1}>{t.summary}</Text>
      <Text style={h2}>{t.distribution}</Text>
      <BandDistributionChart
        categories={data.categories}
        bands={data.bands}
        lang={lang}
        bodiesLabel={(n) => t.bodies(formatInteger(n, lang))}
      />
      <View wrap={false}>
        <Text style={h2}>{t.trend(first)}</Text>
        <TrendLegend averageLabel={t.average} shareLabel={t.shareOf(first)} />
      </View>
      <View style={{ flexDirection: 'row', flexWrap: 'wrap', justifyContent: 'space-between' }}>
        {data.categories.map((category) => (
          <View key={category.code} wrap={false} style={{ width: 245, marginBottom: 12 }}>
            <Text style={{ fontSize: 8.5, fontWeight: 700, marginBottom: 2 }}>{category.name}</Text>
            <TrendChart category={category} decimals={data.decimals} lang={lang} />
          </View>
        ))}
      </View>
      <Text style={{ fontSize: 7.5, color: MUTED }}>{t.trendNote}</Text>
      {examples ? <Text style={{ fontSize: 7.5, color: MUTED }}>{t.example}</Text> : null}
    </View>
  );
}

/**
 * Categories whose questionnaires weigh the same indicators alike share one table (KI Pusat uses one questionnaire
 * for every category), in the order of their first category.
 */
function indicatorGroups(categories: ReportCategory[]) {
  const groups = new Map<string, { names: string[]; indicators: ReportCategory['indicators'] }>();
  for (const category of categories) {
    const key = JSON.stringify(category.indicators.map((x) => [x.code, x.title, x.weight]));
    const group = groups.get(key) ?? { names: [], indicators: category.indicators };
    group.names.push(category.name);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** A band as a small coloured badge. */
function BandBadge({ label, index, count }: { label: string; index: number; count: number }) {
  return (
    <View
      style={{
        backgroundColor: bandColor(index, count),
        borderRadius: 2,
        paddingHorizontal: 3,
        paddingVertical: 1,
      }}
    >
      <Text style={{ color: bandInk(index, count), fontSize: 7, fontWeight: 700 }}>{label}</Text>
    </View>
  );
}

/**
 * A category's ranking: its title and the column header repeat at the top of each of its pages (`fixed`, one Page per
 * category so that they repeat within it alone); each row is kept whole (`wrap={false}`); long names wrap in their cell.
 */
function CategoryTable(props: { data: ReportData; category: ReportCategory; t: Labels; lang: PdfLang }) {
  const { data, category, t, lang } = props;
  const componentWidth = data.components.length > 3 ? 44 : 54;
  const bandIndex = new Map(data.bands.map((b, i) => [b.label, i]));
  const score = (v: number | null | undefined) => formatScore(v ?? null, data.decimals, lang);
  return (
    <View>
      <View fixed>
        <View style={{ flexDirection: 'row', alignItems: 'flex-end', marginBottom: 6 }}>
          <Text style={{ flex: 1, fontSize: 12, fontWeight: 700, color: NAVY }}>
            {t.rankings} · {category.name}
          </Text>
          <Text style={{ fontSize: 8, color: MUTED }}>{t.bodies(formatInteger(category.rows.length, lang))}</Text>
        </View>
        <View style={headRow}>
          <Text style={[th, { width: 26 }]}>{t.rank}</Text>
          <Text style={[th, { flex: 1, paddingRight: 4 }]}>{t.body}</Text>
          {data.components.map((c) => (
            <Text key={c.key} style={[th, { width: componentWidth, textAlign: 'right', paddingLeft: 2 }]}>
              {c.label}
            </Text>
          ))}
          <Text style={[th, { width: 50, textAlign: 'right' }]}>{t.final}</Text>
          <Text style={[th, { width: 96, paddingLeft: 8 }]}>{t.band}</Text>
        </View>
      </View>
      {category.rows.length === 0 ? <Text style={{ marginTop: 8, color: MUTED }}>{t.empty}</Text> : null}
      {category.rows.map((row, i) => (
        <View
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are listed once, in rank order; names may repeat
          key={i}
          wrap={false}
          style={[bodyRow, { fontSize: 8.5 }, zebra(i)]}
        >
          <Text style={{ width: 26 }}>{row.rank}</Text>
          <Text style={{ flex: 1, paddingRight: 4 }}>{row.bodyName}</Text>
          {data.components.map((c) => (
            <Text key={c.key} style={{ width: componentWidth, textAlign: 'right' }}>
              {score(row.components[c.key])}
            </Text>
          ))}
          <Text style={{ width: 50, textAlign: 'right', fontWeight: 700 }}>{score(row.final)}</Text>
          <View style={{ width: 96, paddingLeft: 8, flexDirection: 'row' }}>
            <BandBadge
              label={row.band}
              index={bandIndex.get(row.band) ?? data.bands.length - 1}
              count={data.bands.length}
            />
          </View>
        </View>
      ))}
    </View>
  );
}
