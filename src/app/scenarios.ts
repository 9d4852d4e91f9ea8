import { parseScenario } from '../sim/scenario/load';
import { buildCatalog, type Catalog } from './catalog';

/** Every YAML file under scenarios/, as raw text, bundled at build time. */
const files = import.meta.glob<string>('/scenarios/**/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** The catalog of this build (base worlds from scenarios/bases/ are passed to the parser, not listed). */
export const catalog: Catalog = buildCatalog(files, parseScenario);
