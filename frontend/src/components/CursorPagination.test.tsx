import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CursorPagination } from './CursorPagination';
import { filterItems } from './filterItems';

const href = (cursor?: string) => (cursor ? `/list?cursor=${cursor}` : '/list');

describe('CursorPagination', () => {
  it('shows nothing when the list fits on one page', () => {
    const { container } = render(<CursorPagination cursor={null} next={null} href={href} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('offers the next page from the first', () => {
    render(<CursorPagination next="abc" href={href} />);
    expect(screen.getByRole('link', { name: /Next page/ })).toHaveAttribute(
      'href',
      '/list?cursor=abc',
    );
    expect(screen.queryByRole('link', { name: /First page/ })).toBeNull();
  });

  it('leads back to the first page from a later one, in the words given', () => {
    render(
      <CursorPagination cursor="abc" next="def" href={href} firstText="Newest" nextText="Older" />,
    );
    expect(screen.getByRole('link', { name: /Newest/ })).toHaveAttribute('href', '/list');
    expect(screen.getByRole('link', { name: /Older/ })).toHaveAttribute('href', '/list?cursor=def');
  });
});

describe('filterItems', () => {
  it('puts "Any" first and selects the chosen value', () => {
    expect(filterItems({ a: 'Apple', b: 'Banana' }, 'b')).toEqual([
      { value: '', text: 'Any', selected: false },
      { value: 'a', text: 'Apple', selected: false },
      { value: 'b', text: 'Banana', selected: true },
    ]);
    expect(filterItems({ a: 'Apple' }, '')[0]).toEqual({ value: '', text: 'Any', selected: true });
  });
});
