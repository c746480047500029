import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoSession, json, mockApi, problem } from '../../../test/fetch';
import { renderApp } from '../../../test/render';
import { checkAction, dueDate, emptyAction } from './ActionForm';
import { localIdProblems } from './FollowUpPage';

afterEach(() => {
  vi.unstubAllGlobals();
});

const plan = {
  id: '6f1d9a4e-0000-4000-8000-000000000020',
  kind: 'practice',
  title: 'Practice improvement plan',
  organisation_id: null,
  organisation_name: '',
  lead_id: demoSession.person.id,
  lead_name: 'Dana Lead',
  version: 1,
  created_at: '2026-09-01T09:00:00Z',
  updated_at: '2026-09-01T09:00:00Z',
};

const member = {
  person_id: demoSession.person.id,
  name: 'Dana Lead',
  email: demoSession.person.email,
  roles: ['qa_lead'],
  joined_at: '2026-09-01T09:00:00Z',
  version: 1,
};

function summary() {
  return screen.getByRole('alert').parentElement!;
}

describe('the action form', () => {
  it('reads the due date only when it is a real date', () => {
    expect(dueDate({ day: '1', month: '12', year: '2026' })).toBe('2026-12-01');
    expect(dueDate({ day: '31', month: '2', year: '2027' })).toBeNull();
    expect(dueDate({ day: 'x', month: '2', year: '2027' })).toBeNull();
    expect(checkAction(emptyAction).map((p) => p.field)).toEqual(['title', 'owner_id', 'due_on']);
  });

  it('shows what is missing before sending, then the API’s own errors', async () => {
    const { requests } = mockApi({
      'GET /auth/me': () => json(200, demoSession),
      [`GET /t/dudley/action-plans/${plan.id}`]: () => json(200, plan),
      'GET /t/dudley/members': () => json(200, { items: [member], next_cursor: null }),
      'POST /t/dudley/actions': () =>
        problem(422, 'Invalid', {
          detail: 'the request has invalid fields',
          errors: [{ field: 'due_on', message: 'enter the date the action is due' }],
        }),
    });
    const user = userEvent.setup();
    renderApp(`/t/dudley/action-plans/${plan.id}/actions/new`);

    await screen.findByRole('heading', { name: 'Add an action' });
    await user.click(screen.getByRole('button', { name: 'Add action' }));
    const listed = within(summary());
    expect(listed.getByRole('link', { name: 'Enter what the action is' })).toHaveAttribute(
      'href',
      '#title',
    );
    expect(listed.getByRole('link', { name: 'Select who owns the action' })).toBeInTheDocument();
    expect(listed.getByRole('link', { name: 'Enter the date the action is due' })).toHaveAttribute(
      'href',
      '#due_on',
    );
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    await user.type(screen.getByLabelText('Action'), 'Make every outcome SMART');
    await user.selectOptions(screen.getByLabelText('Owner'), member.person_id);
    await user.type(screen.getByLabelText('Day'), '30');
    await user.type(screen.getByLabelText('Month'), '2');
    await user.type(screen.getByLabelText('Year'), '2027');
    await user.click(screen.getByRole('button', { name: 'Add action' }));
    expect(
      within(summary()).getByRole('link', {
        name: 'The due date must be a real date, like 1 12 2026',
      }),
    ).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Day'));
    await user.type(screen.getByLabelText('Day'), '28');
    await user.click(screen.getByRole('button', { name: 'Add action' }));
    expect(
      await within(summary()).findByRole('link', { name: 'enter the date the action is due' }),
    ).toBeInTheDocument();
    const sent = requests.find((r) => r.method === 'POST')!;
    expect(await sent.json()).toMatchObject({
      plan_id: plan.id,
      title: 'Make every outcome SMART',
      owner_id: member.person_id,
      due_on: '2027-02-28',
      status: 'not_started',
      rag: 'amber',
    });
  });

  it('asks for the progress before adding an update', async () => {
    const action = {
      id: '6f1d9a4e-0000-4000-8000-000000000030',
      plan,
      title: 'Make every outcome SMART',
      description: '',
      owner_id: member.person_id,
      owner_name: 'Dana Lead',
      due_on: '2026-12-01',
      status: 'in_progress',
      rag: 'red',
      overdue: true,
      impact: '',
      source: null,
      updates: [],
      version: 2,
      created_at: '2026-09-01T09:00:00Z',
      updated_at: '2026-09-01T09:00:00Z',
    };
    mockApi({
      'GET /auth/me': () => json(200, demoSession),
      [`GET /t/dudley/actions/${action.id}`]: () => json(200, action),
    });
    const user = userEvent.setup();
    renderApp(`/t/dudley/actions/${action.id}`);

    await screen.findByRole('heading', { name: 'Make every outcome SMART' });
    expect(screen.getByText('Overdue')).toBeInTheDocument();
    expect(screen.getByText('Red')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add update' }));
    expect(
      within(summary()).getByRole('link', { name: 'Enter the progress made' }),
    ).toHaveAttribute('href', '#body');
  });
});

describe('localIdProblems', () => {
  it('names each refused local id in the one box that holds them', () => {
    const problem = localIdProblems(
      {
        type: 'about:blank',
        title: 'Unprocessable Entity',
        status: 422,
        errors: [
          { field: 'subject_local_ids[1]', message: 'the area has no ehc plan with the local id' },
          { field: 'auditor_id', message: 'choose the auditor' },
        ],
      },
      ['WV1', 'NOPE'],
    );
    expect(problem.errors).toEqual([
      { field: 'subject_local_ids', message: 'NOPE: the area has no ehc plan with the local id' },
      { field: 'auditor_id', message: 'choose the auditor' },
    ]);
  });
});
