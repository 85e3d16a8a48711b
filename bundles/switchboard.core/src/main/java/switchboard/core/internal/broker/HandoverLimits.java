package switchboard.core.internal.broker;

/** How long and how much an endpoint holds while no handler is registered (during a bundle update). */
record HandoverLimits(long timeoutMillis, int queueSize) {}
