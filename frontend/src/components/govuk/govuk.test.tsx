import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  BackLink,
  Button,
  CharacterCount,
  Checkboxes,
  DateInput,
  ErrorMessage,
  ErrorSummary,
  FileUpload,
  Footer,
  Header,
  NotificationBanner,
  Pagination,
  Panel,
  PasswordInput,
  PhaseBanner,
  Radios,
  Select,
  ServiceNavigation,
  SkipLink,
  SummaryList,
  Table,
  Tabs,
  Tag,
  TaskList,
  TextInput,
} from '.';

describe('TextInput', () => {
  it('labels the input and defaults its id to its name', () => {
    render(<TextInput name="email" label={{ text: 'Email address' }} />);

    const input = screen.getByLabelText('Email address');
    expect(input).toHaveAttribute('id', 'email');
    expect(input).toHaveAttribute('name', 'email');
    expect(input).toHaveClass('govuk-input');
    expect(input).not.toHaveAttribute('aria-describedby');
  });

  it('describes the input by its hint then its error, and marks the error', () => {
    render(
      <TextInput
        id="sections-2-label"
        name="sections[2].label"
        label={{ text: 'Label' }}
        hint={{ text: 'As auditors will see it' }}
        errorMessage={{ text: 'Enter a label' }}
      />,
    );

    const input = screen.getByLabelText('Label');
    expect(input).toHaveAttribute(
      'aria-describedby',
      'sections-2-label-hint sections-2-label-error',
    );
    expect(input).toHaveClass('govuk-input--error');
    expect(input).toHaveAccessibleDescription('As auditors will see it Error: Enter a label');
    expect(input.closest('.govuk-form-group')).toHaveClass('govuk-form-group--error');
  });

  it('puts a page-heading label inside the h1', () => {
    render(<TextInput name="name" label={{ text: 'What is your name?', isPageHeading: true }} />);

    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('What is your name?');
  });

  it('renders prefix and suffix hidden from screen readers', () => {
    render(
      <TextInput
        name="cost"
        label={{ text: 'Cost' }}
        prefix={{ text: '£' }}
        suffix={{ text: 'per item' }}
      />,
    );

    expect(screen.getByText('£')).toHaveAttribute('aria-hidden', 'true');
    expect(screen.getByText('per item')).toHaveClass('govuk-input__suffix');
  });
});

describe('ErrorMessage', () => {
  it('prefixes the message with hidden "Error:"', () => {
    render(<ErrorMessage text="Enter your name" />);

    expect(screen.getByText('Enter your name')).toHaveTextContent('Error: Enter your name');
  });
});

describe('ErrorSummary', () => {
  function Form() {
    return (
      <>
        <ErrorSummary
          errorList={[
            { text: 'Enter a label', href: '#sections-2-label' },
            { text: 'Enter a date', href: '#due' },
          ]}
        />
        <TextInput id="sections-2-label" name="sections[2].label" label={{ text: 'Label' }} />
        <DateInput id="due" fieldset={{ legend: { text: 'Due date' } }} />
      </>
    );
  }

  it('is titled "There is a problem", takes focus and links to the fields', () => {
    render(<Form />);

    const summary = screen.getByRole('alert').parentElement!;
    expect(within(summary).getByRole('heading', { level: 2 })).toHaveTextContent(
      'There is a problem',
    );
    expect(summary).toHaveFocus();
    expect(screen.getByRole('link', { name: 'Enter a label' })).toHaveAttribute(
      'href',
      '#sections-2-label',
    );
  });

  it('moves focus to the field a link names, or the first input of a group', async () => {
    const user = userEvent.setup();
    render(<Form />);

    await user.click(screen.getByRole('link', { name: 'Enter a label' }));
    expect(screen.getByLabelText('Label')).toHaveFocus();

    await user.click(screen.getByRole('link', { name: 'Enter a date' }));
    expect(screen.getByLabelText('Day')).toHaveFocus();
  });

  it('takes focus again when a new list of errors arrives', () => {
    const { rerender } = render(<ErrorSummary errorList={[{ text: 'One' }]} />);
    const summary = screen.getByRole('alert').parentElement!;
    summary.blur();

    rerender(<ErrorSummary errorList={[{ text: 'One' }]} />);

    expect(summary).toHaveFocus();
  });
});

describe('PasswordInput', () => {
  it('shows and hides the password with the library script', async () => {
    const user = userEvent.setup();
    render(<PasswordInput name="password" label={{ text: 'Password' }} />);

    const input = screen.getByLabelText('Password');
    expect(input).toHaveAttribute('type', 'password');
    expect(input).toHaveAttribute('autocomplete', 'current-password');

    const toggle = screen.getByRole('button', { name: 'Show password' });
    expect(toggle).toBeVisible();
    await user.click(toggle);

    expect(input).toHaveAttribute('type', 'text');
    expect(screen.getByRole('button', { name: 'Hide password' })).toBeInTheDocument();
  });
});

describe('Radios and Checkboxes', () => {
  it('give the first item the field id and number the rest', () => {
    render(
      <Radios
        name="tenant"
        fieldset={{ legend: { text: 'Local area' } }}
        errorMessage={{ text: 'Select a local area' }}
        items={[
          { value: 'dudley', text: 'Dudley' },
          { divider: 'or' },
          { value: 'walsall', text: 'Walsall' },
        ]}
      />,
    );

    expect(screen.getByLabelText('Dudley')).toHaveAttribute('id', 'tenant');
    expect(screen.getByLabelText('Walsall')).toHaveAttribute('id', 'tenant-2');
    expect(screen.getByText('or')).toHaveClass('govuk-radios__divider');
    expect(screen.getByRole('group', { name: 'Local area' })).toHaveAccessibleDescription(
      'Error: Select a local area',
    );
  });

  it('reveal conditional content for the chosen item', async () => {
    const user = userEvent.setup();
    render(
      <Checkboxes
        name="contact"
        fieldset={{ legend: { text: 'How to contact you' } }}
        items={[
          {
            value: 'email',
            text: 'Email',
            conditional: { html: <p>Email details</p> },
          },
          { value: 'none', text: 'None of these', behaviour: 'exclusive' },
        ]}
      />,
    );

    const conditional = screen.getByText('Email details').parentElement!;
    expect(conditional).toHaveClass('govuk-checkboxes__conditional--hidden');

    await user.click(screen.getByLabelText('Email'));
    expect(conditional).not.toHaveClass('govuk-checkboxes__conditional--hidden');
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-expanded', 'true');

    await user.click(screen.getByLabelText('None of these'));
    expect(screen.getByLabelText('Email')).not.toBeChecked();
  });
});

describe('Select', () => {
  it('starts on the selected item', () => {
    render(
      <Select
        name="sort"
        label={{ text: 'Sort by' }}
        items={[
          { value: 'due', text: 'Due date' },
          { value: 'name', text: 'Name', selected: true },
        ]}
      />,
    );

    expect(screen.getByLabelText('Sort by')).toHaveValue('name');
  });
});

describe('DateInput', () => {
  it('names its parts after the field and marks them all on a field error', () => {
    render(
      <DateInput
        id="date_of_birth"
        namePrefix="date_of_birth"
        fieldset={{ legend: { text: 'Date of birth' } }}
        hint={{ text: 'For example, 27 3 2012' }}
        errorMessage={{ text: 'Date of birth must include a year' }}
      />,
    );

    const year = screen.getByLabelText('Year');
    expect(year).toHaveAttribute('id', 'date_of_birth-year');
    expect(year).toHaveAttribute('name', 'date_of_birth-year');
    expect(year).toHaveAttribute('inputmode', 'numeric');
    expect(screen.getByLabelText('Day')).toHaveClass('govuk-input--error');
    expect(screen.getByRole('group', { name: 'Date of birth' })).toHaveAttribute(
      'aria-describedby',
      'date_of_birth-hint date_of_birth-error',
    );
  });
});

describe('CharacterCount', () => {
  it('counts what is left as the person types', async () => {
    const user = userEvent.setup();
    render(<CharacterCount name="summary" maxlength={10} label={{ text: 'Summary' }} />);

    await user.type(screen.getByLabelText('Summary'), 'abc');

    expect(screen.getAllByText('You have 7 characters remaining').length).toBeGreaterThan(0);
  });
});

describe('FileUpload', () => {
  it('labels a file input', () => {
    render(<FileUpload name="evidence" label={{ text: 'Upload evidence' }} multiple />);

    const input = screen.getByLabelText('Upload evidence');
    expect(input).toHaveAttribute('type', 'file');
    expect(input).toHaveAttribute('multiple');
  });
});

describe('Button', () => {
  it('is a submit button by default and a link with href', () => {
    render(
      <>
        <Button text="Save" />
        <Button text="Start now" href="https://example.org/start" isStartButton />
      </>,
    );

    expect(screen.getByRole('button', { name: 'Save' })).toHaveAttribute('type', 'submit');
    const start = screen.getByRole('button', { name: 'Start now' });
    expect(start.tagName).toBe('A');
    expect(start).toHaveClass('govuk-button--start');
  });
});

describe('the frame', () => {
  it('Header names sendqa with no crown', () => {
    const { container } = render(<Header logoText="sendqa" />);

    expect(screen.getByRole('link', { name: 'sendqa' })).toHaveAttribute('href', '/');
    expect(container.querySelector('svg')).toBeNull();
    expect(container.textContent).not.toMatch(/GOV\.UK/);
  });

  it('ServiceNavigation names the area and marks the current page', async () => {
    const user = userEvent.setup();
    render(
      <ServiceNavigation
        serviceName="Dudley"
        ariaLabel="Local area"
        navigation={[
          { text: 'Home', href: '/t/dudley', current: true },
          { text: 'Sign out', href: '/sign-out' },
        ]}
      />,
    );

    expect(screen.getByRole('region', { name: 'Local area' })).toHaveTextContent('Dudley');
    // On a narrow screen (all of jsdom) the menu starts collapsed.
    const menu = screen.getByRole('button', { name: 'Menu' });
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    await user.click(menu);
    expect(screen.getByRole('link', { name: 'Home' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Sign out' })).not.toHaveAttribute('aria-current');
  });

  it('PhaseBanner shows its tag and text', () => {
    render(<PhaseBanner tag={{ text: 'Alpha' }} text="This is a new service." />);

    expect(screen.getByText('Alpha')).toHaveClass('govuk-tag');
    expect(screen.getByText('This is a new service.')).toBeInTheDocument();
  });

  it('Footer shows its links and no crown or Crown copyright', () => {
    const { container } = render(
      <Footer meta={{ items: [{ text: 'Cookies', href: '/cookies' }] }} />,
    );

    expect(screen.getByRole('link', { name: 'Cookies' })).toHaveAttribute('href', '/cookies');
    expect(container.textContent).not.toMatch(/Crown copyright|Open Government Licence/);
  });

  it('SkipLink moves focus to the main content', async () => {
    const user = userEvent.setup();
    render(
      <>
        <SkipLink />
        <main id="main-content">Content</main>
      </>,
    );

    await user.click(screen.getByRole('link', { name: 'Skip to main content' }));

    expect(screen.getByRole('main')).toHaveFocus();
  });

  it('BackLink defaults its text', () => {
    render(<BackLink href="/t/dudley" />);

    expect(screen.getByRole('link', { name: 'Back' })).toHaveClass('govuk-back-link');
  });
});

describe('content components', () => {
  it('Table uses row headers and column headers', () => {
    render(
      <Table
        caption="Audits"
        firstCellIsHeader
        head={[{ text: 'Plan' }, { text: 'Grade', format: 'numeric' }]}
        rows={[[{ text: 'EHCP 1' }, { text: '3', format: 'numeric' }]]}
      />,
    );

    expect(screen.getByRole('table', { name: 'Audits' })).toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: 'EHCP 1' })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Grade' })).toHaveClass(
      'govuk-table__header--numeric',
    );
  });

  it('SummaryList names each change link for screen readers', () => {
    render(
      <SummaryList
        rows={[
          {
            key: { text: 'Name' },
            value: { text: 'Dana' },
            actions: { items: [{ href: '/name', text: 'Change', visuallyHiddenText: 'name' }] },
          },
          { key: { text: 'Role' }, value: { text: 'QA lead' } },
        ]}
      />,
    );

    expect(screen.getByRole('link', { name: /^Change ?name$/ })).toHaveAttribute('href', '/name');
    expect(screen.getByText('Role').parentElement).toHaveClass(
      'govuk-summary-list__row--no-actions',
    );
  });

  it('Tag, Panel and NotificationBanner render their text', () => {
    render(
      <>
        <Tag text="Good" classes="govuk-tag--green" />
        <Panel titleText="Audit submitted" text="Your reference is A1" />
        <NotificationBanner text="Round 2 opens on 1 May" />
      </>,
    );

    expect(screen.getByText('Good')).toHaveClass('govuk-tag--green');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Audit submitted');
    expect(screen.getByRole('region', { name: 'Important' })).toHaveTextContent(
      'Round 2 opens on 1 May',
    );
  });

  it('a success NotificationBanner is an alert and takes focus', () => {
    render(<NotificationBanner type="success" text="Saved" />);

    expect(screen.getByRole('alert')).toHaveFocus();
  });

  it('Pagination labels pages and marks the current one', () => {
    render(
      <Pagination
        previous={{ href: '?page=1' }}
        next={{ href: '?page=3' }}
        items={[
          { number: 1, href: '?page=1' },
          { number: 2, href: '?page=2', current: true },
          { ellipsis: true },
        ]}
      />,
    );

    const nav = screen.getByRole('navigation', { name: 'Pagination' });
    expect(within(nav).getByRole('link', { name: 'Page 2' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(within(nav).getByRole('link', { name: /^Next ?page$/ })).toHaveAttribute('rel', 'next');
  });

  it('Tabs become a tab list with the library script', async () => {
    const user = userEvent.setup();
    render(
      <Tabs
        items={[
          { id: 'past', label: 'Past', panel: { text: 'Past rounds' } },
          { id: 'open', label: 'Open', panel: { text: 'Open rounds' } },
        ]}
      />,
    );

    // jsdom has no media queries, so the tabs stay a list of contents.
    await user.click(screen.getByRole('link', { name: 'Open' }));
    expect(screen.getByText('Open rounds')).toBeInTheDocument();
  });

  it('TaskList describes each task link by its status', () => {
    render(
      <TaskList
        items={[
          {
            title: { text: 'Sample plans' },
            href: '/sample',
            status: { tag: { text: 'Incomplete', classes: 'govuk-tag--blue' } },
          },
          { title: { text: 'Allocate' }, status: { text: 'Cannot start yet' } },
        ]}
      />,
    );

    expect(screen.getByRole('link', { name: 'Sample plans' })).toHaveAccessibleDescription(
      'Incomplete',
    );
    expect(screen.queryByRole('link', { name: 'Allocate' })).toBeNull();
  });
});

describe('wrappers in React development mode', () => {
  it('start a library component once even when effects run twice', () => {
    // StrictMode mounts, unmounts and remounts effects; a second start
    // would throw inside the library and be logged.
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      render(<PasswordInput name="password" label={{ text: 'Password' }} />, {
        reactStrictMode: true,
      });
    } finally {
      console.error = original;
    }

    expect(errors).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Show password' }));
    expect(screen.getByLabelText('Password')).toHaveAttribute('type', 'text');
  });
});
