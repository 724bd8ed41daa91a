/* spool.c: to be written */
typedef int seal_placeholder_spool;
