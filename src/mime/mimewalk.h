/*
 * mimewalk.h - visiting every part of a MIME tree in document order, as
 * the quarantine views show a held message (sealctl quarantine show, the
 * console's message page): parts numbered "1", "1.2", "1.2.1", an
 * attached message/rfc822 counting as one level, with limits on the
 * number of parts and the depth so a hostile tree cannot make a view
 * unbounded.
 */
#ifndef SEAL_MIMEWALK_H
#define SEAL_MIMEWALK_H

#include <gmime/gmime.h>

/*
 * Called for each part, containers (multipart, message/rfc822) before
 * their children. path is the part's number; depth 0 for root.
 */
typedef void (*seal_mime_visit)(GMimeObject *part, const char *path, unsigned depth, void *data);

/*
 * Visits root (numbered root_path) and every part below it. Parts past
 * the max_parts-th, and parts deeper than max_depth, are not visited:
 * the return value is then 1 (the view is cut), else 0.
 */
int seal_mime_walk(GMimeObject *root, const char *root_path, unsigned max_parts,
	unsigned max_depth, seal_mime_visit visit, void *data);

#endif
