/*
 * vectors.h - tests/data/vectors.tsv (spec section 9) for the unit tests:
 * read, unescaped, with the layer each row's id names. A missing or broken
 * file ends the test program with "Bail out!": it must fail loudly.
 */
#ifndef SEAL_TEST_VECTORS_H
#define SEAL_TEST_VECTORS_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

typedef enum layer {
	LAYER_PLAIN, LAYER_HTML, LAYER_QP, LAYER_HDR, LAYER_PARAM
} layer;

typedef struct vector {
	char *id;
	char *kind;        /* "none" for not-found */
	char *input;       /* unescaped UTF-8; NULL after a bad escape */
	size_t input_len;
	bool found;
	char *level;       /* "low"/"medium"/"high" or "-" */
	char *mask;
	layer layer;
} vector;

/* The rows of the file named by $SEAL_VECTORS (vector *, never freed). */
GPtrArray *load_vectors(void);

#endif
