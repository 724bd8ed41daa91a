/*
 * daemon.c - the configuration current now (daemon.h): main.c installs and
 * swaps it, connections and the retention thread pin their own reference.
 *
 * A file of its own so that the files main.c starts (callbacks.c,
 * retention.c) read the configuration without calling back into main.c.
 */
#include <pthread.h>

#include "config.h"

#include "daemon.h"

/* The configuration current now; connections pin their own reference. */
static pthread_mutex_t cfg_lock = PTHREAD_MUTEX_INITIALIZER;
static seal_config *cfg_current;

seal_config *
seal_daemon_config_acquire(void)
{
	seal_config *c;

	pthread_mutex_lock(&cfg_lock);
	c = seal_config_ref(cfg_current);
	pthread_mutex_unlock(&cfg_lock);
	return c;
}

seal_config *
seal_daemon_config_swap(seal_config *cfg)
{
	seal_config *old;

	pthread_mutex_lock(&cfg_lock);
	old = cfg_current;
	cfg_current = cfg;
	pthread_mutex_unlock(&cfg_lock);
	return old;
}
