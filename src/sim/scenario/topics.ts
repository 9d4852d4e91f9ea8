/**
 * Small facts of the scenario format that the first page needs too, in a module of their own so
 * that it can import them without the schema library: the curriculum's topics, in the order a
 * learner meets them (the catalog lists topic folders so), and the shape of item ids.
 */
export const TOPICS = ['setup', 'connection', 'queue', 'logs', 'security', 'dns'] as const;
export type Topic = (typeof TOPICS)[number];

/** Ids of objectives and diagnosis choices: short, readable, unique within their list. */
export const ITEM_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,59}$/;
