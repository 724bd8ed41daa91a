/* detect_kinds.c: to be written */
typedef int seal_placeholder_detect_kinds;
