/** The scorecard PDF: placeholder of the skeleton; the scorecard's helper replaces it. */
import { Document, Page, Text } from '@react-pdf/renderer';
import { FONT_FAMILY } from '../fonts.ts';
import type { PdfLang } from '../pdf-types.ts';
import type { ScorecardPdfData } from './scorecard-data.ts';

export function ScorecardDocument({ data }: { data: ScorecardPdfData; lang: PdfLang }) {
  return (
    <Document title={`${data.bodyName} ${data.year}`}>
      <Page size="A4" style={{ fontFamily: FONT_FAMILY, padding: 48 }}>
        <Text>{data.bodyName}</Text>
      </Page>
    </Document>
  );
}
