/**
 * A QR code as vector paths (react-pdf's Svg): sharp at any print size and a few hundred bytes, where a bitmap would be
 * blurred or heavy. The matrix comes from `qrcode` (error correction M: a printed certificate survives a fold or a
 * stain); each row's horizontal runs of dark modules become one rectangle of the path, so a 33-module code is a
 * few hundred path segments rather than a thousand squares.
 */
import { Path, Rect, Svg } from '@react-pdf/renderer';
import QRCode from 'qrcode';

/** The blank margin around the symbol, in modules, that scanners need (ISO/IEC 18004 asks for 4). */
export const QUIET_ZONE = 4;

/** The SVG path of a text's QR code, in module units with the quiet zone included, and the side of the whole square. */
export function qrPath(text: string): { d: string; side: number } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const parts: string[] = [];
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && modules.get(row, col)) col++;
      parts.push(`M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${col - start}v1h${start - col}z`);
    }
  }
  return { d: parts.join(''), side: size + 2 * QUIET_ZONE };
}

/**
 * The QR code of `text`, `size` points square, quiet zone included. The quiet zone is painted in `background` (white
 * unless given), so that the code holds on any page and never picks up a frame or a line drawn under it.
 */
export function QrCode({
  text,
  size,
  color = '#000000',
  background = '#ffffff',
}: {
  text: string;
  size: number;
  color?: string;
  background?: string;
}) {
  const { d, side } = qrPath(text);
  return (
    <Svg width={size} height={size} viewBox={`0 0 ${side} ${side}`}>
      <Rect x={0} y={0} width={side} height={side} fill={background} />
      <Path d={d} fill={color} />
    </Svg>
  );
}
