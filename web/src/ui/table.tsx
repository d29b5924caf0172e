import type { ReactNode } from 'react';

/**
 * A column of a list table, defined once and used by its header and its cells, so the label a
 * phone shows next to a value is always the column's. `title` is what the row is about (the top
 * of its card on a phone, no label there); `actions` holds the row's buttons (last in its card,
 * its header read by screen readers only); `num` right-aligns figures on wide screens; `wideOnly`
 * drops the column on a phone (a table that folds it elsewhere).
 */
export interface Column {
  label: string;
  num?: boolean;
  kind?: 'title' | 'actions';
  wideOnly?: boolean;
}

/** Names a table's columns once, keeping their keys for the cells. */
export function columns<K extends string>(defs: Record<K, Column>): Record<K, Column> {
  return defs;
}

function classOf(c: Column, extra?: string): string | undefined {
  const names = [c.num ? 'num' : '', c.kind === 'title' ? 'cell-title' : '', c.kind === 'actions' ? 'cell-actions' : '', c.wideOnly ? 'wide-only' : '', extra ?? ''].filter(Boolean);
  return names.length ? names.join(' ') : undefined;
}

/**
 * Every table of the screens. On a wide screen a plain table; below 40rem (`phone="cards"`, the
 * default) each row becomes a card: the title on top, every other cell with its column's label,
 * the actions last and in sight, so nothing needs sideways scrolling. `phone="table"` keeps a
 * table that fits a phone as it is (two columns, or columns folded into another with `wideOnly`).
 */
export function Table({ cols, children, foot, phone = 'cards', label }: { cols: Column[]; children: ReactNode; foot?: ReactNode; phone?: 'cards' | 'table'; label?: string }) {
  return (
    <div className="table-wrap">
      <table className={phone === 'cards' ? 'table cards' : 'table'} aria-label={label}>
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c.label} scope="col" className={classOf(c)}>
                {c.kind === 'actions' ? <span className="visually-hidden">{c.label}</span> : c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
        {foot ? <tfoot>{foot}</tfoot> : null}
      </table>
    </div>
  );
}

/** One cell, labelled with its column (`data-label`, what a phone shows beside the value). */
export function Cell({ col, className, children }: { col: Column; className?: string; children?: ReactNode }) {
  return (
    <td data-label={col.label} className={classOf(col, className)}>
      {children}
    </td>
  );
}
