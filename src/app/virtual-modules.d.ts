/** Modules made by plugins/scenarioCatalog.ts from the files in scenarios/. */
declare module 'virtual:scenario-catalog' {
  /** One entry per scenario file, valid or broken. */
  export const index: readonly import('./catalog').ScenarioIndexEntry[];
  /** Each valid scenario's full data, by id, loaded on demand. */
  export const loaders: import('./catalog').ScenarioLoaders;
}

declare module 'virtual:scenario/*' {
  /** The full scenario, as the loader returned it. */
  const scenario: import('../sim').LoadedScenario;
  export default scenario;
}
