/** The ranking report's content (owned by the report document, documents/report.tsx). */
export interface ReportData {
  commissionName: string;
  year: number;
}
