import type { ReactNode } from 'react';
import { TableWrap } from '../components/Page.tsx';

/** One column of a scores table: its header, whether it holds numbers (right-aligned), and its cell for a row. */
export interface ScoresColumn<R> {
  header: string;
  num?: boolean;
  cell: (row: R) => ReactNode;
}

/**
 * The compact table the panel pages share: the first column is the row header (`th scope="row"`),
 * numeric columns carry the `num` class on both their header and their cells.
 */
export function ScoresTable<R>({
  label,
  columns,
  rows,
  rowKey,
}: {
  label: string;
  columns: ScoresColumn<R>[];
  rows: R[];
  rowKey: (row: R) => string;
}) {
  const [first, ...rest] = columns;
  return (
    <TableWrap label={label}>
      <table className="table table-compact">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={c.num ? 'num' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              <th scope="row">{first?.cell(row)}</th>
              {rest.map((c) => (
                <td key={c.header} className={c.num ? 'num' : undefined}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
