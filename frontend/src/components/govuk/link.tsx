import { createContext, useContext, type AnchorHTMLAttributes, type ComponentType } from 'react';

export type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & {
  href: string;
};

/**
 * Which component renders links inside the wrappers. The app supplies its
 * router's link so that internal links do not reload the page; tests and
 * isolated renders fall back to a plain anchor.
 */
const LinkContext = createContext<ComponentType<LinkProps>>(PlainLink);

export const LinkProvider = LinkContext.Provider;

function PlainLink(props: LinkProps) {
  // The content arrives in props.children, which the rule cannot see.
  // eslint-disable-next-line jsx-a11y/anchor-has-content
  return <a {...props} />;
}

/**
 * A link that uses the app's router for the SPA's own paths. A download
 * (an API address, or a link with `download`) stays a plain anchor: the
 * router would take the click and look for a page there instead.
 */
export function Link(props: LinkProps) {
  const RouterLink = useContext(LinkContext);
  const internal =
    props.href.startsWith('/') &&
    !props.href.startsWith('//') &&
    !props.href.startsWith('/api/') &&
    props.download === undefined;

  return internal ? <RouterLink {...props} /> : <PlainLink {...props} />;
}
