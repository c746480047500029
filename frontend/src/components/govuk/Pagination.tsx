import { Link } from './link';
import { cx, type Attributes, type TextOrHtml } from './shared';

export interface PaginationItem {
  number?: string | number;
  visuallyHiddenText?: string;
  href?: string;
  current?: boolean;
  /** A gap in the numbers, shown as "⋯". */
  ellipsis?: boolean;
  attributes?: Attributes;
}

export interface PaginationLink extends TextOrHtml {
  /** Shown under the title in block mode, e.g. the next page's name. */
  labelText?: string;
  href: string;
  attributes?: Attributes;
}

export interface PaginationProps {
  items?: PaginationItem[];
  previous?: PaginationLink;
  next?: PaginationLink;
  landmarkLabel?: string;
  classes?: string;
  attributes?: Attributes;
}

function Arrow(props: { type: 'prev' | 'next' }) {
  const d =
    props.type === 'prev'
      ? 'm6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z'
      : 'm8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z';

  return (
    <svg
      className={`govuk-pagination__icon govuk-pagination__icon--${props.type}`}
      xmlns="http://www.w3.org/2000/svg"
      height="13"
      width="15"
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 15 13"
    >
      <path d={d} />
    </svg>
  );
}

export function Pagination(props: PaginationProps) {
  // Without numbered items, previous and next stack as a block.
  const blockLevel = !props.items && !!(props.next || props.previous);

  function arrowLink(link: PaginationLink, type: 'prev' | 'next') {
    const fallback = type === 'prev' ? 'Previous' : 'Next';
    const title = link.text ?? link.html ?? (
      <>
        {fallback}
        <span className="govuk-visually-hidden"> page</span>
      </>
    );

    return (
      <div className={`govuk-pagination__${type}`}>
        <Link
          className="govuk-link govuk-pagination__link"
          href={link.href}
          rel={type}
          {...link.attributes}
        >
          {(blockLevel || type === 'prev') && <Arrow type={type} />}
          <span
            className={cx(
              'govuk-pagination__link-title',
              blockLevel && !link.labelText && 'govuk-pagination__link-title--decorated',
            )}
          >
            {title}
          </span>
          {link.labelText && blockLevel && (
            <>
              <span className="govuk-visually-hidden">:</span>
              <span className="govuk-pagination__link-label">{link.labelText}</span>
            </>
          )}
          {!blockLevel && type === 'next' && <Arrow type={type} />}
        </Link>
      </div>
    );
  }

  return (
    <nav
      className={cx('govuk-pagination', blockLevel && 'govuk-pagination--block', props.classes)}
      aria-label={props.landmarkLabel ?? 'Pagination'}
      {...props.attributes}
    >
      {props.previous && arrowLink(props.previous, 'prev')}
      {props.items && (
        <ul className="govuk-pagination__list">
          {props.items.map((item, index) => (
            <li
              key={index}
              className={cx(
                'govuk-pagination__item',
                item.current && 'govuk-pagination__item--current',
                item.ellipsis && 'govuk-pagination__item--ellipsis',
              )}
            >
              {item.ellipsis ? (
                '⋯'
              ) : (
                <Link
                  className="govuk-link govuk-pagination__link"
                  href={item.href ?? '#'}
                  aria-label={item.visuallyHiddenText ?? `Page ${item.number}`}
                  aria-current={item.current ? 'page' : undefined}
                  {...item.attributes}
                >
                  {item.number}
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
      {props.next && arrowLink(props.next, 'next')}
    </nav>
  );
}
