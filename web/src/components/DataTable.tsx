import type { Key, ReactNode } from 'react';

/**
 * A column of a DataTable: its header (`label`), what a row shows in it, right-aligned figures (`numeric`: the class
 * `num`) and any further class a row's cell takes. The first column is the row's header (`<th scope="row">`).
 */
export interface DataColumn<Row> {
  key: Key;
  label: ReactNode;
  numeric?: boolean;
  cell: (row: Row) => ReactNode;
  cellClass?: (row: Row) => string;
}

export interface DataTableProps<Row> {
  caption?: ReactNode;
  columns: DataColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => Key;
}

/**
 * A compact table with column and row headers and, where given, a caption (the data beside a chart, for instance): a
 * row per item of `rows`, a cell per column.
 */
export function DataTable<Row>({ caption, columns, rows, rowKey }: DataTableProps<Row>) {
  const [head, ...rest] = columns;
  const classOf = (column: DataColumn<Row>, row: Row) =>
    [column.numeric ? 'num' : '', column.cellClass?.(row) ?? ''].filter(Boolean).join(' ') || undefined;
  return (
    <table className="table table-compact">
      {caption !== undefined && <caption>{caption}</caption>}
      <thead>
        <tr>
          {columns.map((column) => (
            <th scope="col" className={column.numeric ? 'num' : undefined} key={column.key}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {head && <th scope="row">{head.cell(row)}</th>}
            {rest.map((column) => (
              <td className={classOf(column, row)} key={column.key}>
                {column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
