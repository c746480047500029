import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoSession, json, mockApi, problem } from '../../../test/fetch';
import { renderApp } from '../../../test/render';

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
  sessionStorage.clear();
});

async function openSignIn(path = '/sign-in') {
  const view = renderApp(path);
  await screen.findByRole('heading', { name: 'Sign in to sendqa' });

  return view;
}

function errorSummary() {
  return screen.getByRole('alert').parentElement!;
}

describe('the sign-in page', () => {
  it('is titled for the page and service', async () => {
    await openSignIn();

    await waitFor(() => expect(document.title).toBe('Sign in – sendqa'));
  });

  it('shows what is missing without calling the API, and focuses the summary', async () => {
    const { fetchMock } = mockApi({});
    const user = userEvent.setup();
    await openSignIn();

    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const summary = errorSummary();
    expect(summary).toHaveFocus();
    expect(within(summary).getByText('There is a problem')).toBeInTheDocument();
    expect(within(summary).getByRole('link', { name: 'Enter your email address' })).toHaveAttribute(
      'href',
      '#email',
    );
    expect(within(summary).getByRole('link', { name: 'Enter your password' })).toHaveAttribute(
      'href',
      '#password',
    );
    expect(screen.getByLabelText('Email address')).toHaveAccessibleDescription(
      'Error: Enter your email address',
    );
    expect(document.title).toBe('Error: Sign in – sendqa');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('says the email or password is wrong on a 401, with focus on the summary', async () => {
    mockApi({ 'POST /auth/login': () => problem(401, 'Not signed in') });
    const user = userEvent.setup();
    await openSignIn();

    await user.type(screen.getByLabelText('Email address'), 'qa_lead@dudley.example.org');
    await user.type(screen.getByLabelText('Password'), 'wrong-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(errorSummary()).toHaveFocus());
    expect(
      within(errorSummary()).getByRole('link', {
        name: 'Enter the email address and password of your sendqa account',
      }),
    ).toHaveAttribute('href', '#email');
  });

  it('shows each field error of a 422 problem in the summary and inline', async () => {
    mockApi({
      'POST /auth/login': () =>
        problem(422, 'Invalid input', {
          errors: [
            { field: 'email', message: 'Enter an email address of no more than 254 characters' },
            { field: 'password', message: 'Enter a password of 8 characters or more' },
          ],
        }),
    });
    const user = userEvent.setup();
    await openSignIn();

    await user.type(screen.getByLabelText('Email address'), 'a@b.example');
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(errorSummary()).toHaveFocus());
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
      'Error: Enter a password of 8 characters or more',
    );
    await user.click(
      screen.getByRole('link', { name: 'Enter a password of 8 characters or more' }),
    );
    expect(screen.getByLabelText('Password')).toHaveFocus();
  });

  it('signs in with the CSRF header and goes to the next page', async () => {
    const { requests } = mockApi({
      'POST /auth/login': () => json(200, demoSession),
      'GET /auth/me': () => json(200, demoSession),
    });
    const user = userEvent.setup();
    const { router } = await openSignIn('/sign-in?next=%2Fprivacy');

    await user.type(screen.getByLabelText('Email address'), 'qa_lead@dudley.example.org');
    await user.type(screen.getByLabelText('Password'), 'demo-password-2026');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/privacy'));
    const login = requests.find((r) => r.url.endsWith('/auth/login'))!;
    expect(login.headers.get('X-Requested-With')).toBe('sendqa');
    expect(await login.json()).toEqual({
      email: 'qa_lead@dudley.example.org',
      password: 'demo-password-2026',
    });
    // The session lives in HttpOnly cookies only.
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
  });

  it('goes to the only local area when there is no next page', async () => {
    mockApi({
      'POST /auth/login': () => json(200, demoSession),
      'GET /auth/me': () => json(200, demoSession),
    });
    const user = userEvent.setup();
    const { router } = await openSignIn('/sign-in?next=%2F%2Fevil.example');

    await user.type(screen.getByLabelText('Email address'), 'qa_lead@dudley.example.org');
    await user.type(screen.getByLabelText('Password'), 'demo-password-2026');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await screen.findByRole('heading', { name: 'Welcome, Dana' });
    expect(router.state.location.pathname).toBe('/t/dudley');
    expect(screen.getByRole('region', { name: 'Local area' })).toHaveTextContent('Dudley');
  });
});
