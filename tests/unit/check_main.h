/*
 * check_main.h - shared main() helper for the Check unit tests: results are
 * written as TAP on stdout, so `make check` counts every test case.
 * CK_FORK stays as the environment says (valgrind runs set CK_FORK=no).
 */
#ifndef SEAL_CHECK_MAIN_H
#define SEAL_CHECK_MAIN_H

#include <stdlib.h>
#include <check.h>

static inline int
seal_check_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
