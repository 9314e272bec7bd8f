import { type ChangeEvent, useRef, useState } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { Field } from './Field.tsx';

/** The text of a CSV import, the name of the file it was read from, and a way to empty both after an import. */
export function useCsvText() {
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const clear = () => {
    setCsv('');
    setFileName(null);
    if (fileInput.current) fileInput.current.value = '';
  };
  return { csv, setCsv, fileName, setFileName, fileInput, clear };
}

export type CsvText = ReturnType<typeof useCsvText>;

/** The messages' sections of the CSV imports: each has sampleLabel, example, file, fileLoaded, paste and pasteHint. */
export type CsvSection = 'import' | 'historyImport';

/** An import's sample: the CSV header line and the section's example line; it scrolls sideways on a phone. */
export function CsvSample({ section, header }: { section: CsvSection; header: string }) {
  const { t } = useI18n();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the sample scrolls sideways on a phone; focusable, it scrolls by keyboard
    <section className="code-sample" tabIndex={0} aria-label={t(`${section}.sampleLabel`)}>
      <pre>
        <code>
          {header}
          {'\n'}
          {t(`${section}.example`)}
        </code>
      </pre>
    </section>
  );
}

/**
 * A CSV to import, chosen as a file (its text then fills the box) or pasted; `id` prefixes the two controls' ids
 * (`<id>-file`, `<id>-text`), `section` names their messages. `onRead` runs once a file has been read (to clear an
 * earlier outcome).
 */
export function CsvInput({
  id,
  section,
  text,
  header,
  rows,
  onRead,
}: {
  id: string;
  section: CsvSection;
  text: CsvText;
  header: string;
  rows: number;
  onRead: () => void;
}) {
  const { t } = useI18n();
  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    text.setFileName(file.name);
    text.setCsv(await file.text());
    onRead();
  };
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t(`${section}.file`)}</label>
        <input
          ref={text.fileInput}
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={readFile}
        />
        {text.fileName && <p className="hint">{t(`${section}.fileLoaded`, { name: text.fileName })}</p>}
      </div>
      <Field id={`${id}-text`} label={t(`${section}.paste`)} hint={t(`${section}.pasteHint`)}>
        {(a11y) => (
          <textarea
            {...a11y}
            rows={rows}
            spellCheck={false}
            className="mono"
            value={text.csv}
            placeholder={header}
            onChange={(e) => text.setCsv(e.target.value)}
          />
        )}
      </Field>
    </>
  );
}
