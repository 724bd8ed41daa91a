int seal_scan_cli_main(int argc, char **argv);
