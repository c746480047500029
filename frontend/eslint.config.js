// Lint rules for the SPA. Besides the usual recommended sets, one local
// rule keeps the bulletproof-react layering: features never import each
// other or the app; shared code (components, lib) imports no feature.
import path from 'node:path';
import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const src = path.join(import.meta.dirname, 'src');

/** Which layer a file belongs to: `feature:<name>`, `app`, `shared`, or null. */
function layerOf(file) {
  const relative = path.relative(src, file);
  if (relative.startsWith('..')) return null;
  const [top, name] = relative.split(path.sep);
  if (top === 'features') return `feature:${name}`;
  if (top === 'app') return 'app';
  if (top === 'test') return 'test';
  if (top === 'main.tsx') return 'app';

  return 'shared';
}

const boundaries = {
  meta: {
    type: 'problem',
    messages: {
      crossFeature:
        '{{from}} must not import from {{to}}: move what both need to src/lib or src/components.',
      upward: '{{from}} must not import from {{to}}: only src/app wires features together.',
    },
  },
  create(context) {
    const from = layerOf(context.filename);

    function check(node, source) {
      if (!from || typeof source !== 'string' || !source.startsWith('.')) return;
      const to = layerOf(path.resolve(path.dirname(context.filename), source));
      if (!to || to === from || from === 'app' || from === 'test') return;

      if (from.startsWith('feature:') && to.startsWith('feature:')) {
        context.report({ node, messageId: 'crossFeature', data: { from, to } });
      } else if (to === 'app' || (from === 'shared' && to.startsWith('feature:'))) {
        context.report({ node, messageId: 'upward', data: { from, to } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, node.source.value),
    };
  },
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'src/lib/api-schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: {
      'react-hooks': reactHooks,
      'jsx-a11y': jsxA11y,
      sendqa: { rules: { boundaries } },
    },
    rules: {
      // The classic hook rules only: the React Compiler's rules (in the
      // plugin's recommended set) assume the compiler, which sendqa does
      // not use, and take any prop named *Ref for a ref read in render.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      ...jsxA11y.flatConfigs.recommended.rules,
      'sendqa/boundaries': 'error',
      // The session lives in HttpOnly cookies; web storage is never for auth.
      'no-restricted-globals': [
        'error',
        { name: 'localStorage', message: 'sendqa keeps nothing in web storage.' },
        { name: 'sessionStorage', message: 'sendqa keeps nothing in web storage.' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.test.{ts,tsx}', 'src/test/**'],
    rules: { 'no-restricted-globals': 'off' },
  },
  {
    files: ['e2e/**/*.mjs', 'scripts/**/*.mjs', '*.config.{js,ts}'],
    // e2e code also runs in the page, through page.evaluate.
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
