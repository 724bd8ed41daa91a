/*
 * fuzz.h - the libFuzzer entry point every target defines. Built with
 * --enable-fuzzers (clang -fsanitize=fuzzer) it is a fuzzer; linked with
 * replay.c it is a program that runs each file named on the command line
 * once, which `make check` does over the seed corpus under ASan.
 */
#ifndef SEAL_FUZZ_H
#define SEAL_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
