/** The certificate (piagam): placeholder of the skeleton; the certificate's helper replaces it (A4 landscape, QR). */
import { Document, Page, Text } from '@react-pdf/renderer';
import { FONT_FAMILY } from '../fonts.ts';
import type { PdfLang } from '../pdf-types.ts';
import type { CertificateData } from './certificate-data.ts';

export function CertificateDocument({ data }: { data: CertificateData; lang: PdfLang }) {
  return (
    <Document title={`${data.bodyName} ${data.year}`}>
      <Page size="A4" orientation="landscape" style={{ fontFamily: FONT_FAMILY, padding: 48 }}>
        <Text>{data.commissionName}</Text>
        <Text>{data.bodyName}</Text>
        <Text>{data.band}</Text>
        <Text>{data.verifyUrl}</Text>
      </Page>
    </Document>
  );
}
