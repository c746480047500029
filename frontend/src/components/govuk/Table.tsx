import { cx, content, type Attributes, type TextOrHtml } from './shared';

export interface TableCell extends TextOrHtml {
  /** `numeric` right-aligns figures. */
  format?: 'numeric';
  classes?: string;
  colspan?: number;
  rowspan?: number;
  attributes?: Attributes;
}

export interface TableProps {
  rows: TableCell[][];
  head?: TableCell[];
  caption?: string;
  captionClasses?: string;
  firstCellIsHeader?: boolean;
  classes?: string;
  attributes?: Attributes;
}

export function Table(props: TableProps) {
  return (
    <table className={cx('govuk-table', props.classes)} {...props.attributes}>
      {props.caption && (
        <caption className={cx('govuk-table__caption', props.captionClasses)}>
          {props.caption}
        </caption>
      )}
      {props.head && (
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {props.head.map((cell, index) => (
              <th
                key={index}
                scope="col"
                className={cx(
                  'govuk-table__header',
                  cell.format && `govuk-table__header--${cell.format}`,
                  cell.classes,
                )}
                colSpan={cell.colspan}
                rowSpan={cell.rowspan}
                {...cell.attributes}
              >
                {content(cell)}
              </th>
            ))}
          </tr>
        </thead>
      )}
      <tbody className="govuk-table__body">
        {props.rows.map((row, rowIndex) => (
          <tr className="govuk-table__row" key={rowIndex}>
            {row.map((cell, index) => {
              const Cell = index === 0 && props.firstCellIsHeader ? 'th' : 'td';
              const base = Cell === 'th' ? 'govuk-table__header' : 'govuk-table__cell';

              return (
                <Cell
                  key={index}
                  scope={Cell === 'th' ? 'row' : undefined}
                  className={cx(base, cell.format && `${base}--${cell.format}`, cell.classes)}
                  colSpan={cell.colspan}
                  rowSpan={cell.rowspan}
                  {...cell.attributes}
                >
                  {content(cell)}
                </Cell>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
