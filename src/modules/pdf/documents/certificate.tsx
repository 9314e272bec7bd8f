/**
 * The certificate (piagam) a public body hangs on its wall: A4 landscape inside a vector frame, the commission, the
 * award, the body (its name shrinks with its length, so that a 120-character name still wraps onto a few lines inside
 * the frame), the band as the achievement, the final score, the decree and the version of the results that stand
 * behind it, the signatory, and a vector QR code to PUBLIC_URL/verify/<code> where anyone can check it is genuine and
 * still in force. A revoked certificate, which staff may still print, carries a stamp saying so.
 */
import { Document, Page, Path, Rect, StyleSheet, Svg, Text, View } from '@react-pdf/renderer';
import { FONT_FAMILY } from '../fonts.ts';
import { categoryLine, formatDate, formatScore } from '../pdf-format.ts';
import type { PdfLang } from '../pdf-types.ts';
import type { CertificateData } from './certificate-data.ts';
import { QrCode } from './qr.tsx';

const TEXT = {
  id: {
    title: 'PIAGAM PENGHARGAAN',
    event: (year: number) => `Monitoring dan Evaluasi Keterbukaan Informasi Publik Tahun ${year}`,
    awardedTo: 'diberikan kepada',
    category: 'Kategori',
    qualification: 'dengan kualifikasi',
    score: 'Nilai',
    decree: (commission: string, number: string, date: string) =>
      `Berdasarkan Keputusan ${commission} Nomor ${number} tanggal ${date}`,
    version: (version: number) => `Hasil penilaian versi ${version}`,
    scan: 'Pindai untuk memeriksa keaslian',
    orOpen: 'atau buka alamat',
    code: 'Kode',
    revoked: 'DICABUT',
    revokedNote: 'Piagam ini telah dicabut dan tidak berlaku lagi',
    documentTitle: (body: string, year: number) => `Piagam ${year} – ${body}`,
  },
  en: {
    title: 'CERTIFICATE OF ACHIEVEMENT',
    event: (year: number) => `Monitoring and Evaluation of Public Information Disclosure ${year}`,
    awardedTo: 'awarded to',
    category: 'Category',
    qualification: 'with the qualification',
    score: 'Score',
    decree: (commission: string, number: string, date: string) =>
      `Pursuant to the decree of ${commission} number ${number} of ${date}`,
    version: (version: number) => `Results version ${version}`,
    scan: 'Scan to verify',
    orOpen: 'or open the address',
    code: 'Code',
    revoked: 'REVOKED',
    revokedNote: 'This certificate has been revoked and is no longer valid',
    documentTitle: (body: string, year: number) => `Certificate ${year} – ${body}`,
  },
} as const;

// A4 landscape, points
const PAGE_WIDTH = 841.89;
const PAGE_HEIGHT = 595.28;
const NAVY = '#1b365d';
const GOLD = '#a8842c';
const INK = '#222222';
/** A warm white: the paper tone of a printed award; light enough for the QR code's quiet zone. */
const PAPER = '#fffdf8';
const MUTED = '#555555';
const REVOKED_RED = '#c0392b';
/** About 3 cm: large enough for a phone at arm's length, small enough to sit beside the signature. */
const QR_SIZE = 86;

/**
 * The body's name size by its length: short names stand large, and the longest registered names (120 characters and
 * more) still fit in two or three lines of the text block instead of running into the frame.
 */
export function nameFontSize(name: string): number {
  const length = name.length;
  if (length <= 32) return 30;
  if (length <= 48) return 26;
  if (length <= 70) return 22;
  if (length <= 95) return 19;
  if (length <= 130) return 17;
  return 14;
}

const styles = StyleSheet.create({
  page: { fontFamily: FONT_FAMILY, color: INK, backgroundColor: PAPER },
  content: {
    position: 'absolute',
    top: 50,
    bottom: 42,
    left: 62,
    right: 62,
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'space-between',
  },
  section: { alignItems: 'center', width: '100%' },
  commission: { fontSize: 12.5, fontWeight: 700, color: NAVY, textAlign: 'center' },
  title: { fontSize: 30, fontWeight: 700, letterSpacing: 2.5, color: NAVY, marginTop: 6, textAlign: 'center' },
  event: { fontSize: 12.5, color: MUTED, marginTop: 4, textAlign: 'center' },
  awardedTo: { fontSize: 12, fontStyle: 'italic', color: MUTED },
  name: { fontWeight: 700, color: NAVY, textAlign: 'center', marginTop: 6, maxWidth: 640, lineHeight: 1.2 },
  category: { fontSize: 11, color: MUTED, marginTop: 6, textAlign: 'center' },
  qualification: { fontSize: 11, fontStyle: 'italic', color: MUTED, marginTop: 12 },
  band: { fontSize: 26, fontWeight: 700, letterSpacing: 2, color: GOLD, marginTop: 2, textAlign: 'center' },
  score: { fontSize: 14, fontWeight: 700, color: NAVY, marginTop: 2 },
  decree: { fontSize: 9.5, color: MUTED, marginTop: 12, textAlign: 'center', maxWidth: 560, lineHeight: 1.35 },
  footer: { flexDirection: 'row', justifyContent: 'space-between', alignItems: 'flex-end', width: '100%' },
  verify: { flexDirection: 'row', alignItems: 'flex-end', width: 278 },
  qr: { alignItems: 'center', width: 124 },
  code: { fontSize: 6.5, color: MUTED, marginTop: 1 },
  verifyText: { marginLeft: 6, marginBottom: 12, width: 148 },
  scan: { fontSize: 8.5, fontWeight: 700, color: NAVY },
  small: { fontSize: 7, color: MUTED, marginTop: 2, lineHeight: 1.3 },
  sign: { alignItems: 'center', width: 240 },
  signDate: { fontSize: 10.5, textAlign: 'center' },
  signTitle: { fontSize: 10.5, textAlign: 'center', marginTop: 2, lineHeight: 1.3 },
  signName: { fontSize: 11.5, fontWeight: 700, textAlign: 'center', textDecoration: 'underline', lineHeight: 1.3 },
  stamp: {
    width: 190,
    marginBottom: 14,
    alignItems: 'center',
    borderWidth: 3,
    borderColor: REVOKED_RED,
    borderRadius: 6,
    paddingVertical: 4,
    paddingHorizontal: 6,
  },
  stampWord: { fontSize: 28, fontWeight: 700, letterSpacing: 2, color: REVOKED_RED },
  stampNote: { fontSize: 7.5, fontWeight: 700, color: REVOKED_RED, textAlign: 'center' },
});

/** The frame: a navy rule, a gold rule inside it, gold corner brackets and diamonds at the inner corners. */
function Frame() {
  const outer = 18;
  const inner = 25;
  const bracket = 34;
  const arm = 46;
  const w = PAGE_WIDTH;
  const h = PAGE_HEIGHT;
  const corners: [number, number, number, number][] = [
    // corner point, then the direction of each arm (x, y)
    [bracket, bracket, 1, 1],
    [w - bracket, bracket, -1, 1],
    [bracket, h - bracket, 1, -1],
    [w - bracket, h - bracket, -1, -1],
  ];
  const diamond = (x: number, y: number, r: number) => `M${x} ${y - r}L${x + r} ${y}L${x} ${y + r}L${x - r} ${y}Z`;
  return (
    <Svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} style={{ position: 'absolute', top: 0, left: 0 }} fixed>
      <Rect
        x={outer}
        y={outer}
        width={w - 2 * outer}
        height={h - 2 * outer}
        stroke={NAVY}
        strokeWidth={3}
        fill="none"
      />
      <Rect
        x={inner}
        y={inner}
        width={w - 2 * inner}
        height={h - 2 * inner}
        stroke={GOLD}
        strokeWidth={1}
        fill="none"
      />
      {corners.map(([x, y, dx, dy]) => (
        <Path
          key={`${x}-${y}`}
          d={`M${x} ${y + dy * arm}L${x} ${y}L${x + dx * arm} ${y}`}
          stroke={GOLD}
          strokeWidth={2}
          fill="none"
        />
      ))}
      {[
        [inner, inner],
        [w - inner, inner],
        [inner, h - inner],
        [w - inner, h - inner],
      ].map(([x = 0, y = 0]) => (
        <Path key={`d-${x}-${y}`} d={diamond(x, y, 5)} fill={NAVY} />
      ))}
    </Svg>
  );
}

/** A gold rule with a diamond at its middle, between the heading's lines. */
function Ornament({ width }: { width: number }) {
  const mid = width / 2;
  return (
    <Svg width={width} height={10} viewBox={`0 0 ${width} 10`} style={{ marginTop: 6 }}>
      <Path d={`M0 5L${mid - 9} 5M${mid + 9} 5L${width} 5`} stroke={GOLD} strokeWidth={0.8} />
      <Path d={`M${mid} 1L${mid + 4} 5L${mid} 9L${mid - 4} 5Z`} fill={GOLD} />
    </Svg>
  );
}

/** The verify address without the code (PUBLIC_URL/verify/); the code follows on the next line. */
function verifyBase(data: CertificateData): string {
  return data.verifyUrl.endsWith(data.code) ? data.verifyUrl.slice(0, -data.code.length) : data.verifyUrl;
}

export function CertificateDocument({ data, lang }: { data: CertificateData; lang: PdfLang }) {
  const t = TEXT[lang];
  const date = formatDate(data.decreeDate, lang);
  return (
    <Document
      title={t.documentTitle(data.bodyName, data.year)}
      author={data.commissionName}
      subject={t.event(data.year)}
      language={lang}
    >
      <Page size="A4" orientation="landscape" style={styles.page}>
        <Frame />
        <View style={styles.content}>
          <View style={styles.section}>
            <Text style={styles.commission}>{data.commissionName.toLocaleUpperCase('id')}</Text>
            <Ornament width={180} />
            <Text style={styles.title}>{t.title}</Text>
            <Text style={styles.event}>{t.event(data.year)}</Text>
          </View>

          <View style={styles.section}>
            <Text style={styles.awardedTo}>{t.awardedTo}</Text>
            <Text style={[styles.name, { fontSize: nameFontSize(data.bodyName) }]}>{data.bodyName}</Text>
            {data.categoryName && <Text style={styles.category}>{categoryLine(t.category, data.categoryName)}</Text>}
            <Text style={styles.qualification}>{t.qualification}</Text>
            <Text style={styles.band}>{data.band.toLocaleUpperCase('id')}</Text>
            <Text style={styles.score}>
              {t.score} {formatScore(data.final, data.decimals, lang)}
            </Text>
            <Text style={styles.decree}>
              {t.decree(data.commissionName, data.decreeNumber, date)}
              {'\n'}
              {t.version(data.version)}
            </Text>
          </View>

          <View style={styles.footer}>
            <View style={styles.verify}>
              {/* the code under the QR code, where the public check page tells the reader to find it */}
              <View style={styles.qr}>
                <QrCode text={data.verifyUrl} size={QR_SIZE} color={INK} background={PAPER} />
                <Text style={styles.code}>
                  {t.code}: {data.code}
                </Text>
              </View>
              <View style={styles.verifyText}>
                <Text style={styles.scan}>{t.scan}</Text>
                <Text style={styles.small}>{t.orOpen}</Text>
                {/* the address's two parts on lines of their own: a break inside it would print a hyphen that is not
                    part of it */}
                <Text style={styles.small}>{verifyBase(data)}</Text>
                <Text style={styles.small}>{data.code}</Text>
              </View>
            </View>
            {/* between the QR code and the signature, where it hides nothing the reader needs */}
            {data.revoked && (
              <View style={styles.stamp}>
                <Text style={styles.stampWord}>{t.revoked}</Text>
                <Text style={styles.stampNote}>{t.revokedNote}</Text>
              </View>
            )}
            <View style={styles.sign}>
              <Text style={styles.signDate}>{date}</Text>
              <Text style={styles.signTitle}>{data.signatory?.title ?? data.commissionName}</Text>
              {/* room for the wet signature and the seal */}
              <View style={{ height: 50 }} />
              {data.signatory && <Text style={styles.signName}>{data.signatory.name}</Text>}
            </View>
          </View>
        </View>
      </Page>
    </Document>
  );
}
