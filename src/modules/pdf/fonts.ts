/**
 * The PDFs' one font: Noto Sans in TTF from the npm package @expo-google-fonts/noto-sans (STACK.md: TTF renders about
 * 3.5 times faster than WOFF; WOFF2 renders blank), embedded in every document, so output is the same on every machine.
 * Registered once per thread (the render worker registers its own).
 */
import { createRequire } from 'node:module';
import { Font } from '@react-pdf/renderer';

export const FONT_FAMILY = 'Noto Sans';

const require = createRequire(import.meta.url);
let registered = false;

export function registerFonts(): void {
  if (registered) return;
  registered = true;
  const file = (name: string) => require.resolve(`@expo-google-fonts/noto-sans/${name}/NotoSans_${name}.ttf`);
  Font.register({
    family: FONT_FAMILY,
    fonts: [
      { src: file('400Regular'), fontWeight: 400 },
      { src: file('400Regular_Italic'), fontWeight: 400, fontStyle: 'italic' },
      { src: file('700Bold'), fontWeight: 700 },
    ],
  });
  // Indonesian names are not hyphenated (react-pdf's default is English hyphenation); a word too long for its line
  // (a long URL, a code) may still break between any two characters
  Font.registerHyphenationCallback((word) => (word.length > 24 ? Array.from(word) : [word]));
}
