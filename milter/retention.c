/*
 * retention.c - the daemon's periodic purge (retention.h).
 */
#include <pthread.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "config.h"
#include "store.h"

#include "daemon.h"
#include "log.h"
#include "record.h"
#include "retention.h"

/* Seconds between rounds. */
#define SEAL_RETENTION_PERIOD 3600

static pthread_t retention_thread;
static pthread_mutex_t retention_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t retention_wake = PTHREAD_COND_INITIALIZER;
static int retention_stop_asked;
static int retention_running;

/* One round with the configuration current now. */
static void
purge_once(void)
{
	seal_config *cfg = seal_daemon_config_acquire();
	seal_store *store = NULL;
	seal_purge_counts n;
	seal_err err;
	int64_t now = (int64_t)time(NULL);
	char buf[800];

	if (cfg == NULL || cfg->store == NULL || cfg->store[0] == '\0') {
		seal_config_unref(cfg);
		return;
	}
	seal_err_clear(&err);
	memset(&n, 0, sizeof(n));
	if (seal_record_store(&store, cfg, &err) == NULL
	    || seal_store_purge(store, now - (int64_t)cfg->audit_retention * 86400,
	    now - (int64_t)cfg->quarantine_retention * 86400, &n, &err) != SEAL_OK)
		seal_log(NULL, SEAL_LOG_WARNING, "retention: purge failed, will try again: %s",
		    seal_err_format(&err, buf, sizeof(buf)));
	else if (n.audit > 0 || n.held > 0)
		seal_log(NULL, SEAL_LOG_INFO, "retention: removed %lld audit records older than "
		    "%u days and %lld held messages older than %u days", (long long)n.audit,
		    cfg->audit_retention, (long long)n.held, cfg->quarantine_retention);
	seal_store_close(store);
	seal_config_unref(cfg);
}

static void *
retention_main(void *arg)
{
	struct timespec until;

	(void)arg;
	pthread_mutex_lock(&retention_lock);
	while (!retention_stop_asked) {
		pthread_mutex_unlock(&retention_lock);
		purge_once();
		pthread_mutex_lock(&retention_lock);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += SEAL_RETENTION_PERIOD;
		while (!retention_stop_asked
		    && pthread_cond_timedwait(&retention_wake, &retention_lock, &until) == 0)
			;
	}
	pthread_mutex_unlock(&retention_lock);
	return NULL;
}

int
seal_retention_start(void)
{
	int r = pthread_create(&retention_thread, NULL, retention_main, NULL);

	retention_running = r == 0;
	return r;
}

void
seal_retention_stop(void)
{
	if (!retention_running)
		return;
	pthread_mutex_lock(&retention_lock);
	retention_stop_asked = 1;
	pthread_cond_signal(&retention_wake);
	pthread_mutex_unlock(&retention_lock);
	pthread_join(retention_thread, NULL);
	retention_running = 0;
}
