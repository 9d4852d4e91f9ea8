import { index, loaders } from 'virtual:scenario-catalog';
import { catalogFromIndex, scenarioLoader, type Catalog } from './catalog';

/**
 * The catalog of this build. The files under scenarios/ were validated at build time by
 * plugins/scenarioCatalog.ts; the page only gets what the catalog shows.
 */
export const catalog: Catalog = catalogFromIndex(index);

/** A full scenario by id, fetched the first time it is opened (each one is its own chunk). */
export const loadScenario = scenarioLoader(loaders);
