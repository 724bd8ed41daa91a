/*
 * officers.c - the accounts file of the web console and its password
 * hashes (officers.h).
 */
#include <crypt.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <openssl/crypto.h>

#include "officers.h"

/* A line longer than this is no account line (a yescrypt hash is ~73 bytes). */
#define OFFICERS_LINE_MAX 512
/* More accounts than this is a mistake, not an agency's officers. */
#define OFFICERS_MAX 10000

struct seal_officers {
	GPtrArray *list;          /* seal_officer *, in file order */
};

static const char *const role_names[] = { "officer", "auditor", "admin" };

static void
officer_free(gpointer p)
{
	seal_officer *e = p;

	g_free(e->name);
	if (e->hash != NULL) {
		memset(e->hash, 0, strlen(e->hash));
		g_free(e->hash);
	}
	g_free(e);
}

seal_officers *
seal_officers_new(void)
{
	seal_officers *o = g_new0(seal_officers, 1);

	o->list = g_ptr_array_new_with_free_func(officer_free);
	return o;
}

seal_officers *
seal_officers_free(seal_officers *o)
{
	if (o != NULL) {
		g_ptr_array_free(o->list, TRUE);
		g_free(o);
	}
	return NULL;
}

int
seal_officer_name_valid(const char *name)
{
	size_t n = name != NULL ? strlen(name) : 0;

	if (n == 0 || n > SEAL_OFFICER_NAME_MAX || !g_ascii_isalnum(name[0]))
		return 0;
	return strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789._-@") == n;
}

const char *
seal_officer_role_name(seal_officer_role role)
{
	return (unsigned)role < G_N_ELEMENTS(role_names) ? role_names[role] : "?";
}

int
seal_officer_role_parse(const char *word, seal_officer_role *role)
{
	for (size_t i = 0; i < G_N_ELEMENTS(role_names); i++)
		if (word != NULL && strcmp(word, role_names[i]) == 0) {
			*role = (seal_officer_role)i;
			return 0;
		}
	return -1;
}

/* A hash field: crypt(5) characters only ("!" for a locked account). */
static int
hash_valid(const char *h)
{
	size_t n = strlen(h);

	return n > 0 && n < 256 && strspn(h, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789./$!*") == n;
}

/* Parses one "NAME:ROLE:HASH" line into o; a reason when it is not one. */
static const char *
parse_line(seal_officers *o, char *line)
{
	char **f = g_strsplit(line, ":", -1);
	const char *why = NULL;
	seal_officer_role role;

	if (g_strv_length(f) != 3 && g_strv_length(f) != 4)
		why = "not NAME:ROLE:HASH or NAME:ROLE:HASH:LANG";
	else if (!seal_officer_name_valid(f[0]))
		why = "the name is not a login name (letters, digits, . _ - @; at most 64)";
	else if (seal_officer_role_parse(f[1], &role) != 0)
		why = "the role is not officer, auditor or admin";
	else if (!hash_valid(f[2]))
		why = "the hash is not a crypt(5) hash (sealctl officer passwd makes one)";
	else if (f[3] != NULL && !seal_officer_lang_valid(f[3]))
		why = "the language is not da, sv or en";
	else if (seal_officers_find(o, f[0]) != NULL)
		why = "the name is listed twice";
	else if (seal_officers_count(o) >= OFFICERS_MAX)
		why = "too many accounts";
	else {
		seal_officers_set(o, f[0], role, f[2]);
		seal_officers_set_lang(o, f[0], f[3] != NULL ? f[3] : "");
	}
	memset(line, 0, strlen(line));
	g_strfreev(f);
	return why;
}

seal_officers *
seal_officers_load(const char *path, int missing_ok, seal_err *err)
{
	char buf[OFFICERS_LINE_MAX + 2];
	seal_officers *o;
	unsigned lineno = 0;
	FILE *f = fopen(path, "re");

	if (f == NULL) {
		if (errno == ENOENT && missing_ok)
			return seal_officers_new();
		seal_err_set(err, SEAL_ERR_IO, "%s: cannot read: %s", path, g_strerror(errno));
		return NULL;
	}
	o = seal_officers_new();
	while (fgets(buf, sizeof(buf), f) != NULL) {
		size_t n = strlen(buf);
		const char *why = NULL;

		lineno++;
		if (n > OFFICERS_LINE_MAX)
			why = "line too long";
		while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
			buf[--n] = '\0';
		if (why == NULL && n > 0 && buf[0] != '#')
			why = parse_line(o, buf);
		if (why != NULL) {
			seal_err_set_at(err, SEAL_ERR_CONFIG, path, lineno, "%s", why);
			memset(buf, 0, sizeof(buf));
			fclose(f);
			return seal_officers_free(o);
		}
	}
	memset(buf, 0, sizeof(buf));
	if (ferror(f)) {
		seal_err_set(err, SEAL_ERR_IO, "%s: cannot read: %s", path, g_strerror(errno));
		o = seal_officers_free(o);
	}
	fclose(f);
	return o;
}

/* Writes all of text to fd; -1 with errno on failure. */
static int
write_all(int fd, const char *text, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, text, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		text += w;
		len -= (size_t)w;
	}
	return 0;
}

seal_status
seal_officers_save(const seal_officers *o, const char *path, seal_err *err)
{
	GString *text = g_string_new("# sealweb accounts: NAME:ROLE:HASH[:LANG] (written by "
	    "sealctl officer; roles officer, auditor, admin; LANG da, sv or en)\n");
	char *tmp = g_strdup_printf("%s.tmp.%ld", path, (long)getpid());
	struct stat st;
	int fd, have_old = stat(path, &st) == 0, failed;

	for (size_t i = 0; i < seal_officers_count(o); i++) {
		const seal_officer *e = seal_officers_nth(o, i);

		if (e == NULL)          /* not for i below the count; the analyzers ask */
			continue;
		g_string_append_printf(text, "%s:%s:%s%s%s\n", e->name,
		    seal_officer_role_name(e->role), e->hash, e->lang[0] != '\0' ? ":" : "",
		    e->lang);
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, have_old ? 0600 : 0640);
	failed = fd < 0;
	if (!failed && have_old)
		/* The owner and mode chosen for the file (readable by sealweb's group) stay. */
		failed = (fchown(fd, st.st_uid, st.st_gid) != 0 && geteuid() == 0)
		    || fchmod(fd, st.st_mode & 07777) != 0;
	if (!failed)
		failed = write_all(fd, text->str, text->len) != 0 || fsync(fd) != 0;
	if (fd >= 0 && close(fd) != 0)
		failed = 1;
	if (!failed)
		failed = rename(tmp, path) != 0;
	if (failed) {
		seal_err_set(err, SEAL_ERR_IO, "%s: cannot write: %s", path, g_strerror(errno));
		(void)unlink(tmp);
	}
	memset(text->str, 0, text->len);
	g_string_free(text, TRUE);
	g_free(tmp);
	return failed ? SEAL_ERR_IO : SEAL_OK;
}

size_t
seal_officers_count(const seal_officers *o)
{
	return o->list->len;
}

const seal_officer *
seal_officers_nth(const seal_officers *o, size_t i)
{
	return i < o->list->len ? g_ptr_array_index(o->list, i) : NULL;
}

const seal_officer *
seal_officers_find(const seal_officers *o, const char *name)
{
	for (guint i = 0; name != NULL && i < o->list->len; i++) {
		const seal_officer *e = g_ptr_array_index(o->list, i);

		if (strcmp(e->name, name) == 0)
			return e;
	}
	return NULL;
}

void
seal_officers_set(seal_officers *o, const char *name, seal_officer_role role, const char *hash)
{
	seal_officer *e = (seal_officer *)seal_officers_find(o, name);

	if (e == NULL) {
		e = g_new0(seal_officer, 1);
		e->name = g_strdup(name);
		g_ptr_array_add(o->list, e);
	} else {
		memset(e->hash, 0, strlen(e->hash));
		g_free(e->hash);
	}
	e->role = role;
	e->hash = g_strdup(hash);
}

int
seal_officer_lang_valid(const char *lang)
{
	return lang != NULL && (lang[0] == '\0' || strcmp(lang, "da") == 0
	    || strcmp(lang, "sv") == 0 || strcmp(lang, "en") == 0);
}

int
seal_officers_set_lang(seal_officers *o, const char *name, const char *lang)
{
	seal_officer *e = (seal_officer *)seal_officers_find(o, name);

	if (e == NULL || !seal_officer_lang_valid(lang))
		return -1;
	g_strlcpy(e->lang, lang, sizeof(e->lang));
	return 0;
}

int
seal_officers_remove(seal_officers *o, const char *name)
{
	const seal_officer *e = seal_officers_find(o, name);

	return e != NULL && g_ptr_array_remove(o->list, (gpointer)e);
}

/* ---------------------------------------------------------------- passwords */

char *
seal_password_hash(const char *password, seal_err *err)
{
	char setting[CRYPT_GENSALT_OUTPUT_SIZE];
	struct crypt_data *cd;
	char *out = NULL;

	if (password == NULL || password[0] == '\0' || strlen(password) > SEAL_PASSWORD_MAX) {
		seal_err_set(err, SEAL_ERR_USAGE, "a password must have 1 to %d bytes",
		    SEAL_PASSWORD_MAX);
		return NULL;
	}
	/* NULL random bytes: libxcrypt draws the salt from the kernel (getrandom). */
	if (crypt_gensalt_rn("$y$", 0, NULL, 0, setting, sizeof(setting)) == NULL) {
		seal_err_set(err, SEAL_ERR_INTERNAL, "libxcrypt cannot make a yescrypt salt: %s",
		    g_strerror(errno));
		return NULL;
	}
	cd = g_new0(struct crypt_data, 1);
	if (crypt_r(password, setting, cd) != NULL && cd->output[0] != '*')
		out = g_strdup(cd->output);
	else
		seal_err_set(err, SEAL_ERR_INTERNAL, "libxcrypt cannot hash with yescrypt");
	memset(cd, 0, sizeof(*cd));
	g_free(cd);
	return out;
}

/* A setting to spend the same work on when there is no account (made once). */
static gpointer
make_dummy_setting(gpointer unused)
{
	char setting[CRYPT_GENSALT_OUTPUT_SIZE];

	(void)unused;
	if (crypt_gensalt_rn("$y$", 0, NULL, 0, setting, sizeof(setting)) == NULL)
		return NULL;
	return g_strdup(setting);
}

int
seal_password_verify(const char *password, const char *hash)
{
	static GOnce dummy_once = G_ONCE_INIT;
	struct crypt_data *cd;
	const char *setting = hash;
	int ok = 0, real = hash != NULL && hash[0] == '$';

	if (!real)
		setting = g_once(&dummy_once, make_dummy_setting, NULL);
	if (setting == NULL || password == NULL || strlen(password) > SEAL_PASSWORD_MAX)
		return 0;
	cd = g_new0(struct crypt_data, 1);
	if (crypt_r(password, setting, cd) != NULL && cd->output[0] != '*' && real) {
		size_t n = strlen(hash);

		ok = strlen(cd->output) == n && CRYPTO_memcmp(cd->output, hash, n) == 0;
	}
	memset(cd, 0, sizeof(*cd));
	g_free(cd);
	return ok;
}
