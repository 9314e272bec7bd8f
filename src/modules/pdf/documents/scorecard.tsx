/**
 * A body's scorecard (issue 24, item 2) as a printable A4 document: who and which year, where the figures come from
 * (a published version and its decree, or a staff preview), final, band and rank of N, components, the indicators
 * self-assessed against verified (a table and a vector bar chart), the change against last year, and the
 * recommendations. Indonesian by default, English edition; long names and question texts wrap inside their boxes.
 */
import { Document, Line, Page, Path, Rect, StyleSheet, Svg, Text, View } from '@react-pdf/renderer';
import type { ReactNode } from 'react';
import { FONT_FAMILY } from '../fonts.ts';
import { formatDate, formatDateTime, formatInteger, formatNumber, formatScore, formatSigned } from '../pdf-format.ts';
import type { PdfLang } from '../pdf-types.ts';
import type { ScorecardPdfData, ScorecardPdfRecommendation, ScorecardPdfResult } from './scorecard-data.ts';

const LABELS = {
  id: {
    docTitle: 'Rapor Keterbukaan Informasi Publik',
    category: 'Kategori',
    period: 'Periode',
    published: 'Hasil resmi versi {version}: Keputusan {decree} tanggal {date}.',
    preview: 'PRATINJAU: hasil belum diumumkan; angka masih dapat berubah.',
    notPublished: 'Nilai akhir, predikat dan peringkat tercantum setelah hasil diumumkan.',
    example: 'Angka contoh, bukan dari keputusan.',
    final: 'Nilai akhir',
    band: 'Predikat',
    rank: 'Peringkat',
    rankOf: '{rank} dari {of}',
    inCategory: 'dalam kategori {category}',
    components: 'Komponen nilai',
    component: 'Komponen',
    weight: 'Bobot',
    score: 'Nilai',
    indicators: 'Indikator: nilai mandiri dan nilai verifikasi',
    indicator: 'Indikator',
    self: 'Mandiri',
    verified: 'Verifikasi',
    saq: 'Nilai kuesioner (SAQ)',
    notReleased: 'belum dibuka',
    verifiedLater: 'Nilai verifikasi dibuka saat masa sanggah dimulai.',
    chart: 'Nilai per indikator (0–100)',
    change: 'Dibandingkan tahun lalu',
    year: 'Tahun',
    noPrevious: 'Belum ada hasil tahun sebelumnya yang diumumkan.',
    changeLater: 'Perubahan tercantum setelah hasil tahun ini diumumkan.',
    points: '{n} poin',
    rankUp: 'naik {n} peringkat',
    rankUpOne: 'naik 1 peringkat',
    rankDown: 'turun {n} peringkat',
    rankDownOne: 'turun 1 peringkat',
    rankSame: 'peringkat tetap',
    bandUp: 'predikat naik',
    bandDown: 'predikat turun',
    bandSame: 'predikat tetap',
    recommendations: 'Rekomendasi: butir yang paling menaikkan nilai',
    nextBand: 'Kurang {n} poin lagi untuk predikat {band} (mulai {min}).',
    topBand: 'Sudah di predikat tertinggi.',
    basisVerified: 'Dihitung dari nilai verifikasi: tambahan nilai akhir jika butir itu bernilai penuh.',
    basisSelf: 'Dihitung dari jawaban mandiri (nilai verifikasi belum dibuka).',
    shownOf: 'Ditampilkan {n} dari {total} butir.',
    noRecommendations: 'Semua butir sudah bernilai penuh.',
    item: 'Butir',
    status: 'Status',
    gain: 'Tambahan nilai akhir',
    unanswered: 'belum dijawab',
    partial: 'belum penuh',
    corrected: 'dikoreksi penilai',
    certificate: 'Piagam',
    certificateText: 'Kode piagam {code}. Keaslian dan keberlakuannya dapat diperiksa di',
    printed: 'Dicetak {when}',
    page: 'Halaman {n} dari {total}',
  },
  en: {
    docTitle: 'Public Information Disclosure Scorecard',
    category: 'Category',
    period: 'Period',
    published: 'Official result, version {version}: decree {decree} of {date}.',
    preview: 'PREVIEW: the results are not published yet; figures may still change.',
    notPublished: 'The final score, band and rank appear once the results are published.',
    example: 'Example figures, not from a decree.',
    final: 'Final score',
    band: 'Band',
    rank: 'Rank',
    rankOf: '{rank} of {of}',
    inCategory: 'in the category {category}',
    components: 'Score components',
    component: 'Component',
    weight: 'Weight',
    score: 'Score',
    indicators: 'Indicators: self-assessed and verified',
    indicator: 'Indicator',
    self: 'Self-assessed',
    verified: 'Verified',
    saq: 'Questionnaire score (SAQ)',
    notReleased: 'not released yet',
    verifiedLater: 'Verified scores are released when the objection stage opens.',
    chart: 'Score per indicator (0–100)',
    change: 'Compared with last year',
    year: 'Year',
    noPrevious: 'No earlier year’s result has been published.',
    changeLater: 'The change appears once this year’s results are published.',
    points: '{n} points',
    rankUp: 'up {n} places',
    rankUpOne: 'up 1 place',
    rankDown: 'down {n} places',
    rankDownOne: 'down 1 place',
    rankSame: 'same rank',
    bandUp: 'band up',
    bandDown: 'band down',
    bandSame: 'same band',
    recommendations: 'Recommendations: the items that would raise the score most',
    nextBand: '{n} points short of the {band} band (from {min}).',
    topBand: 'Already in the highest band.',
    basisVerified: 'Computed from the verified values: the gain in the final if the item were at full marks.',
    basisSelf: 'Computed from the self-assessed answers (verified scores not released yet).',
    shownOf: 'Showing {n} of {total} items.',
    noRecommendations: 'Every item already has full marks.',
    item: 'Item',
    status: 'Status',
    gain: 'Gain in the final',
    unanswered: 'not answered',
    partial: 'not at full marks',
    corrected: 'corrected by the evaluator',
    certificate: 'Certificate',
    certificateText: 'Certificate code {code}. Its authenticity and validity can be checked at',
    printed: 'Printed {when}',
    page: 'Page {n} of {total}',
  },
} as const;

type Labels = (typeof LABELS)[PdfLang];

const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

const COLOR = {
  ink: '#1b2631',
  muted: '#586574',
  line: '#dfe4ea',
  faint: '#eef1f5',
  blue: '#0b3a6e',
  blueLight: '#dce8f5',
  green: '#067647',
  greenLight: '#ecfdf3',
  red: '#b42318',
  redLight: '#fef3f2',
  amber: '#93370d',
  amberLight: '#fffaeb',
};

// A4 portrait; the chart's widths are computed from the content width so that its bars line up with the page
const PAGE = { width: 595.28, marginX: 42, top: 40, bottom: 58 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.marginX;
const CHART_LABEL = 150;
const CHART_GAP = 8;
const CHART_WIDTH = CONTENT_WIDTH - CHART_LABEL - CHART_GAP - 4;
const TICKS = [0, 25, 50, 75, 100];

const s = StyleSheet.create({
  page: {
    fontFamily: FONT_FAMILY,
    fontSize: 9.5,
    color: COLOR.ink,
    paddingTop: PAGE.top,
    paddingBottom: PAGE.bottom,
    paddingHorizontal: PAGE.marginX,
  },
  // the line height is set here, not on the Page: react-pdf 4.9 draws nothing for a page-number Text (`render`) that
  // inherits a lineHeight, so the footer must not. A factor resolves against the same element's font size (into
  // points that the children inherit), hence the font size beside it
  content: { fontSize: 9.5, lineHeight: 1.35 },
  eyebrow: { fontSize: 8.5, color: COLOR.blue, fontWeight: 700, letterSpacing: 0.6 },
  commission: { fontSize: 10, color: COLOR.muted, marginTop: 2 },
  bodyName: { fontSize: 17, fontWeight: 700, lineHeight: 1.25, marginTop: 8 },
  meta: { fontSize: 9.5, color: COLOR.muted, marginTop: 4 },
  rule: { borderBottomWidth: 1.5, borderBottomColor: COLOR.blue, marginTop: 10, marginBottom: 10 },
  note: { fontSize: 9, padding: 6, borderRadius: 3, marginBottom: 10 },
  headline: { flexDirection: 'row', marginBottom: 12 },
  figure: {
    flexGrow: 1,
    flexBasis: 0,
    borderWidth: 1,
    borderColor: COLOR.line,
    borderRadius: 4,
    padding: 8,
    marginRight: 8,
  },
  figureLast: { marginRight: 0 },
  figureLabel: { fontSize: 8.5, color: COLOR.muted },
  figureValue: { fontSize: 22, fontWeight: 700, lineHeight: 1.15, marginTop: 2 },
  figureText: { fontSize: 13, fontWeight: 700, lineHeight: 1.2, marginTop: 4 },
  figureSub: { fontSize: 8.5, color: COLOR.muted, marginTop: 3 },
  h2: { fontSize: 11.5, fontWeight: 700, color: COLOR.blue, marginTop: 6, marginBottom: 5 },
  row: { flexDirection: 'row', borderBottomWidth: 0.75, borderBottomColor: COLOR.line, paddingVertical: 3.5 },
  headRow: {
    flexDirection: 'row',
    borderBottomWidth: 1,
    borderBottomColor: COLOR.ink,
    paddingBottom: 3,
    fontWeight: 700,
    fontSize: 8.5,
  },
  footRow: { flexDirection: 'row', paddingTop: 4, fontWeight: 700 },
  cell: { flexGrow: 1, flexBasis: 0, paddingRight: 6 },
  num: { textAlign: 'right' },
  numberCell: { flexGrow: 0, flexShrink: 0, flexBasis: 24 },
  muted: { color: COLOR.muted },
  hint: { fontSize: 8.5, color: COLOR.muted, marginBottom: 4 },
  columns: { flexDirection: 'row', marginBottom: 6 },
  column: { flexGrow: 1, flexBasis: 0 },
  columnGap: { width: 16 },
  section: { marginBottom: 8 },
  footer: {
    position: 'absolute',
    left: PAGE.marginX,
    right: PAGE.marginX,
    bottom: 24,
    flexDirection: 'row',
    justifyContent: 'space-between',
    fontSize: 7.5,
    color: COLOR.muted,
    borderTopWidth: 0.75,
    borderTopColor: COLOR.line,
    paddingTop: 4,
  },
  footerLeft: { flexGrow: 1, flexBasis: 0, paddingRight: 12 },
});

const BAND_TONE = (index: number, count: number) =>
  index === 0
    ? { color: COLOR.green, backgroundColor: COLOR.greenLight }
    : index >= count - 1
      ? { color: COLOR.red, backgroundColor: COLOR.redLight }
      : { color: COLOR.amber, backgroundColor: COLOR.amberLight };

function Heading({ children }: { children: ReactNode }) {
  // keep a heading with the start of what it introduces
  return (
    <Text style={s.h2} minPresenceAhead={48}>
      {children}
    </Text>
  );
}

function SourceNote({ result, l, lang }: { result: ScorecardPdfResult | null; l: Labels; lang: PdfLang }) {
  if (!result) {
    return <Text style={[s.note, { backgroundColor: COLOR.faint, color: COLOR.muted }]}>{l.notPublished}</Text>;
  }
  const text = result.published
    ? fill(l.published, {
        version: result.version ?? 1,
        decree: result.decreeNumber ?? '',
        date: result.decreeDate ? formatDate(result.decreeDate, lang) : '',
      })
    : l.preview;
  const tone = result.published
    ? { backgroundColor: COLOR.blueLight, color: COLOR.blue }
    : { backgroundColor: COLOR.amberLight, color: COLOR.amber, fontWeight: 700 as const };
  return (
    <Text style={[s.note, tone]}>
      {text}
      {result.example ? ` ${l.example}` : ''}
    </Text>
  );
}

function Headline({ data, l, lang }: { data: ScorecardPdfData; l: Labels; lang: PdfLang }) {
  const r = data.result;
  if (!r) return null;
  const tone = BAND_TONE(r.bandIndex, r.bands.length);
  return (
    <View style={s.headline} wrap={false}>
      <View style={s.figure}>
        <Text style={s.figureLabel}>{l.final}</Text>
        <Text style={s.figureValue}>{formatScore(r.final, data.decimals, lang)}</Text>
      </View>
      <View style={[s.figure, { backgroundColor: tone.backgroundColor, borderColor: tone.backgroundColor }]}>
        <Text style={s.figureLabel}>{l.band}</Text>
        <Text style={[s.figureText, { color: tone.color }]}>{r.band}</Text>
      </View>
      <View style={[s.figure, s.figureLast]}>
        <Text style={s.figureLabel}>{l.rank}</Text>
        <Text style={s.figureText}>
          {fill(l.rankOf, { rank: formatInteger(r.rank, lang), of: formatInteger(r.of, lang) })}
        </Text>
        <Text style={s.figureSub}>{fill(l.inCategory, { category: data.categoryName })}</Text>
      </View>
    </View>
  );
}

function ComponentsTable({ data, l, lang }: { data: ScorecardPdfData; l: Labels; lang: PdfLang }) {
  const r = data.result;
  if (!r) return null;
  return (
    <View>
      <Heading>{l.components}</Heading>
      <View style={s.headRow}>
        <Text style={[s.cell, { flexGrow: 3 }]}>{l.component}</Text>
        <Text style={[s.cell, s.num]}>{l.weight}</Text>
        <Text style={[s.cell, s.num, { paddingRight: 0 }]}>{l.score}</Text>
      </View>
      {r.components.map((c) => (
        <View key={c.label} style={s.row} wrap={false}>
          <Text style={[s.cell, { flexGrow: 3 }]}>{c.label}</Text>
          <Text style={[s.cell, s.num]}>{formatNumber(c.weight, lang)}</Text>
          <Text style={[s.cell, s.num, { paddingRight: 0 }]}>{formatScore(c.score, data.decimals, lang)}</Text>
        </View>
      ))}
      <View style={s.footRow} wrap={false}>
        <Text style={[s.cell, { flexGrow: 3 }]}>{l.final}</Text>
        <Text style={s.cell} />
        <Text style={[s.cell, s.num, { paddingRight: 0 }]}>{formatScore(r.final, data.decimals, lang)}</Text>
      </View>
    </View>
  );
}

/** A small filled triangle pointing up or down (the font has no arrow glyphs), or a square for no change. */
function Trend({ direction }: { direction: 'up' | 'down' | 'same' }) {
  const color = direction === 'up' ? COLOR.green : direction === 'down' ? COLOR.red : COLOR.muted;
  const d = direction === 'up' ? 'M0 8 L4.5 0 L9 8 Z' : direction === 'down' ? 'M0 0 L9 0 L4.5 8 Z' : 'M1 1 H8 V8 H1 Z';
  return (
    <Svg width={9} height={8} viewBox="0 0 9 8" style={{ marginRight: 4, marginTop: 3 }}>
      <Path d={d} fill={color} />
    </Svg>
  );
}

function ChangeSection({ data, l, lang }: { data: ScorecardPdfData; l: Labels; lang: PdfLang }) {
  const previous = data.previous;
  const d = data.decimals;
  const r = data.result;
  const change = data.change;
  return (
    <View>
      <Heading>{l.change}</Heading>
      {!previous ? (
        <Text style={s.muted}>{l.noPrevious}</Text>
      ) : (
        <>
          <View style={s.headRow}>
            <Text style={[s.cell, { flexGrow: 0.8 }]}>{l.year}</Text>
            <Text style={[s.cell, s.num]}>{l.final}</Text>
            <Text style={[s.cell, { flexGrow: 2 }]}>{l.band}</Text>
            <Text style={[s.cell, s.num, { paddingRight: 0 }]}>{l.rank}</Text>
          </View>
          {[
            previous,
            ...(r
              ? [{ year: data.year, final: r.final, band: r.band, rank: r.rank, of: r.of, example: r.example }]
              : []),
          ].map((y) => (
            <View key={y.year} style={s.row} wrap={false}>
              <Text style={[s.cell, { flexGrow: 0.8 }]}>
                {y.year}
                {y.example ? '*' : ''}
              </Text>
              <Text style={[s.cell, s.num]}>{formatScore(y.final, d, lang)}</Text>
              <Text style={[s.cell, { flexGrow: 2 }]}>{y.band}</Text>
              <Text style={[s.cell, s.num, { paddingRight: 0 }]}>
                {fill(l.rankOf, { rank: formatInteger(y.rank, lang), of: formatInteger(y.of, lang) })}
              </Text>
            </View>
          ))}
          {change ? (
            <View style={{ flexDirection: 'row', marginTop: 5 }} wrap={false}>
              <Trend direction={change.final > 0 ? 'up' : change.final < 0 ? 'down' : 'same'} />
              <Text style={{ flexGrow: 1, flexBasis: 0 }}>
                <Text style={{ fontWeight: 700 }}>{fill(l.points, { n: formatSigned(change.final, d, lang) })}</Text>
                {' · '}
                {change.rank === 1
                  ? l.rankUpOne
                  : change.rank === -1
                    ? l.rankDownOne
                    : change.rank > 0
                      ? fill(l.rankUp, { n: formatInteger(change.rank, lang) })
                      : change.rank < 0
                        ? fill(l.rankDown, { n: formatInteger(-change.rank, lang) })
                        : l.rankSame}
                {' · '}
                {change.band === 'up' ? l.bandUp : change.band === 'down' ? l.bandDown : l.bandSame}
              </Text>
            </View>
          ) : (
            <Text style={[s.muted, { marginTop: 5 }]}>{l.changeLater}</Text>
          )}
          {previous.example || r?.example ? <Text style={[s.hint, { marginTop: 3 }]}>* {l.example}</Text> : null}
        </>
      )}
    </View>
  );
}

function IndicatorsTable({ data, l, lang }: { data: ScorecardPdfData; l: Labels; lang: PdfLang }) {
  const d = data.decimals;
  return (
    <View style={s.section}>
      <Heading>{l.indicators}</Heading>
      {!data.verifiedVisible && <Text style={s.hint}>{l.verifiedLater}</Text>}
      <View style={s.headRow}>
        <Text style={[s.cell, { flexGrow: 5 }]}>{l.indicator}</Text>
        <Text style={[s.cell, s.num]}>{l.weight}</Text>
        <Text style={[s.cell, s.num, { flexGrow: 1.4 }]}>{l.self}</Text>
        <Text style={[s.cell, s.num, { flexGrow: 1.4, paddingRight: 0 }]}>{l.verified}</Text>
      </View>
      {data.indicators.map((i) => (
        <View key={i.code} style={s.row} wrap={false}>
          <Text style={[s.cell, { flexGrow: 5 }]}>
            <Text style={{ fontWeight: 700 }}>{i.code}.</Text> {i.title}
          </Text>
          <Text style={[s.cell, s.num]}>{formatNumber(i.weight, lang)}</Text>
          <Text style={[s.cell, s.num, { flexGrow: 1.4 }]}>{formatScore(i.self, d, lang)}</Text>
          <Text style={[s.cell, s.num, { flexGrow: 1.4, paddingRight: 0 }, i.verified === null ? s.muted : {}]}>
            {i.verified === null ? l.notReleased : formatScore(i.verified, d, lang)}
          </Text>
        </View>
      ))}
      <View style={s.footRow} wrap={false}>
        <Text style={[s.cell, { flexGrow: 5 }]}>{l.saq}</Text>
        <Text style={s.cell} />
        <Text style={[s.cell, s.num, { flexGrow: 1.4 }]}>{formatScore(data.saq.self, d, lang)}</Text>
        <Text style={[s.cell, s.num, { flexGrow: 1.4, paddingRight: 0 }]}>
          {formatScore(data.saq.verified, d, lang)}
        </Text>
      </View>
    </View>
  );
}

const x = (value: number) => (Math.max(0, Math.min(100, value)) / 100) * CHART_WIDTH;

/** One indicator's bars: self above, verified below, over the 0-25-50-75-100 grid. */
function ChartRow({ self, verified }: { self: number; verified: number | null }) {
  const height = 20;
  return (
    <Svg width={CHART_WIDTH} height={height} viewBox={`0 0 ${CHART_WIDTH} ${height}`}>
      {TICKS.map((t) => (
        <Line
          key={t}
          x1={x(t)}
          x2={x(t)}
          y1={0}
          y2={height}
          stroke={t === 0 ? COLOR.muted : COLOR.line}
          strokeWidth={0.75}
        />
      ))}
      <Rect x={0} y={3} width={x(self)} height={6} fill={COLOR.blue} />
      {verified !== null && <Rect x={0} y={11} width={x(verified)} height={6} fill={COLOR.green} />}
    </Svg>
  );
}

function IndicatorChart({ data, l, lang }: { data: ScorecardPdfData; l: Labels; lang: PdfLang }) {
  const legend = (color: string, text: string) => (
    <View style={{ flexDirection: 'row', alignItems: 'center', marginRight: 14 }}>
      <Svg width={9} height={9} viewBox="0 0 9 9" style={{ marginRight: 4 }}>
        <Rect x={0} y={0} width={9} height={9} fill={color} />
      </Svg>
      <Text style={{ fontSize: 8 }}>{text}</Text>
    </View>
  );
  return (
    <View style={s.section}>
      <View style={{ flexDirection: 'row', alignItems: 'center', marginBottom: 4 }} wrap={false} minPresenceAhead={40}>
        <Text style={{ fontSize: 9, fontWeight: 700, marginRight: 14 }}>{l.chart}</Text>
        {legend(COLOR.blue, l.self)}
        {legend(COLOR.green, data.verifiedVisible ? l.verified : `${l.verified} (${l.notReleased})`)}
      </View>
      {data.indicators.map((i) => (
        <View key={i.code} style={{ flexDirection: 'row', alignItems: 'center', marginBottom: 2 }} wrap={false}>
          <Text style={{ width: CHART_LABEL, marginRight: CHART_GAP, fontSize: 8, lineHeight: 1.2 }}>
            {i.code}. {i.title}
          </Text>
          <ChartRow self={i.self} verified={i.verified} />
        </View>
      ))}
      <View style={{ flexDirection: 'row' }} wrap={false}>
        <View style={{ width: CHART_LABEL + CHART_GAP }} />
        <View style={{ width: CHART_WIDTH, height: 10, position: 'relative' }}>
          {TICKS.map((t) => (
            <Text
              key={t}
              style={{
                position: 'absolute',
                // centred on its grid line, except the ends, which align with the chart's edges
                left: t === 0 ? 0 : t === 100 ? undefined : x(t) - 10,
                right: t === 100 ? 0 : undefined,
                width: 20,
                textAlign: t === 0 ? 'left' : t === 100 ? 'right' : 'center',
                fontSize: 7,
                color: COLOR.muted,
              }}
            >
              {formatInteger(t, lang)}
            </Text>
          ))}
        </View>
      </View>
    </View>
  );
}

const STATUS_TONE: Record<ScorecardPdfRecommendation['status'], string> = {
  unanswered: COLOR.red,
  partial: COLOR.amber,
  corrected: COLOR.muted,
};

function Recommendations({ data, l, lang }: { data: ScorecardPdfData; l: Labels; lang: PdfLang }) {
  const d = data.decimals;
  const row = (r: ScorecardPdfRecommendation, k: number) => (
    <View key={r.questionCode} style={s.row} wrap={false}>
      <Text style={[s.cell, s.numberCell]}>{formatInteger(k + 1, lang)}.</Text>
      <Text style={[s.cell, { flexGrow: 6 }]}>
        <Text style={{ fontWeight: 700 }}>{r.questionCode}</Text> {r.questionText}
      </Text>
      <Text style={[s.cell, { flexGrow: 1.6, color: STATUS_TONE[r.status] }]}>{l[r.status]}</Text>
      <View style={[s.cell, { flexGrow: 1.6, paddingRight: 0 }]}>
        <Text style={[s.num, { fontWeight: 700, color: COLOR.green }]}>
          {fill(l.points, { n: formatSigned(r.gain, d, lang) })}
        </Text>
        <Text style={[s.num, { fontSize: 7.5, color: COLOR.muted }]}>SAQ {formatSigned(r.saqGain, d, lang)}</Text>
      </View>
    </View>
  );
  const [first, ...rest] = data.recommendations;
  return (
    <View style={s.section}>
      {/* the heading, the distance to the next band, the table's head and its first item move to a page together */}
      <View wrap={false}>
        <Heading>{l.recommendations}</Heading>
        {data.nextBand ? (
          <Text style={{ fontWeight: 700, marginBottom: 4 }}>
            {fill(l.nextBand, {
              n: formatScore(data.nextBand.pointsNeeded, d, lang),
              band: data.nextBand.label,
              min: formatScore(data.nextBand.min, d, lang),
            })}
          </Text>
        ) : data.result ? (
          <Text style={{ fontWeight: 700, marginBottom: 4 }}>{l.topBand}</Text>
        ) : null}
        {!first ? (
          <Text style={s.muted}>{l.noRecommendations}</Text>
        ) : (
          <>
            <Text style={s.hint}>
              {data.recommendationsBasis === 'verified' ? l.basisVerified : l.basisSelf}{' '}
              {fill(l.shownOf, {
                n: formatInteger(data.recommendations.length, lang),
                total: formatInteger(data.recommendationsTotal, lang),
              })}
            </Text>
            <View style={s.headRow}>
              <Text style={[s.cell, s.numberCell]}>No.</Text>
              <Text style={[s.cell, { flexGrow: 6 }]}>{l.item}</Text>
              <Text style={[s.cell, { flexGrow: 1.6 }]}>{l.status}</Text>
              <Text style={[s.cell, s.num, { flexGrow: 1.6, paddingRight: 0 }]}>{l.gain}</Text>
            </View>
            {row(first, 0)}
          </>
        )}
      </View>
      {rest.map((r, k) => row(r, k + 1))}
    </View>
  );
}

function CertificateNote({ data, l }: { data: ScorecardPdfData; l: Labels }) {
  if (!data.certificate) return null;
  return (
    <View style={[s.section, { borderWidth: 1, borderColor: COLOR.line, borderRadius: 4, padding: 8 }]} wrap={false}>
      <Text style={{ fontWeight: 700, color: COLOR.blue }}>{l.certificate}</Text>
      <Text>{fill(l.certificateText, { code: data.certificate.code })}</Text>
      {/* on a line of its own: a long address breaks only where it must */}
      <Text style={{ color: COLOR.blue }}>{data.certificate.verifyUrl}</Text>
    </View>
  );
}

export function ScorecardDocument({ data, lang }: { data: ScorecardPdfData; lang: PdfLang }) {
  const l = LABELS[lang];
  return (
    <Document
      title={`${l.docTitle} ${data.year}: ${data.bodyName}`}
      author={data.commissionName}
      subject={l.docTitle}
      language={lang}
    >
      <Page size="A4" style={s.page}>
        <View style={s.content}>
          <Text style={s.eyebrow}>
            {l.docTitle.toUpperCase()} {data.year}
          </Text>
          <Text style={s.commission}>{data.commissionName}</Text>
          <Text style={s.bodyName}>{data.bodyName}</Text>
          <Text style={s.meta}>
            {l.category}: {data.categoryName} · {l.period}: {data.periodTitle}
          </Text>
          <View style={s.rule} />
          <SourceNote result={data.result} l={l} lang={lang} />
          <Headline data={data} l={l} lang={lang} />
          <View style={s.columns}>
            {data.result && (
              <>
                <View style={s.column}>
                  <ComponentsTable data={data} l={l} lang={lang} />
                </View>
                <View style={s.columnGap} />
              </>
            )}
            <View style={s.column}>
              <ChangeSection data={data} l={l} lang={lang} />
            </View>
          </View>
          <IndicatorsTable data={data} l={l} lang={lang} />
          <IndicatorChart data={data} l={l} lang={lang} />
          <Recommendations data={data} l={l} lang={lang} />
          <CertificateNote data={data} l={l} />
        </View>
        <View style={s.footer} fixed>
          <Text style={s.footerLeft}>
            {data.commissionName} · {fill(l.printed, { when: formatDateTime(data.generatedAt, lang) })}
          </Text>
          <Text
            render={({ pageNumber, totalPages }) =>
              fill(l.page, { n: formatInteger(pageNumber, lang), total: formatInteger(totalPages ?? 1, lang) })
            }
          />
        </View>
      </Page>
    </Document>
  );
}
