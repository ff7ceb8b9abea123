import { href, parseRoute, type Route } from './route';

/** The current route, kept in step with the address bar (links, Back, Forward, reload). */
class Router {
  route: Route = $state(parseRoute(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => {
      this.route = parseRoute(location.hash);
    });
  }

  /** Goes to `route`, as a link would. */
  go(route: Route): void {
    location.hash = href(route);
  }

  /**
   * Puts `route` in the address bar in place of the current one (Back skips it): for an address
   * that stood for another, like `#/sandbox` for the sandbox it opened.
   */
  replace(route: Route): void {
    history.replaceState(history.state, '', href(route));
    this.route = route;
  }
}

export const router = new Router();
