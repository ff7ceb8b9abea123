import { parseRoute, type Route } from './route';

/** The current route, kept in step with the address bar (links, Back, Forward, reload). */
class Router {
  route: Route = $state(parseRoute(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => {
      this.route = parseRoute(location.hash);
    });
  }
}

export const router = new Router();
