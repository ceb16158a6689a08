/** Name of the cluster registered when `name` is omitted. */
export const DEFAULT_ALTERNATOR_CLUSTER_NAME = 'default';

/** Context of the Nest `Logger` the module hands to the client when the user gives none. */
export const ALTERNATOR_LOGGER_CONTEXT = 'Alternator';
