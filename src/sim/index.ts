/**
 * Public entry of the simulation layer. The UI, tests, CLI tools and benchmarks import from here.
 * (Contract first; implementations land in the modules named below.)
 */
export type * from './world/types';
export { createWorld, type World } from './world/world';
export { parseScenario, formatError, type ScenarioLoadResult, type ScenarioError } from './scenario/load';
export type { Scenario, LoadedScenario, Objective, WorldSpec } from './scenario/schema';
export { createScenarioWorld, evaluateObjectives, type ObjectiveStatus } from './scenario/run';
