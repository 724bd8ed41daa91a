typedef int seal_placeholder_log;
