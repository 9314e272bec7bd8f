import type { Issue } from './issues.ts';

/** A period's scoring rules (API.md): every rule that differs between commissions and years is configuration. */
export interface MethodologyComponent {
  key: string;
  label: string;
  weight: number;
  source: 'questionnaire' | 'panel';
}

export interface Band {
  label: string;
  min: number;
  certificate?: boolean | undefined;
}

export interface Gate {
  component: string;
  min: number;
  below: 'weighted' | 'questionnaire_only';
}

export interface Methodology {
  components: MethodologyComponent[];
  gate?: Gate | undefined;
  bands: Band[];
  decimals: number;
}

/**
 * Every rule a methodology breaks, at once: exactly one questionnaire component, unique keys, positive weights, bands
 * strictly descending by `min` and ending at 0, a gate on an existing component, decimals 0-4.
 */
export function validateMethodology(m: Methodology): Issue[] {
  const issues: Issue[] = [];
  const questionnaire = m.components.filter((c) => c.source === 'questionnaire');
  if (m.components.length === 0) issues.push({ path: 'components', message: 'At least one component is needed' });
  if (questionnaire.length !== 1) {
    issues.push({
      path: 'components',
      message: `Exactly one component must have source questionnaire (found ${questionnaire.length})`,
    });
  }
  const keys = new Set<string>();
  m.components.forEach((c, i) => {
    if (keys.has(c.key)) issues.push({ path: `components.${i}.key`, message: `Duplicate component key ${c.key}` });
    keys.add(c.key);
    if (!(c.weight > 0)) issues.push({ path: `components.${i}.weight`, message: 'Weight must be greater than 0' });
  });
  if (m.bands.length === 0) issues.push({ path: 'bands', message: 'At least one band is needed' });
  const labels = new Set<string>();
  m.bands.forEach((b, i) => {
    if (labels.has(b.label)) issues.push({ path: `bands.${i}.label`, message: `Duplicate band ${b.label}` });
    labels.add(b.label);
    if (b.min < 0 || b.min > 100) issues.push({ path: `bands.${i}.min`, message: 'Band minimum must be within 0-100' });
    const previous = m.bands[i - 1];
    if (previous && !(b.min < previous.min)) {
      issues.push({ path: `bands.${i}.min`, message: 'Bands must be strictly descending by min' });
    }
  });
  const last = m.bands.at(-1);
  if (last && last.min !== 0)
    issues.push({ path: `bands.${m.bands.length - 1}.min`, message: 'The last band must start at 0' });
  if (m.gate) {
    if (!keys.has(m.gate.component))
      issues.push({ path: 'gate.component', message: `No component ${m.gate.component}` });
    if (m.gate.min < 0 || m.gate.min > 100)
      issues.push({ path: 'gate.min', message: 'Gate minimum must be within 0-100' });
  }
  if (!Number.isInteger(m.decimals) || m.decimals < 0 || m.decimals > 4) {
    issues.push({ path: 'decimals', message: 'Decimals must be a whole number from 0 to 4' });
  }
  return issues;
}

/** Whether a band earns a certificate: as configured, or, when no band says, the first three. */
export function bandEarnsCertificate(m: Methodology, index: number): boolean {
  const configured = m.bands.some((b) => b.certificate !== undefined);
  if (configured) return m.bands[index]?.certificate === true;
  return index < 3;
}
