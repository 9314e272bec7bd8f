/** A spec's document element: the one switch from PdfSpec to the react-pdf tree. */
import type { ReactElement } from 'react';
import type { PdfSpec } from '../pdf-types.ts';
import { CertificateDocument } from './certificate.tsx';
import { ReportDocument } from './report.tsx';
import { ScorecardDocument } from './scorecard.tsx';

export function documentOf(spec: PdfSpec): ReactElement {
  switch (spec.kind) {
    case 'certificate':
      return <CertificateDocument data={spec.data} lang={spec.lang} />;
    case 'report':
      return <ReportDocument data={spec.data} lang={spec.lang} />;
    case 'scorecard':
      return <ScorecardDocument data={spec.data} lang={spec.lang} />;
  }
}
