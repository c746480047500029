import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { permissions, may, type Permission } from './permissions';
import { roles } from './session';

// jsdom gives import.meta.url an http scheme; the folder name is a path.
const migrations = resolve(import.meta.dirname, '../../../migrations') + '/';

/**
 * Every "role holds object:action" the migrations grant, read from their
 * up sections: `('p', 'qa_lead', '*', 'rounds', 'read', 'allow')`.
 */
function grantedByMigrations(): Map<string, Set<string>> {
  const granted = new Map<string, Set<string>>();
  const rule = /\('p',\s*'(\w+)',\s*'\*',\s*'(\w+)',\s*'(\w+)',\s*'allow'\)/g;
  for (const file of readdirSync(migrations).filter((name) => name.endsWith('.sql'))) {
    const up = readFileSync(migrations + file, 'utf8').split('-- +goose Down')[0] ?? '';
    for (const [, role, object, action] of up.matchAll(rule)) {
      const key = `${object}:${action}`;
      granted.set(key, (granted.get(key) ?? new Set()).add(role!));
    }
  }

  return granted;
}

describe("the SPA's copy of the policy", () => {
  const granted = grantedByMigrations();

  it('reads the grants from the migrations', () => {
    expect(granted.get('organisations:read')?.has('viewer')).toBe(true);
  });

  it.each(Object.keys(permissions) as Permission[])(
    '%s is held by exactly the roles the policy grants it',
    (permission) => {
      const expected = [...(granted.get(permission) ?? [])].sort();

      expect([...permissions[permission]].sort()).toEqual(expected);
    },
  );

  it('answers for any of several roles', () => {
    expect(may(['viewer', 'qa_lead'], 'rounds:write')).toBe(true);
    expect(may(['viewer', 'auditor'], 'rounds:write')).toBe(false);
    expect(may([], 'instruments:read')).toBe(false);
    expect(roles.filter((role) => may([role], 'instruments:read'))).not.toContain('provider');
  });
});
