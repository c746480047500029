import { Pagination } from './govuk';

export interface CursorPaginationProps {
  /** The cursor of the page shown; empty on the first page. */
  cursor?: string | null;
  /** The cursor of the page after this one, when there is one. */
  next?: string | null;
  /** The address of the page at `cursor`, or of the first page without one. */
  href: (cursor?: string) => string;
  firstText?: string;
  nextText?: string;
}

/**
 * Links on from a list the API pages by cursor. The API cannot page
 * backwards, so the way back leads to the first page. A list that fits
 * on one page gets no links.
 */
export function CursorPagination({
  cursor,
  next,
  href,
  firstText = 'First page',
  nextText = 'Next page',
}: CursorPaginationProps) {
  if (!cursor && !next) return null;

  return (
    <Pagination
      previous={cursor ? { text: firstText, href: href() } : undefined}
      next={next ? { text: nextText, href: href(next) } : undefined}
    />
  );
}
