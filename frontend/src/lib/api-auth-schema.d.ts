/**
 * HAND-KEPT, FOR NOW: the authentication routes of the API conventions
 * (shared brief, api.md), which openapi/openapi.json does not document
 * yet. api.ts joins these to the generated api-schema.d.ts, and any path
 * the generated file gains replaces the one here. Delete this file once
 * the backend documents its auth routes; never copy it into the generated
 * file, which `make test-generated` checks against the OpenAPI document.
 *
 * Written in openapi-typescript's shape so that callers do not change
 * when the generated types take over.
 */

export interface paths {
  '/api/v1/auth/login': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get?: never;
    put?: never;
    /** Sign in with e-mail and password; sets the session cookies. */
    post: operations['login'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/refresh': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get?: never;
    put?: never;
    /** Rotate the refresh token and issue a new access token. */
    post: operations['refreshSession'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/logout': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get?: never;
    put?: never;
    /** Sign out: revoke the refresh token and clear the cookies. */
    post: operations['logout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/me': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    /** The signed-in person and their memberships. */
    get: operations['getSession'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}

export interface components {
  schemas: {
    LoginRequest: {
      email: string;
      password: string;
    };
    Person: {
      /** Format: uuid */
      id: string;
      email: string;
      name: string;
    };
    Membership: {
      /** The tenant's slug, e.g. `wolverhampton`. */
      tenant: string;
      tenant_name: string;
      /** The region's slug, e.g. `black-country`. */
      region: string;
      roles: components['schemas']['Role'][];
    };
    Role:
      | 'tenant_admin'
      | 'qa_lead'
      | 'auditor'
      | 'service_manager'
      | 'provider'
      | 'young_person'
      | 'participation_officer'
      | 'viewer';
    Session: {
      person: components['schemas']['Person'];
      memberships: components['schemas']['Membership'][];
    };
    FieldError: {
      /** A path into the request body, e.g. `sections[2].items[0].label`. */
      field: string;
      message: string;
    };
    Problem: {
      type: string;
      title: string;
      status: number;
      detail?: string;
      errors?: components['schemas']['FieldError'][];
    };
  };
}

type ProblemResponse = {
  headers: { [name: string]: unknown };
  content: { 'application/problem+json': components['schemas']['Problem'] };
};

type SessionResponse = {
  headers: { [name: string]: unknown };
  content: { 'application/json': components['schemas']['Session'] };
};

type NoContent = {
  headers: { [name: string]: unknown };
  content?: never;
};

export interface operations {
  login: {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    requestBody: {
      content: { 'application/json': components['schemas']['LoginRequest'] };
    };
    responses: {
      200: SessionResponse;
      401: ProblemResponse;
      403: ProblemResponse;
      422: ProblemResponse;
      429: ProblemResponse;
    };
  };
  refreshSession: {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    requestBody?: never;
    responses: {
      200: SessionResponse;
      204: NoContent;
      401: ProblemResponse;
      403: ProblemResponse;
    };
  };
  logout: {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    requestBody?: never;
    responses: {
      204: NoContent;
      401: ProblemResponse;
      403: ProblemResponse;
    };
  };
  getSession: {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    requestBody?: never;
    responses: {
      200: SessionResponse;
      401: ProblemResponse;
    };
  };
}
