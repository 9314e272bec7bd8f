import { type FormEvent, useId, useState } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { navigate } from '../router.tsx';

/** The certificate check's form: a code, then /verify/:code. */
export function CertificateCheckForm({ initial = '' }: { initial?: string }) {
  const { t } = useI18n();
  const id = useId();
  const [code, setCode] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = code.trim();
    if (trimmed) navigate(`/verify/${encodeURIComponent(trimmed)}`);
  };
  return (
    <form className="public-check" onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-code`}>{t('public.check.code')}</label>
        <input
          id={`${id}-code`}
          value={code}
          autoComplete="off"
          spellCheck={false}
          maxLength={100}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setCode(e.target.value)}
        />
        <p className="hint" id={`${id}-hint`}>
          {t('public.check.hint')}
        </p>
      </div>
      <button type="submit" className="btn btn-secondary">
        {t('public.check.submit')}
      </button>
    </form>
  );
}

/**
 * A small line of finals across years, drawn as inline SVG (no chart library on public pages); decorative beside the
 * table that carries the same figures, so it is one image with the figures as its name.
 */
export function TrendLine({ points, label }: { points: { year: number; final: number }[]; label: string }) {
  if (points.length === 0) return null;
  const width = 320;
  const height = 120;
  const pad = 16;
  const step = points.length > 1 ? (width - 2 * pad) / (points.length - 1) : 0;
  const x = (i: number) => (points.length > 1 ? pad + i * step : width / 2);
  const y = (final: number) => height - pad - (Math.max(0, Math.min(100, final)) / 100) * (height - 2 * pad);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.final).toFixed(1)}`).join(' ');
  return (
    <svg className="public-trend" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <line x1={pad} x2={width - pad} y1={y(0)} y2={y(0)} className="public-trend-axis" />
      <line x1={pad} x2={width - pad} y1={y(100)} y2={y(100)} className="public-trend-grid" />
      <path d={path} className="public-trend-line" />
      {points.map((p, i) => (
        <g key={p.year}>
          <circle cx={x(i)} cy={y(p.final)} r={4} className="public-trend-dot" />
          <text x={x(i)} y={height - 2} textAnchor="middle" className="public-trend-year">
            {p.year}
          </text>
        </g>
      ))}
    </svg>
  );
}
