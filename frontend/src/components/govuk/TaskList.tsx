import { Link } from './link';
import { Tag, type TagProps } from './Tag';
import { cx, content, type Attributes, type TextOrHtml } from './shared';

export interface TaskListItem {
  title: TextOrHtml & { classes?: string };
  hint?: TextOrHtml;
  status: TextOrHtml & { tag?: TagProps; classes?: string };
  /** Without a link the task cannot be started yet. */
  href?: string;
  classes?: string;
}

export interface TaskListProps {
  items: TaskListItem[];
  /** Prefix for the hint and status ids; `task-list` unless set. */
  idPrefix?: string;
  classes?: string;
  attributes?: Attributes;
}

export function TaskList(props: TaskListProps) {
  const idPrefix = props.idPrefix ?? 'task-list';

  return (
    <ul className={cx('govuk-task-list', props.classes)} {...props.attributes}>
      {props.items.map((item, index) => {
        const hintId = `${idPrefix}-${index + 1}-hint`;
        const statusId = `${idPrefix}-${index + 1}-status`;
        const title = content(item.title);

        return (
          <li
            key={index}
            className={cx(
              'govuk-task-list__item',
              item.href && 'govuk-task-list__item--with-link',
              item.classes,
            )}
          >
            <div className="govuk-task-list__name-and-hint">
              {item.href ? (
                <Link
                  className={cx('govuk-link govuk-task-list__link', item.title.classes)}
                  href={item.href}
                  aria-describedby={item.hint ? `${hintId} ${statusId}` : statusId}
                >
                  {title}
                </Link>
              ) : (
                <div className={item.title.classes}>{title}</div>
              )}
              {item.hint && (
                <div id={hintId} className="govuk-task-list__hint">
                  {content(item.hint)}
                </div>
              )}
            </div>
            <div className={cx('govuk-task-list__status', item.status.classes)} id={statusId}>
              {item.status.tag ? <Tag {...item.status.tag} /> : content(item.status)}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
