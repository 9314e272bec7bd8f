import methodologyPresets from '../../../fixtures/methodologies/presets.json' with { type: 'json' };
import questionnaireKiPusat2025 from '../../../fixtures/questionnaires/ki-pusat-2025.json' with { type: 'json' };
import type { Methodology } from '../../domain/methodology.ts';
import type { Questionnaire } from '../../domain/questionnaire.ts';

/** Presets are fixtures bundled into the app (Workers has no file system): methodologies and questionnaire editions. */
export interface MethodologyPreset {
  key: string;
  name: string;
  description?: string;
  methodology: Methodology;
}

export interface QuestionnairePreset extends Questionnaire {
  key: string;
  name: string;
  description?: string;
}

export const METHODOLOGY_PRESETS = methodologyPresets.presets as MethodologyPreset[];
export const QUESTIONNAIRE_PRESETS = [questionnaireKiPusat2025 as QuestionnairePreset];
