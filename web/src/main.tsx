import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { I18nProvider, initialLang } from './i18n/index.tsx';
import { SessionProvider } from './session.tsx';
import { StatusProvider } from './status.tsx';
import './styles.css';

document.documentElement.lang = initialLang();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <StatusProvider>
          <App />
        </StatusProvider>
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
