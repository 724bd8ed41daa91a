/* scan.c: to be written */
typedef int seal_placeholder_scan;
