/*
 * fuzz_scan.c - the whole pipeline on arbitrary bytes as a message:
 * MIME walk, decoding, normalisation, detection, policy, reports.
 */
#include <string.h>

#include <gmime/gmime.h>

#include "fuzz.h"
#include "report.h"
#include "scan.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static seal_config *cfg;
	static const char *const rcpts[] = { "a@kommune.example", "b@gmail.example" };
	const seal_date date = { 2026, 6, 1 };
	GMimeStream *stream;
	seal_envelope env;
	seal_decision *d = NULL;
	seal_err err;

	if (cfg == NULL) {
		g_mime_init();
		cfg = seal_config_new_defaults();
		/*
		 * No OCR: Tesseract takes seconds per image, so a seed with a
		 * picture stalls the campaign on it, and OCR's input is the
		 * decoded image, which the image libraries' own fuzzing covers;
		 * the text OCR returns goes through the same detectors as here.
		 */
		cfg->ocr = 0;
	}
	stream = g_mime_stream_mem_new_with_buffer((const char *)data, size);
	memset(&env, 0, sizeof(env));
	env.sender = "a@kommune.example";
	env.rcpts = rcpts;
	env.nrcpts = 2;
	if (seal_scan(cfg, stream, &env, &date, &d, &err) == SEAL_OK) {
		GString *out = g_string_new(NULL);

		seal_report_json(d, out);
		seal_report_text(d, out);
		seal_report_log_line(d, out);
		g_string_free(out, TRUE);
	}
	seal_decision_free(d);
	g_object_unref(stream);
	return 0;
}
