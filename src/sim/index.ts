/**
 * Public entry of the simulation layer. The UI, tests, CLI tools and benchmarks import from here.
 * (Contract first; implementations land in the modules named below.)
 */
export type * from './world/types';
export { createWorld, type World } from './world/world';
export {
  parseScenario,
  formatError,
  MAX_SCENARIO_BYTES,
  type ScenarioLoadResult,
  type ScenarioError,
  type ParseOptions,
} from './scenario/load';
export type {
  Scenario,
  LoadedScenario,
  Objective,
  WorldSpec,
  SolutionStep,
  ScenarioVariant,
} from './scenario/schema';
export { createScenarioWorld, evaluateObjectives, type ObjectiveStatus } from './scenario/run';
export { runSteps, evidenceFound, evidenceText, stepAction } from './scenario/play';
/** The generated checks of a scenario (the app's editor can run them live). The editor's JSON Schema is in './scenario/jsonSchema' (import it lazily). */
export { scenarioChecks, type ScenarioCheck } from './scenario/selfCheck';
