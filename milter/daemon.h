/*
 * daemon.h - what main.c shares with the milter callbacks: the current
 * configuration, swapped by a SIGUSR1 reload.
 *
 * Thread safety: the pointer is read and replaced under a mutex; every
 * connection holds its own reference, so a replaced configuration lives
 * until the last connection that pinned it closes.
 */
#ifndef SEAL_DAEMON_H
#define SEAL_DAEMON_H

#include "config.h"

/* The configuration current now, with a reference for the caller (unref it). */
seal_config *seal_daemon_config_acquire(void);

#endif
