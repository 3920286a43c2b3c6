// The pages `cargo xtask bench` runs Lighthouse on, and where each one's static copy is
// served: static-pages.mjs writes the copies, lighthouse.mjs measures both.

import { AN } from './sign-in.mjs';

/** Public pages first: they are captured before the capturing browser signs in. */
export const PAGES = [
  { path: '/', signedIn: false },
  { path: '/sign-in', signedIn: false },
  { path: '/verify', signedIn: false },
  { path: '/record', signedIn: true },
  { path: '/documents', signedIn: true },
];

/** A citizen with a few documents, as most are (not the 10,000-document store). */
export const SIGNED_IN_AS = AN;

/** The folder of the copies, inside the copy of dist/ that the server serves. */
export const STATIC_FOLDER = 'static-copy';

/** `/` → `home.html`, `/sign-in` → `sign-in.html`. */
export const staticFile = (path) => `${path === '/' ? 'home' : path.slice(1).replaceAll('/', '-')}.html`;

/** The URL path of a page's static copy. */
export const staticPath = (path) => `/${STATIC_FOLDER}/${staticFile(path)}`;
