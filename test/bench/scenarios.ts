import { deadlineRush } from './deadline-rush.ts';
import { registryRead } from './registry-read.ts';

export const scenarios = {
  'deadline-rush': deadlineRush,
  'registry-read': registryRead,
} as const;
