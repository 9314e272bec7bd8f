/**
 * The ranking report's charts, drawn as vector graphics with react-pdf's Svg (issue 24): the band distribution per
 * category as stacked bars, and a category's average final and share in the first band over the years as lines.
 * Labels that may be long (category and band names) are laid out as ordinary text beside the drawing, so they wrap.
 */
import { Circle, G, Line, Path, Rect, Svg, Text, View } from '@react-pdf/renderer';
import type { ReactNode } from 'react';
import { FONT_FAMILY } from '../fonts.ts';
import { formatInteger, formatScore } from '../pdf-format.ts';
import type { PdfLang } from '../pdf-types.ts';
import type { ReportBand, ReportCategory } from './report-data.ts';

export const INK = '#1f2937';
export const MUTED = '#6b7280';
export const NAVY = '#1f3a5f';
const GRID = '#d1d5db';
const SHARE = '#1b7f3b';

/** Band colours from the best to the worst; a methodology with other than five bands takes evenly spaced ones. */
const BAND_PALETTE = ['#1b7f3b', '#5e9e3a', '#d9a400', '#e07000', '#b3261e'];

export function bandColor(index: number, count: number): string {
  if (count <= 1) return BAND_PALETTE[0] as string;
  const at = Math.round((index * (BAND_PALETTE.length - 1)) / (count - 1));
  return BAND_PALETTE[Math.min(Math.max(at, 0), BAND_PALETTE.length - 1)] as string;
}

/** Text on a coloured band: dark on the light yellow, white on the others. */
export function bandInk(index: number, count: number): string {
  return bandColor(index, count) === '#d9a400' ? INK : '#ffffff';
}

/** Text inside an Svg: react-pdf reads its font from the element's props (not typed in its SVG attributes). */
function SvgText(props: {
  x: number;
  y: number;
  size: number;
  fill?: string;
  anchor?: 'start' | 'middle' | 'end';
  bold?: boolean;
  children: ReactNode;
}) {
  const font = { fontFamily: FONT_FAMILY, fontSize: props.size, fontWeight: props.bold ? 700 : 400 };
  return (
    <Text x={props.x} y={props.y} fill={props.fill ?? INK} textAnchor={props.anchor ?? 'start'} {...(font as object)}>
      {props.children}
    </Text>
  );
}

const BAR_WIDTH = 300;
const BAR_HEIGHT = 16;

/** One stacked bar per category: each band's share of its bodies, with the count inside when it fits. */
export function BandDistributionChart(props: {
  categories: ReportCategory[];
  bands: ReportBand[];
  lang: PdfLang;
  bodiesLabel: (n: number) => string;
}) {
  const { bands, lang } = props;
  return (
    <View>
      {props.categories.map((category) => {
        const total = category.bandCounts.reduce((a, b) => a + b, 0);
        let x = 0;
        return (
          <View
            key={category.code}
            wrap={false}
            style={{ flexDirection: 'row', alignItems: 'center', marginBottom: 6 }}
          >
            <Text style={{ width: 140, fontSize: 8, paddingRight: 6 }}>{category.name}</Text>
            <Svg width={BAR_WIDTH} height={BAR_HEIGHT}>
              <Rect x={0} y={0} width={BAR_WIDTH} height={BAR_HEIGHT} fill="#f3f4f6" />
              {category.bandCounts.map((count, i) => {
                if (count === 0 || total === 0) return null;
                const width = (count / total) * BAR_WIDTH;
                const start = x;
                x += width;
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: bands are positional and fixed for the document
                  <G key={i}>
                    <Rect x={start} y={0} width={width} height={BAR_HEIGHT} fill={bandColor(i, bands.length)} />
                    {width >= 14 ? (
                      <SvgText
                        x={start + width / 2}
                        y={11.5}
                        size={7}
                        anchor="middle"
                        fill={bandInk(i, bands.length)}
                        bold
                      >
                        {formatInteger(count, lang)}
                      </SvgText>
                    ) : null}
                  </G>
                );
              })}
            </Svg>
            <Text style={{ fontSize: 8, paddingLeft: 6, color: MUTED, flex: 1 }}>{props.bodiesLabel(total)}</Text>
          </View>
        );
      })}
      <View style={{ flexDirection: 'row', flexWrap: 'wrap', marginTop: 4, marginLeft: 140 }}>
        {bands.map((band, i) => (
          <View
            key={band.label}
            style={{ flexDirection: 'row', alignItems: 'center', marginRight: 10, marginBottom: 3 }}
          >
            <Svg width={8} height={8}>
              <Rect x={0} y={0} width={8} height={8} fill={bandColor(i, bands.length)} />
            </Svg>
            <Text style={{ fontSize: 7.5, marginLeft: 3 }}>{band.label}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

const TREND_WIDTH = 235;
const TREND_HEIGHT = 120;
const PLOT = { left: 24, right: 10, top: 8, bottom: 18 };

/**
 * A category's average final (solid) and share of bodies in the first band in % (dashed) over the years, both on the
 * same 0-100 scale; this report's year drawn as a hollow point.
 */
export function TrendChart(props: { category: ReportCategory; decimals: number; lang: PdfLang }) {
  const points = props.category.trend;
  const plotWidth = TREND_WIDTH - PLOT.left - PLOT.right;
  const plotHeight = TREND_HEIGHT - PLOT.top - PLOT.bottom;
  // the first and last years sit inside the plot, so that their value labels clear the axis' numbers
  const inset = 16;
  const step = points.length > 1 ? (plotWidth - 2 * inset) / (points.length - 1) : 0;
  const xOf = (i: number) => PLOT.left + (points.length > 1 ? inset + i * step : plotWidth / 2);
  const yOf = (value: number) => PLOT.top + plotHeight - (Math.min(Math.max(value, 0), 100) / 100) * plotHeight;
  const series = (value: (p: (typeof points)[number]) => number | null) =>
    points.flatMap((p, i) => {
      const v = value(p);
      return v === null ? [] : [{ x: xOf(i), y: yOf(v), v, current: p.current }];
    });
  const average = series((p) => p.averageFinal);
  const share = series((p) => (p.topBandShare === null ? null : p.topBandShare * 100));
  const pathOf = (list: { x: number; y: number }[]) =>
    list.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(2)} ${p.y.toFixed(2)}`).join(' ');
  return (
    <Svg width={TREND_WIDTH} height={TREND_HEIGHT}>
      {[0, 25, 50, 75, 100].map((tick) => (
        <G key={tick}>
          <Line
            x1={PLOT.left}
            x2={TREND_WIDTH - PLOT.right}
            y1={yOf(tick)}
            y2={yOf(tick)}
            stroke={GRID}
            strokeWidth={0.5}
          />
          <SvgText x={PLOT.left - 4} y={yOf(tick) + 2.5} size={6.5} anchor="end" fill={MUTED}>
            {formatInteger(tick, props.lang)}
          </SvgText>
        </G>
      ))}
      {points.map((p, i) => (
        <SvgText
          // biome-ignore lint/suspicious/noArrayIndexKey: a commission may hold two periods of one year
          key={`${p.year}-${i}`}
          x={xOf(i)}
          y={TREND_HEIGHT - 5}
          size={6.5}
          anchor="middle"
          fill={p.current ? INK : MUTED}
          bold={p.current}
        >
          {`${p.year}${p.example ? '*' : ''}`}
        </SvgText>
      ))}
      {share.length > 1 ? (
        <Path d={pathOf(share)} stroke={SHARE} strokeWidth={1.2} strokeDasharray="3 2" fill="none" />
      ) : null}
      {average.length > 1 ? <Path d={pathOf(average)} stroke={NAVY} strokeWidth={1.6} fill="none" /> : null}
      {share.map((p) => (
        <Rect
          key={`s${p.x}`}
          x={p.x - 2}
          y={p.y - 2}
          width={4}
          height={4}
          fill={p.current ? '#ffffff' : SHARE}
          stroke={SHARE}
          strokeWidth={1}
        />
      ))}
      {average.map((p) => (
        <G key={`a${p.x}`}>
          <Circle cx={p.x} cy={p.y} r={2.4} fill={p.current ? '#ffffff' : NAVY} stroke={NAVY} strokeWidth={1.2} />
          <SvgText x={p.x} y={p.y - 5} size={6} anchor="middle" fill={NAVY}>
            {formatScore(p.v, props.decimals, props.lang)}
          </SvgText>
        </G>
      ))}
    </Svg>
  );
}

/** The legend of the trend charts (one for the page). */
export function TrendLegend(props: { averageLabel: string; shareLabel: string }) {
  return (
    <View style={{ flexDirection: 'row', alignItems: 'center', marginBottom: 8 }}>
      <Svg width={18} height={8}>
        <Line x1={0} x2={18} y1={4} y2={4} stroke={NAVY} strokeWidth={1.6} />
        <Circle cx={9} cy={4} r={2.4} fill={NAVY} />
      </Svg>
      <Text style={{ fontSize: 7.5, marginLeft: 3, marginRight: 14 }}>{props.averageLabel}</Text>
      <Svg width={18} height={8}>
        <Line x1={0} x2={18} y1={4} y2={4} stroke={SHARE} strokeWidth={1.2} strokeDasharray="3 2" />
        <Rect x={7} y={2} width={4} height={4} fill={SHARE} />
      </Svg>
      <Text style={{ fontSize: 7.5, marginLeft: 3 }}>{props.shareLabel}</Text>
    </View>
  );
}
