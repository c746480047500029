import type { ReactNode } from 'react';
import { Tabs as GovukTabs } from 'govuk-frontend';
import { cx, type Attributes, type TextOrHtml } from './shared';
import { useGovukModule } from './useGovukModule';

export interface TabsItem {
  id: string;
  label: string;
  attributes?: Attributes;
  panel: TextOrHtml & { attributes?: Attributes };
}

export interface TabsProps {
  id?: string;
  idPrefix?: string;
  /** Heading over the list of contents on narrow screens. */
  title?: string;
  items: TabsItem[];
  classes?: string;
  attributes?: Attributes;
}

/**
 * GOV.UK tabs. Without the script (or on narrow screens) they are a list
 * of contents followed by every panel; the script turns them into tabs on
 * wider screens and keeps the chosen tab in the URL's hash.
 */
export function Tabs(props: TabsProps) {
  const ref = useGovukModule<HTMLDivElement>(GovukTabs);

  return (
    <div
      ref={ref}
      id={props.id}
      className={cx('govuk-tabs', props.classes)}
      data-module="govuk-tabs"
      {...props.attributes}
    >
      <h2 className="govuk-tabs__title">{props.title ?? 'Contents'}</h2>
      <ul className="govuk-tabs__list">
        {props.items.map((item, index) => (
          <li
            key={item.id}
            className={cx(
              'govuk-tabs__list-item',
              index === 0 && 'govuk-tabs__list-item--selected',
            )}
          >
            <a className="govuk-tabs__tab" href={`#${item.id}`} {...item.attributes}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
      {props.items.map((item, index) => (
        <TabPanel key={item.id} item={item} hidden={index > 0} />
      ))}
    </div>
  );
}

function TabPanel(props: { item: TabsItem; hidden: boolean }): ReactNode {
  const { panel } = props.item;

  return (
    <div
      className={cx('govuk-tabs__panel', props.hidden && 'govuk-tabs__panel--hidden')}
      id={props.item.id}
      {...panel.attributes}
    >
      {panel.text !== undefined ? <p className="govuk-body">{panel.text}</p> : panel.html}
    </div>
  );
}
