import { registryRead } from './registry-read.ts';

export const scenarios = {
  'registry-read': registryRead,
} as const;
