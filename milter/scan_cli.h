/*
 * scan_cli.h - `sealmilter --scan FILE --from ADDR --rcpt ADDR [...]
 * [-c CONFIG] [--json] [--date YYYY-MM-DD]`: the daemon's pipeline run
 * offline on one message, with the decision explained.
 */
#ifndef SEAL_SCAN_CLI_H
#define SEAL_SCAN_CLI_H

/* Exit status: 0 whatever the decision; 64 usage, 66 no input, 74 I/O, 78 config. */
int seal_scan_cli_main(int argc, char **argv);

#endif
