/**
 * The tag every middleware of this package carries, so
 * `client.middlewareStack.removeByTag(ALTERNATOR_MIDDLEWARE_TAG)` takes all of them off a stack.
 * @publicApi
 */
export const ALTERNATOR_MIDDLEWARE_TAG = 'ALTERNATOR';
