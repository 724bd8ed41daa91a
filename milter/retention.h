/*
 * retention.h - the daemon's clean-up thread: once at start and then every
 * hour, audit records older than audit_retention days and held messages
 * older than quarantine_retention days are deleted from the store (the
 * audit chain stays verifiable: store.h). Failures are logged and tried
 * again at the next round; mail flow never waits for it.
 */
#ifndef SEAL_RETENTION_H
#define SEAL_RETENTION_H

/* Starts the thread; 0 or an errno value. */
int seal_retention_start(void);

/* Asks it to stop and waits for it. */
void seal_retention_stop(void);

#endif
