/**
 * The curriculum's topics, in the order a learner meets them: the scenario schema accepts these,
 * and the catalog lists topic folders in this order. A module of its own so that the catalog page
 * can import it without the schema library.
 */
export const TOPICS = ['setup', 'connection', 'queue', 'logs', 'security', 'dns'] as const;
export type Topic = (typeof TOPICS)[number];
