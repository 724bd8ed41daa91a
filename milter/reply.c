typedef int seal_placeholder_reply;
