/*
 * spf.c - SPF check with a hard time bound (spf.h).
 *
 * libspf2's resolver blocks for as long as the system resolver likes
 * (retries x timeouts), so the check runs in its own thread and the caller
 * waits at most timeout_s. A check that overruns finishes on its own and
 * frees its own job: the shared job is reference counted.
 */
#include <sys/types.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <string.h>
#include <spf2/spf.h>

#include <glib.h>

#include "spf.h"

typedef struct spf_job {
	gint refs;
	GMutex lock;
	GCond done_cond;
	int done;
	seal_spf_result result;
	char *client, *helo, *sender;
} spf_job;

static void
spf_job_unref(spf_job *j)
{
	if (!g_atomic_int_dec_and_test(&j->refs))
		return;
	g_mutex_clear(&j->lock);
	g_cond_clear(&j->done_cond);
	g_free(j->client);
	g_free(j->helo);
	g_free(j->sender);
	g_free(j);
}

static seal_spf_result
map_result(SPF_result_t r)
{
	switch (r) {
	case SPF_RESULT_PASS: return SEAL_SPF_PASS;
	case SPF_RESULT_FAIL: return SEAL_SPF_FAIL;
	case SPF_RESULT_SOFTFAIL: return SEAL_SPF_SOFTFAIL;
	case SPF_RESULT_NEUTRAL: return SEAL_SPF_NEUTRAL;
	case SPF_RESULT_TEMPERROR: return SEAL_SPF_TEMPERROR;
	case SPF_RESULT_PERMERROR: return SEAL_SPF_PERMERROR;
	default: return SEAL_SPF_NONE;
	}
}

static seal_spf_result
spf_query(const char *client, const char *helo, const char *sender)
{
	SPF_server_t *server;
	SPF_request_t *req;
	SPF_response_t *resp = NULL;
	seal_spf_result r = SEAL_SPF_TEMPERROR;
	int bad_addr;

	server = SPF_server_new(SPF_DNS_CACHE, 0);
	if (server == NULL)
		return SEAL_SPF_TEMPERROR;
	req = SPF_request_new(server);
	if (strchr(client, ':') != NULL)
		bad_addr = SPF_request_set_ipv6_str(req, client) != SPF_E_SUCCESS;
	else
		bad_addr = SPF_request_set_ipv4_str(req, client) != SPF_E_SUCCESS;
	if (!bad_addr) {
		if (helo != NULL && helo[0] != '\0')
			SPF_request_set_helo_dom(req, helo);
		if (sender[0] != '\0')
			SPF_request_set_env_from(req, sender);
		SPF_request_query_mailfrom(req, &resp);
		if (resp != NULL)
			r = map_result(SPF_response_result(resp));
	} else {
		r = SEAL_SPF_PERMERROR;
	}
	if (resp != NULL)
		SPF_response_free(resp);
	SPF_request_free(req);
	SPF_server_free(server);
	return r;
}

static gpointer
spf_thread(gpointer p)
{
	spf_job *j = p;
	seal_spf_result r = spf_query(j->client, j->helo, j->sender);

	g_mutex_lock(&j->lock);
	j->result = r;
	j->done = 1;
	g_cond_signal(&j->done_cond);
	g_mutex_unlock(&j->lock);
	spf_job_unref(j);
	return NULL;
}

/* Local submission (webmail, sendmail on the relay itself): SPF says nothing. */
static int
is_loopback(const char *addr)
{
	struct in_addr a4;
	struct in6_addr a6;

	if (inet_pton(AF_INET, addr, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, addr, &a6) == 1)
		return IN6_IS_ADDR_LOOPBACK(&a6);
	return 0;
}

seal_spf_result
seal_spf_check(const char *client_addr, const char *helo, const char *sender,
	unsigned timeout_s)
{
	spf_job *j;
	GThread *t;
	gint64 deadline;
	seal_spf_result r;

	if (client_addr == NULL || client_addr[0] == '\0' || is_loopback(client_addr))
		return SEAL_SPF_SKIPPED;
	j = g_new0(spf_job, 1);
	j->refs = 2;
	g_mutex_init(&j->lock);
	g_cond_init(&j->done_cond);
	j->client = g_strdup(client_addr);
	j->helo = g_strdup(helo != NULL ? helo : "");
	j->sender = g_strdup(sender != NULL ? sender : "");
	t = g_thread_try_new("seal-spf", spf_thread, j, NULL);
	if (t == NULL) {
		g_atomic_int_dec_and_test(&j->refs);
		spf_job_unref(j);
		return SEAL_SPF_TEMPERROR;
	}
	g_thread_unref(t);

	deadline = g_get_monotonic_time() + (gint64)timeout_s * G_TIME_SPAN_SECOND;
	g_mutex_lock(&j->lock);
	while (!j->done)
		if (!g_cond_wait_until(&j->done_cond, &j->lock, deadline))
			break;
	r = j->done ? j->result : SEAL_SPF_TIMEOUT;
	g_mutex_unlock(&j->lock);
	spf_job_unref(j);
	return r;
}

const char *
seal_spf_result_name(seal_spf_result r)
{
	switch (r) {
	case SEAL_SPF_NONE: return "none";
	case SEAL_SPF_NEUTRAL: return "neutral";
	case SEAL_SPF_PASS: return "pass";
	case SEAL_SPF_FAIL: return "fail";
	case SEAL_SPF_SOFTFAIL: return "softfail";
	case SEAL_SPF_TEMPERROR: return "temperror";
	case SEAL_SPF_PERMERROR: return "permerror";
	case SEAL_SPF_TIMEOUT: return "timeout";
	case SEAL_SPF_SKIPPED: return "skipped";
	}
	return "none";
}
