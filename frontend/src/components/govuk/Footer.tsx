import type { ReactNode } from 'react';
import { Link } from './link';
import { cx, content, type Attributes, type TextOrHtml } from './shared';

export interface FooterLink {
  text: string;
  href: string;
  attributes?: Attributes;
}

export interface FooterProps {
  meta?: TextOrHtml & { visuallyHiddenTitle?: string; items?: FooterLink[] };
  navigation?: Array<{
    title: string;
    columns?: number;
    width?: string;
    items?: FooterLink[];
  }>;
  /** Licence text; nothing is shown unless it is set. */
  contentLicence?: TextOrHtml | null;
  /** Copyright text; nothing is shown unless it is set. */
  copyright?: TextOrHtml;
  containerClasses?: string;
  classes?: string;
  attributes?: Attributes;
}

/**
 * The page footer. Unlike the macro it draws no crown, and shows no Open
 * Government Licence or Crown copyright by default: sendqa is not GOV.UK,
 * so those appear only when a caller sets them.
 */
export function Footer(props: FooterProps) {
  const meta = props.meta;

  return (
    <div className={cx('govuk-footer', props.classes)} {...props.attributes}>
      <div className={cx('govuk-width-container', props.containerClasses)}>
        {props.navigation && props.navigation.length > 0 && (
          <>
            <div className="govuk-footer__navigation">
              {props.navigation.map((nav) => (
                <div
                  key={nav.title}
                  className={`govuk-footer__section govuk-grid-column-${nav.width ?? 'full'}`}
                >
                  <h2 className="govuk-footer__heading govuk-heading-m">{nav.title}</h2>
                  <ul
                    className={cx(
                      'govuk-footer__list',
                      nav.columns ? `govuk-footer__list--columns-${nav.columns}` : undefined,
                    )}
                  >
                    {nav.items?.map((item) => (
                      <li className="govuk-footer__list-item" key={item.href}>
                        <FooterAnchor {...item} />
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </div>
            <hr className="govuk-footer__section-break" />
          </>
        )}
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            {meta && (
              <>
                <h2 className="govuk-visually-hidden">
                  {meta.visuallyHiddenTitle ?? 'Support links'}
                </h2>
                {meta.items && meta.items.length > 0 && (
                  <ul className="govuk-footer__inline-list">
                    {meta.items.map((item) => (
                      <li className="govuk-footer__inline-list-item" key={item.href}>
                        <FooterAnchor {...item} />
                      </li>
                    ))}
                  </ul>
                )}
                {(meta.text || meta.html) && (
                  <div className="govuk-footer__meta-custom">{content(meta)}</div>
                )}
              </>
            )}
            {props.contentLicence && (
              <span className="govuk-footer__licence-description">
                {content(props.contentLicence)}
              </span>
            )}
          </div>
          {props.copyright && (
            <div className="govuk-footer__meta-item">{content(props.copyright)}</div>
          )}
        </div>
      </div>
    </div>
  );
}

function FooterAnchor(item: FooterLink): ReactNode {
  return (
    <Link className="govuk-footer__link" href={item.href} {...item.attributes}>
      {item.text}
    </Link>
  );
}
