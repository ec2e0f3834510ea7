/**
 * What every root object shows of its jobs ({@code lastJobId}, {@code lastJobState}, {@code lastJobStatus},
 * {@code nextRetryAt}), read for a whole list at once in the list's own session. Internal to the server: nothing
 * here is exported.
 */
package org.osc.server.summary;
