import { Tag, type TagProps } from './Tag';
import { cx, content, type Attributes, type TextOrHtml } from './shared';

export interface PhaseBannerProps extends TextOrHtml {
  tag: TagProps;
  classes?: string;
  attributes?: Attributes;
}

export function PhaseBanner(props: PhaseBannerProps) {
  return (
    <div className={cx('govuk-phase-banner', props.classes)} {...props.attributes}>
      <p className="govuk-phase-banner__content">
        <Tag {...props.tag} classes={cx('govuk-phase-banner__content__tag', props.tag.classes)} />
        <span className="govuk-phase-banner__text">{content(props)}</span>
      </p>
    </div>
  );
}
