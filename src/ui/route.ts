import { SHARE_ROUTE } from './sandboxes/share-link';
/** Where the learner is. Every page has its own hash URL so links, reloads and Back all work. */
export type Route =
  | { readonly page: 'home' }
  | { readonly page: 'lesson'; readonly slug: string }
  | { readonly page: 'chapter'; readonly slug: string }
  /** A sandbox by id; without one, the sandbox the learner had open last. */
  | { readonly page: 'sandbox'; readonly id?: string }
  | { readonly page: 'sandboxes' }
  /** One lesson figure, or one shared sandbox, alone on the page: for an iframe in slides. */
  | { readonly page: 'embed'; readonly figure: { lesson: string; name: string } }
  | { readonly page: 'embed'; readonly sandbox: string }
  /** A sandbox someone shared: opened as a new sandbox of the recipient's. */
  | { readonly page: 'shared'; readonly payload: string }
  | { readonly page: 'glossary'; readonly term?: string }
  | { readonly page: 'reference'; readonly name?: string; readonly member?: string }
  | { readonly page: 'not-found'; readonly path: string };

/** Parses `location.hash` (`#/learn/what-is-a-stream`) into a route. */
export function parseRoute(hash: string): Route {
  const path = decodeURIComponent(hash.replace(/^#/, '')).replace(/\/+$/, '') || '/';
  if (path === '/') return { page: 'home' };
  if (path === '/sandbox') return { page: 'sandbox' };
  if (path === '/sandboxes') return { page: 'sandboxes' };
  // Read from the raw hash: a payload is base64url with a version prefix, never decoded.
  const shared = /^#\/sandbox\/shared\/([A-Za-z0-9._-]+)$/.exec(hash)?.[1];
  if (shared) return { page: 'shared', payload: shared };
  const embedded = /^#\/embed\/sandbox\/([A-Za-z0-9._-]+)$/.exec(hash)?.[1];
  if (embedded) return { page: 'embed', sandbox: embedded };
  const figure = /^\/embed\/figure\/([a-z0-9-]+)\/([a-z0-9-]+)$/.exec(path);
  if (figure) return { page: 'embed', figure: { lesson: figure[1] ?? '', name: figure[2] ?? '' } };
  const sandbox = /^\/sandbox\/([a-z0-9]{12})$/.exec(path)?.[1];
  if (sandbox) return { page: 'sandbox', id: sandbox };
  if (path === '/glossary') return { page: 'glossary' };
  const term = /^\/glossary\/([a-z0-9-]+)$/.exec(path)?.[1];
  if (term) return { page: 'glossary', term };
  const reference = parseReference(path);
  if (reference) return reference;
  const match = /^\/(learn|chapter)\/([a-z0-9-]+)$/.exec(path);
  if (match?.[1] === 'learn') return { page: 'lesson', slug: match[2] ?? '' };
  if (match?.[1] === 'chapter') return { page: 'chapter', slug: match[2] ?? '' };
  return { page: 'not-found', path };
}

/** The hash URL of a route, for links. */
export function href(route: Route): string {
  switch (route.page) {
    case 'home':
      return '#/';
    case 'lesson':
      return `#/learn/${route.slug}`;
    case 'chapter':
      return `#/chapter/${route.slug}`;
    case 'sandbox':
      return route.id ? `#/sandbox/${route.id}` : '#/sandbox';
    case 'sandboxes':
      return '#/sandboxes';
    case 'shared':
      return `${SHARE_ROUTE}${route.payload}`;
    case 'embed':
      return 'sandbox' in route
        ? `#/embed/sandbox/${route.sandbox}`
        : `#/embed/figure/${route.figure.lesson}/${route.figure.name}`;

    case 'glossary':
      return route.term ? `#/glossary/${route.term}` : '#/glossary';
    case 'reference':
      return `#/reference${route.name ? `/${route.name}` : ''}${route.member ? `#${route.member}` : ''}`;
    case 'not-found':
      return `#${route.path}`;
  }
}

/** `/reference`, `/reference/<Export>` and `/reference/<Export>#<member>` (the member's anchor). */
function parseReference(path: string): Route | undefined {
  const match = /^\/reference(?:\/([A-Za-z_$][\w$]*)(?:#([A-Za-z_$][\w$]*))?)?$/.exec(path);
  if (!match) return undefined;
  const [, name, member] = match;
  if (!name) return { page: 'reference' };
  return member ? { page: 'reference', name, member } : { page: 'reference', name };
}
