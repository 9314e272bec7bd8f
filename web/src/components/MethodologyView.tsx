import { bandEarnsCertificate, type Methodology } from '../../../src/domain/methodology.ts';
import { weightShares } from '../drafts.ts';
import { useI18n } from '../i18n/index.tsx';
import { bandRange } from './MethodologyEditor.tsx';
import { TableWrap } from './Page.tsx';

/** A methodology read-only: components with their normalised weights, the gate in words, bands with their ranges. */
export function MethodologyView({ methodology: m, idPrefix }: { methodology: Methodology; idPrefix: string }) {
  const { t, lang, formatNumber, formatPercent: percent } = useI18n();
  const shares = weightShares(m.components.map((c) => String(c.weight)));
  const gateComponent = m.gate
    ? (m.components.find((c) => c.key === m.gate?.component)?.label ?? m.gate.component)
    : '';
  const mins = m.bands.map((b) => b.min);
  return (
    <div className="meth-view">
      <h3 id={`${idPrefix}-components`}>{t('meth.components')}</h3>
      <TableWrap label={t('meth.components')}>
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">{t('meth.label')}</th>
              <th scope="col">{t('meth.key')}</th>
              <th scope="col">{t('meth.source')}</th>
              <th scope="col" className="num">
                {t('meth.weight')}
              </th>
              <th scope="col" className="num">
                {t('meth.share')}
              </th>
            </tr>
          </thead>
          <tbody>
            {m.components.map((c, i) => (
              <tr key={c.key}>
                <th scope="row">{c.label}</th>
                <td>
                  <code>{c.key}</code>
                </td>
                <td>{c.source === 'questionnaire' ? t('meth.source.questionnaire') : t('meth.source.panel')}</td>
                <td className="num">{formatNumber(c.weight)}</td>
                <td className="num">
                  <strong>{percent(shares[i] ?? null)}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>

      <h3>{t('meth.gate')}</h3>
      <p>
        {m.gate
          ? t(m.gate.below === 'weighted' ? 'meth.gateSummaryWeighted' : 'meth.gateSummaryQuestionnaireOnly', {
              component: gateComponent,
              min: formatNumber(m.gate.min),
            })
          : t('meth.noGate')}
      </p>

      <h3>{t('meth.bands')}</h3>
      <TableWrap label={t('meth.bands')}>
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">{t('meth.label')}</th>
              <th scope="col" className="num">
                {t('meth.range')}
              </th>
              <th scope="col">{t('meth.certificate')}</th>
            </tr>
          </thead>
          <tbody>
            {m.bands.map((b, i) => (
              <tr key={b.label}>
                <th scope="row">{b.label}</th>
                <td className="num">{bandRange(mins, i, m.decimals, lang) ?? `≥ ${formatNumber(b.min)}`}</td>
                <td>
                  {bandEarnsCertificate(m, i) ? (
                    <span className="badge badge-ok">{t('common.yes')}</span>
                  ) : (
                    <span className="badge badge-muted">{t('common.no')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <p className="hint">{t('meth.decimalsShown', { decimals: m.decimals })}</p>
    </div>
  );
}
