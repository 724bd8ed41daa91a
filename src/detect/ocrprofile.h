/*
 * ocrprofile.h - the OCR profile of the normaliser: what a text recogniser
 * gets wrong in numbers, put right before the detectors see the text.
 *
 * OCR engines confuse a few letters with digits: O and o with 0, l, I and
 * | with 1, S with 5, B with 8. Inside a digit-like run (a maximal run of
 * ASCII digits and those letters holding at least two digits and at least
 * as many digits as letters) the letters become digits; words are left
 * alone. One exception keeps Finland's century sign: in a run that starts
 * with six digit-likes, a B in the seventh place (HETU century sign for
 * 2000-2099) and a B or S in the eleventh place (check character) stay.
 * doc/DETECTION.md section "OCR" is the authority.
 *
 * Each replacement is one ASCII byte for one ASCII byte, so offsets do not
 * move and the function works in place. Thread safety: pure.
 */
#ifndef SEAL_OCRPROFILE_H
#define SEAL_OCRPROFILE_H

#include <stddef.h>

/* Applies the profile to text[0..len) in place; returns the letters changed. */
size_t seal_ocrprofile_apply(char *text, size_t len);

#endif
