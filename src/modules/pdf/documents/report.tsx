/** The ranking report: placeholder of the skeleton; the report's helper replaces it. */
import { Document, Page, Text } from '@react-pdf/renderer';
import { FONT_FAMILY } from '../fonts.ts';
import type { PdfLang } from '../pdf-types.ts';
import type { ReportData } from './report-data.ts';

export function ReportDocument({ data }: { data: ReportData; lang: PdfLang }) {
  return (
    <Document title={`${data.commissionName} ${data.year}`}>
      <Page size="A4" style={{ fontFamily: FONT_FAMILY, padding: 48 }}>
        <Text>{data.commissionName}</Text>
      </Page>
    </Document>
  );
}
