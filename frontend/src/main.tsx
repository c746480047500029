import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './styles/main.scss';

// GOV.UK Frontend's scripts and styles check these classes. Its page
// template sets them with an inline script, which sendqa's
// Content-Security-Policy forbids; this module runs before any component.
document.body.classList.add('js-enabled', 'govuk-frontend-supported');

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
