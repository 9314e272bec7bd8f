import { deadlineRush } from './deadline-rush.ts';
import { pdf } from './pdf.ts';
import { registryRead } from './registry-read.ts';
import { results } from './results.ts';
import { verification } from './verification.ts';

export const scenarios = {
  'deadline-rush': deadlineRush,
  pdf,
  'registry-read': registryRead,
  results,
  verification,
} as const;
