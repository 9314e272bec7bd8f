/** A certificate's content (owned by the certificate document, documents/certificate.tsx). */
export interface CertificateData {
  /** The certificate's code (128-bit base32) and the address its QR code points to: PUBLIC_URL/verify/<code>. */
  code: string;
  verifyUrl: string;
  commissionName: string;
  bodyName: string;
  categoryName: string | null;
  band: string;
  /** The final score, shown at `decimals`. */
  final: number;
  decimals: number;
  year: number;
  decreeNumber: string;
  /** ISO date (YYYY-MM-DD). */
  decreeDate: string;
  version: number;
  signatory: { name: string; title: string } | null;
  /** Revoked certificates are still printable by staff, marked as revoked. */
  revoked: boolean;
}
