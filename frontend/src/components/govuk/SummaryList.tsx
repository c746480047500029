import type { ReactNode } from 'react';
import { Link } from './link';
import { cx, content, type Attributes, type TextOrHtml } from './shared';

export interface SummaryListAction extends TextOrHtml {
  href: string;
  /** Names the row for screen readers: "Change <name>". */
  visuallyHiddenText?: string;
  classes?: string;
  attributes?: Attributes;
}

interface Actions {
  items?: SummaryListAction[];
  classes?: string;
}

export interface SummaryListRow {
  classes?: string;
  key: TextOrHtml & { classes?: string };
  value: TextOrHtml & { classes?: string };
  actions?: Actions;
}

export interface SummaryListProps {
  rows: SummaryListRow[];
  card?: {
    title?: TextOrHtml & { headingLevel?: 2 | 3 | 4 | 5 | 6; classes?: string };
    actions?: Actions;
    classes?: string;
    attributes?: Attributes;
  };
  classes?: string;
  attributes?: Attributes;
}

function ActionLink(action: SummaryListAction) {
  return (
    <Link className={cx('govuk-link', action.classes)} href={action.href} {...action.attributes}>
      {content(action)}
      {action.visuallyHiddenText && (
        <span className="govuk-visually-hidden"> {action.visuallyHiddenText}</span>
      )}
    </Link>
  );
}

function ActionList(props: { actions: Actions; className: string }): ReactNode {
  const items = props.actions.items ?? [];
  if (items.length === 0) return null;
  if (items.length === 1) return <ActionLink {...items[0]!} />;

  return (
    <ul className={props.className}>
      {items.map((action) => (
        <li className={`${props.className}-item`} key={action.href}>
          <ActionLink {...action} />
        </li>
      ))}
    </ul>
  );
}

export function SummaryList(props: SummaryListProps) {
  const anyRowHasActions = props.rows.some((row) => row.actions?.items?.length);
  const list = (
    <dl className={cx('govuk-summary-list', props.classes)} {...props.attributes}>
      {props.rows.map((row, index) => {
        const hasActions = !!row.actions?.items?.length;

        return (
          <div
            key={index}
            className={cx(
              'govuk-summary-list__row',
              anyRowHasActions && !hasActions && 'govuk-summary-list__row--no-actions',
              row.classes,
            )}
          >
            <dt className={cx('govuk-summary-list__key', row.key.classes)}>{content(row.key)}</dt>
            <dd className={cx('govuk-summary-list__value', row.value.classes)}>
              {content(row.value)}
            </dd>
            {hasActions && (
              <dd className={cx('govuk-summary-list__actions', row.actions?.classes)}>
                <ActionList actions={row.actions!} className="govuk-summary-list__actions-list" />
              </dd>
            )}
          </div>
        );
      })}
    </dl>
  );

  if (!props.card) return list;

  const { card } = props;
  const Heading = `h${card.title?.headingLevel ?? 2}` as 'h2';

  return (
    <div className={cx('govuk-summary-card', card.classes)} {...card.attributes}>
      <div className="govuk-summary-card__title-wrapper">
        {card.title && (
          <Heading className={cx('govuk-summary-card__title', card.title.classes)}>
            {content(card.title)}
          </Heading>
        )}
        {card.actions && (
          <ActionList actions={card.actions} className="govuk-summary-card__actions" />
        )}
      </div>
      <div className="govuk-summary-card__content">{list}</div>
    </div>
  );
}
