/*
 * seal_msg_tool.c - writes an Outlook item (.msg, [MS-OXMSG]) with
 * libgsf's compound-file writer (gsf_outfile_msole), as Outlook lays one
 * out: a property stream per property (__substg1.0_PPPPTTTT), the
 * property table __properties_version1.0 (header only: the reader under
 * test, like most, reads the streams), a storage per recipient and per
 * attachment. No free tool writes .msg files; this one is for the tests.
 *
 * Usage: seal_msg_tool OUT.msg [KEY=VALUE]...
 *   subject= body= from= to=            the message's strings (UTF-16LE)
 *   rtf=TEXT                            the body as compressed RTF (LZFu, literals)
 *   html=TEXT                           the HTML body (binary 0x1013)
 *   recipient=NAME                      a recipient (display name)
 *   attach=NAME:FILE                    an attachment with the bytes of FILE
 *   embed-subject= embed-body=          an attached message (0x3701 storage)
 *   nest=N                              the attached message N deep (default 1)
 * A value "@FILE" of html= or rtf= is the content of FILE (a body with a
 * picture is larger than one argument may be).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <gsf/gsf.h>
#include <gsf/gsf-outfile-msole.h>
#include <gsf/gsf-output-stdio.h>

static void
put(GsfOutfile *dir, const char *name, const void *data, size_t len)
{
	GsfOutput *o = gsf_outfile_new_child(dir, name, FALSE);

	gsf_output_write(o, len, data);
	gsf_output_close(o);
	g_object_unref(o);
}

/* A UTF-16LE string property (type 001F), NUL-terminated as Outlook writes it. */
static void
put_string(GsfOutfile *dir, unsigned id, const char *utf8)
{
	glong n = 0;
	gunichar2 *w = g_utf8_to_utf16(utf8, -1, NULL, &n, NULL);
	char name[40];

	g_snprintf(name, sizeof(name), "__substg1.0_%04X001F", id);
	put(dir, name, w, (size_t)(n + 1) * 2);
	g_free(w);
}

static void
put_le32(guint8 *p, guint32 v)
{
	p[0] = (guint8)v;
	p[1] = (guint8)(v >> 8);
	p[2] = (guint8)(v >> 16);
	p[3] = (guint8)(v >> 24);
}

/*
 * Compressed RTF ([MS-OXRTFCP]) of text: literal tokens only, then the end
 * reference (to the dictionary's write position). Valid LZFu with the CRC
 * of [MS-OXRTFCP] 2.1.3.2 (polynomial 0xEDB88320, initial 0, no final
 * inversion) over the compressed bytes, which the reader checks.
 */
static guint32
rtf_crc(const guint8 *d, size_t n)
{
	guint32 c = 0;

	for (size_t i = 0; i < n; i++) {
		c ^= d[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
	}
	return c;
}

static void
put_rtf(GsfOutfile *dir, const char *rtf)
{
	GByteArray *b = g_byte_array_new();
	size_t n = strlen(rtf), wp = 207, i = 0;
	guint8 hdr[16];

	while (i <= n) {
		size_t ctl_at = b->len;
		guint8 ctl = 0, zero = 0;

		g_byte_array_append(b, &zero, 1);
		for (int bit = 0; bit < 8 && i <= n; bit++, i++) {
			if (i == n) {
				guint8 ref[2] = { (guint8)(wp >> 4), (guint8)((wp & 0xF) << 4) };

				ctl |= (guint8)(1u << bit);
				g_byte_array_append(b, ref, 2);
			} else {
				g_byte_array_append(b, (const guint8 *)rtf + i, 1);
				wp = (wp + 1) % 4096;
			}
		}
		b->data[ctl_at] = ctl;
	}
	put_le32(hdr, (guint32)b->len + 12);
	put_le32(hdr + 4, (guint32)n);
	memcpy(hdr + 8, "LZFu", 4);
	put_le32(hdr + 12, rtf_crc(b->data, b->len));
	g_byte_array_prepend(b, hdr, 16);
	put(dir, "__substg1.0_10090102", b->data, b->len);
	g_byte_array_free(b, TRUE);
}

static void
put_props_header(GsfOutfile *dir, size_t size)
{
	guint8 h[32] = { 0 };

	put(dir, "__properties_version1.0", h, size);
}

/* An attached message, nest levels deep, in the attachment storage att. */
static void
put_embedded(GsfOutfile *att, const char *subject, const char *body, int nest)
{
	GsfOutfile *m = GSF_OUTFILE(gsf_outfile_new_child(att, "__substg1.0_3701000D", TRUE));

	put_props_header(m, 24);
	put_string(m, 0x0037, subject);
	put_string(m, 0x1000, body);
	if (nest > 1) {
		GsfOutfile *a = GSF_OUTFILE(gsf_outfile_new_child(m,
		    "__attach_version1.0_#00000000", TRUE));

		put_string(a, 0x3707, "Videresendt");
		put_embedded(a, subject, body, nest - 1);
		gsf_output_close(GSF_OUTPUT(a));
		g_object_unref(a);
	}
	gsf_output_close(GSF_OUTPUT(m));
	g_object_unref(m);
}

static const char *
arg(int argc, char **argv, const char *key)
{
	size_t k = strlen(key);

	for (int i = 2; i < argc; i++)
		if (strncmp(argv[i], key, k) == 0 && argv[i][k] == '=')
			return argv[i] + k + 1;
	return NULL;
}

/* The value of key, or with "@FILE" the content of FILE (*held, to free). */
static const char *
arg_or_file(int argc, char **argv, const char *key, char **held)
{
	const char *v = arg(argc, argv, key);

	*held = NULL;
	if (v == NULL || v[0] != '@')
		return v;
	if (!g_file_get_contents(v + 1, held, NULL, NULL)) {
		fprintf(stderr, "seal_msg_tool: cannot read %s\n", v + 1);
		exit(1);
	}
	return *held;
}

int
main(int argc, char **argv)
{
	GsfOutput *file;
	GsfOutfile *root, *d;
	const char *v;
	unsigned na = 0;
	char name[40], *held = NULL;

	if (argc < 2) {
		fprintf(stderr, "usage: seal_msg_tool OUT.msg [KEY=VALUE]...\n");
		return 2;
	}
	gsf_init();
	file = gsf_output_stdio_new(argv[1], NULL);
	if (file == NULL)
		return 1;
	root = gsf_outfile_msole_new(file);
	put_props_header(root, 32);
	put_string(root, 0x001A, "IPM.Note");
	if ((v = arg(argc, argv, "subject")) != NULL)
		put_string(root, 0x0037, v);
	if ((v = arg(argc, argv, "from")) != NULL)
		put_string(root, 0x0C1A, v);
	if ((v = arg(argc, argv, "to")) != NULL)
		put_string(root, 0x0E04, v);
	if ((v = arg(argc, argv, "body")) != NULL)
		put_string(root, 0x1000, v);
	if ((v = arg_or_file(argc, argv, "html", &held)) != NULL)
		put(root, "__substg1.0_10130102", v, strlen(v));
	g_free(held);
	if ((v = arg_or_file(argc, argv, "rtf", &held)) != NULL)
		put_rtf(root, v);
	g_free(held);
	if ((v = arg(argc, argv, "recipient")) != NULL) {
		d = GSF_OUTFILE(gsf_outfile_new_child(root, "__recip_version1.0_#00000000", TRUE));
		put_string(d, 0x3001, v);
		gsf_output_close(GSF_OUTPUT(d));
		g_object_unref(d);
	}
	if ((v = arg(argc, argv, "attach")) != NULL && strchr(v, ':') != NULL) {
		char *nm = g_strndup(v, (gsize)(strchr(v, ':') - v)), *data = NULL;
		gsize len = 0;

		if (!g_file_get_contents(strchr(v, ':') + 1, &data, &len, NULL))
			return 1;
		g_snprintf(name, sizeof(name), "__attach_version1.0_#%08X", na++);
		d = GSF_OUTFILE(gsf_outfile_new_child(root, name, TRUE));
		put_string(d, 0x3707, nm);
		put(d, "__substg1.0_37010102", data, len);
		gsf_output_close(GSF_OUTPUT(d));
		g_object_unref(d);
		g_free(nm);
		g_free(data);
	}
	if ((v = arg(argc, argv, "embed-subject")) != NULL) {
		const char *body = arg(argc, argv, "embed-body"), *nest = arg(argc, argv, "nest");

		g_snprintf(name, sizeof(name), "__attach_version1.0_#%08X", na++);
		d = GSF_OUTFILE(gsf_outfile_new_child(root, name, TRUE));
		put_string(d, 0x3707, "Videresendt");
		put_embedded(d, v, body != NULL ? body : "", nest != NULL ? atoi(nest) : 1);
		gsf_output_close(GSF_OUTPUT(d));
		g_object_unref(d);
	}
	/* closing the compound file closes the file under it */
	gsf_output_close(GSF_OUTPUT(root));
	g_object_unref(root);
	g_object_unref(file);
	return 0;
}
