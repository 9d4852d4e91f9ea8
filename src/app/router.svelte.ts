import { parseHash, routeHref, type Route } from './routes';

/** The current route, following `hashchange`. */
export class Router {
  #route = $state.raw<Route>({ name: 'catalog' });
  #target: Window;

  constructor(target: Window) {
    this.#target = target;
    this.#route = parseHash(target.location.hash);
    target.addEventListener('hashchange', () => {
      this.#route = parseHash(target.location.hash);
    });
  }

  get route(): Route {
    return this.#route;
  }

  navigate(route: Route): void {
    this.#target.location.hash = routeHref(route);
  }

  /** Goes to `route` in place of the current history entry (Back skips the page being left). */
  replace(route: Route): void {
    this.#target.location.replace(routeHref(route));
  }
}

export const router = new Router(window);
