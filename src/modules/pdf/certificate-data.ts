/** A certificate record as the document's data: the QR code's address is PUBLIC_URL/verify/<code>. */

import type { CertificateRecord } from './certificates.repository.ts';
import type { CertificateData } from './documents/certificate-data.ts';

export function certificateData(record: CertificateRecord, publicUrl: string): CertificateData {
  return {
    code: record.code,
    verifyUrl: `${publicUrl.replace(/\/+$/, '')}/verify/${record.code}`,
    commissionName: record.commissionName,
    bodyName: record.bodyName,
    categoryName: record.categoryName,
    band: record.band,
    final: Number(record.final),
    decimals: record.decimals,
    year: record.year,
    decreeNumber: record.decreeNumber,
    decreeDate: record.decreeDate,
    version: record.version,
    signatory: record.signatory,
    revoked: record.revoked,
  };
}
