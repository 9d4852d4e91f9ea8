/**
 * The loader's size limit for a scenario file (MAX_SCENARIO_BYTES in src/sim/scenario/yamlDoc.ts),
 * for the editor's page code. It is a copy, not an import: through src/sim the page's chunk would
 * load the engine's whole shared chunk for one number. tests/unit/app/editor/templates.test.ts checks
 * that the two agree.
 */
export const MAX_SCENARIO_BYTES = 256 * 1024;
