/*
 * daemon.h - the daemon's shared state: the configuration current now,
 * installed by main.c at start-up and swapped by a SIGUSR1 reload, read by
 * the milter callbacks (one reference per connection) and the retention
 * thread (one per round).
 *
 * It lives in daemon.c, below main.c, callbacks.c and retention.c, so
 * main.c calls into those files and none of them calls back into main.c.
 *
 * Ownership: seal_daemon_config_acquire gives the caller a reference (unref
 * it); seal_daemon_config_swap takes the caller's reference to the new one
 * and hands back the old one's. Thread safety: the pointer is read and
 * replaced under a mutex; a replaced configuration lives until the last
 * connection that pinned it closes. No errors: both always succeed.
 */
#ifndef SEAL_DAEMON_H
#define SEAL_DAEMON_H

#include "config.h"

/* The configuration current now, with a reference for the caller (unref it); NULL before start-up. */
seal_config *seal_daemon_config_acquire(void);

/*
 * Makes cfg (NULL allowed, at exit) the current configuration, taking over
 * the caller's reference; returns the previous one (NULL at start-up) with
 * its reference for the caller to unref.
 */
seal_config *seal_daemon_config_swap(seal_config *cfg);

#endif
