/*
 * mimewalk.c - visiting every part of a MIME tree (mimewalk.h).
 */
#include "mimewalk.h"

typedef struct walk {
	unsigned parts, max_parts, max_depth;
	int cut;
	seal_mime_visit visit;
	void *data;
} walk;

static void
walk_part(walk *w, GMimeObject *obj, const char *path, unsigned depth)
{
	if (++w->parts > w->max_parts || depth > w->max_depth) {
		w->cut = 1;
		return;
	}
	w->visit(obj, path, depth, w->data);
	if (GMIME_IS_MULTIPART(obj)) {
		GMimeMultipart *mp = GMIME_MULTIPART(obj);

		for (int i = 0; i < g_mime_multipart_get_count(mp); i++) {
			char *sub = g_strdup_printf("%s.%d", path, i + 1);

			walk_part(w, g_mime_multipart_get_part(mp, i), sub, depth + 1);
			g_free(sub);
		}
	} else if (GMIME_IS_MESSAGE_PART(obj)) {
		GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
		GMimeObject *body = inner != NULL ? g_mime_message_get_mime_part(inner) : NULL;

		if (body != NULL) {
			char *sub = g_strdup_printf("%s.1", path);

			walk_part(w, body, sub, depth + 1);
			g_free(sub);
		}
	}
}

int
seal_mime_walk(GMimeObject *root, const char *root_path, unsigned max_parts,
	unsigned max_depth, seal_mime_visit visit, void *data)
{
	walk w = { 0, max_parts, max_depth, 0, visit, data };

	if (root != NULL)
		walk_part(&w, root, root_path, 0);
	return w.cut;
}
