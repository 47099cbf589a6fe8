// The console: sign-in, a header with what this role may open, and a hash router over the pages. The API is on the
// same origin (the local gateway; CloudFront's /v1/* behaviour in AWS), so nothing is configured at run time.
import { Api } from './api';
import { type PageContext, type Page, mayCheck, whoInWords } from './app';
import { apiKeyAuth, SignInError } from './auth';
import { clear, field, h } from './dom';
import type { Identity } from './logic/types';
import { checkPage } from './pages/check';
import { keysPage } from './pages/keys';
import { parcelPage } from './pages/parcel';
import { queuePage } from './pages/queue';
import { webhooksPage } from './pages/webhooks';
import { rulesPage } from './pages/rules';
import { clearancesPage } from './pages/clearances';

// The console's own files sit beside this script (e.g. /console/app.js), whichever URL the page was opened with.
const script = document.currentScript as HTMLScriptElement | null;
const BASE = script?.src ? script.src.slice(0, script.src.lastIndexOf('/') + 1) : `${location.origin}/console/`;

const auth = apiKeyAuth(location.origin);
const api = new Api(location.origin, auth, () => {
  auth.signOut();
  void render();
});

const header = document.getElementById('header')!;
const main = document.getElementById('main')!;
let leave: (() => void)[] = [];
let generation = 0;

interface NavItem {
  hash: string;
  label: string;
  show(who: Identity): boolean;
}
const NAV: NavItem[] = [
  { hash: '#/parcels', label: 'Parcels', show: () => true },
  { hash: '#/check', label: 'Check a declaration', show: mayCheck },
  { hash: '#/webhooks', label: 'Webhooks', show: () => true },
  { hash: '#/keys', label: 'API keys', show: (w) => w.role === 'admin' },
  { hash: '#/rules', label: 'Rules', show: (w) => w.role === 'customs' || w.role === 'admin' },
  { hash: '#/clearances', label: 'Clearances', show: (w) => w.role === 'customs' || w.role === 'admin' },
];

function route(hash: string): { page: Page; param?: string } {
  const [, name, param] = /^#\/([a-z]+)(?:\/(.+))?$/.exec(hash) ?? [];
  switch (name) {
    case 'parcels':
      return param ? { page: parcelPage, param: decodeURIComponent(param) } : { page: queuePage };
    case 'check':
      return { page: checkPage };
    case 'webhooks':
      return { page: webhooksPage };
    case 'keys':
      return { page: keysPage };
    case 'rules':
      return { page: rulesPage };
    case 'clearances':
      return { page: clearancesPage };
    default:
      return { page: queuePage };
  }
}

function drawHeader(who: Identity | undefined): void {
  clear(header);
  const brand = h('a', { class: 'brand', href: '#/parcels' }, 'EAD console');
  if (!who) {
    header.append(h('div', { class: 'bar' }, h('span', { class: 'brand' }, 'EAD console')));
    return;
  }
  const current = location.hash.split('/').slice(0, 2).join('/') || '#/parcels';
  const nav = h(
    'nav',
    { 'aria-label': 'Main' },
    h('ul', {}, ...NAV.filter((n) => n.show(who)).map((n) => h('li', {}, h('a', { href: n.hash, ...(current === n.hash ? { 'aria-current': 'page' } : {}) }, n.label)))),
  );
  const signOut = h('button', { type: 'button', class: 'secondary', onclick: () => (auth.signOut(), (location.hash = ''), render()) }, 'Sign out');
  header.append(h('div', { class: 'bar' }, brand, nav, h('div', { class: 'who' }, h('span', {}, `Signed in as ${whoInWords(who)}`), signOut)));
}

function signInPage(): void {
  const hint = /(?:^|[#&])as=([^&]+)/.exec(location.hash)?.[1];
  const key = h('input', { type: 'password', name: 'apiKey', autocomplete: 'off', spellcheck: 'false', required: true });
  const message = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    {
      class: 'card narrow',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        message.textContent = '';
        button.disabled = true;
        try {
          await auth.signIn(key.value);
          key.value = '';
          if (/^#as=/.test(location.hash)) history.replaceState(null, '', location.pathname);
          void render();
        } catch (err) {
          message.textContent = err instanceof SignInError ? err.message : 'Signing in failed.';
          key.focus();
        } finally {
          button.disabled = false;
        }
      },
    },
    h('h1', { tabindex: '-1' }, hint ? `Sign in as ${decodeURIComponent(hint)}` : 'Sign in'),
    h('p', {}, 'Use the API key of your organisation: customs, post, platform or admin. It is kept in this browser tab only and forgotten when you sign out or close the tab.'),
    field('API key', key),
    message,
  );
  const button = h('button', { type: 'submit' }, 'Sign in');
  form.append(button);
  main.append(form);
  key.focus();
}

async function render(): Promise<void> {
  for (const stop of leave) stop();
  leave = [];
  const mine = ++generation;
  clear(main);
  const who = auth.identity();
  drawHeader(who);
  if (!who) return signInPage();
  const { page, param } = route(location.hash);
  const root = h('div', { class: 'page' });
  main.append(root);
  const ctx: PageContext = {
    api,
    who,
    root,
    base: BASE,
    navigate: (hash) => (location.hash = hash),
    onLeave: (stop) => leave.push(stop),
    alive: () => mine === generation,
  };
  const loading = page(ctx, param);
  // Move focus to the new page's heading (each page draws it before it loads anything), so keyboard and
  // screen-reader users start at the top of what changed.
  (root.querySelector('h1') as HTMLElement | null)?.focus();
  await loading;
}

window.addEventListener('hashchange', () => void render());
// The skip link must not go through the router: it moves focus to the content and leaves the URL alone.
document.querySelector('a.skip')?.addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
});
void (async () => {
  await auth.restore();
  await render();
})();
