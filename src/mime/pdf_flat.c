/*
 * pdf_flat.c - object streams written out with qpdf; see pdf_flat.h.
 */
#include <string.h>

#include <glib.h>
#include <qpdf/qpdf-c.h>

#include "pdf_flat.h"

int
seal_pdf_flatten(const char *data, size_t len, char **out, size_t *out_len)
{
	qpdf_data q = qpdf_init();
	int rc = -1;

	*out = NULL;
	*out_len = 0;
	/* warnings would go to stderr and may quote the file: silenced */
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	if ((qpdf_read_memory(q, "attachment", data, (unsigned long long)len, "") &
	    QPDF_ERRORS) == 0 &&
	    (qpdf_init_write_memory(q) & QPDF_ERRORS) == 0) {
		qpdf_set_object_stream_mode(q, qpdf_o_disable);
		/* opened with the empty password (as poppler did): write it clear */
		qpdf_set_preserve_encryption(q, QPDF_FALSE);
		if ((qpdf_write(q) & QPDF_ERRORS) == 0 && qpdf_get_buffer(q) != NULL) {
			*out_len = qpdf_get_buffer_length(q);
			*out = g_memdup2(qpdf_get_buffer(q), *out_len);
			rc = 0;
		}
	}
	qpdf_cleanup(&q);
	return rc;
}
