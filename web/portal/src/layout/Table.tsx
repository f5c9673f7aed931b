import type { ComponentChildren } from 'preact';
import { Hidden } from '../../../ui/src/components/Button';

/** A column heading; `{ hidden }` names a column (e.g. of buttons) for screen readers only. */
export type Column = string | { hidden: string };

/**
 * A list page's table (`.pt-table` in its scrolling `.pt-table-wrap`): a caption for screen
 * readers, the headings, the rows, and, when `empty` is given, one row saying why there are none.
 */
export function Table({ caption, columns, empty, children }: { caption: string; columns: Column[]; empty?: ComponentChildren; children: ComponentChildren }) {
  return (
    <div class="pt-table-wrap">
      <table class="pt-table">
        <caption class="dw-vh">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={typeof column === 'string' ? column : column.hidden}>
                {typeof column === 'string' ? column : <Hidden>{column.hidden}</Hidden>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {children}
          {empty ? (
            <tr>
              <td colSpan={columns.length} class="pt-muted">
                {empty}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
