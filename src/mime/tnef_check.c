/*
 * tnef_check.c - the structure of a TNEF stream checked before libytnef
 * reads it (tnef_internal.h).
 *
 * libytnef (2.0, Debian 12) prints its errors to standard output, which
 * is sealmilter --scan's JSON output, and some limits fail the whole parse
 * (a 1,000-byte subject, a 512 KiB property). So every check libytnef
 * makes before it prints is made here first, with the same limits: a
 * stream that passes is one libytnef reads without an error path, one
 * that fails is damaged (or beyond those limits) and is unscannable.
 * [MS-OXTNEF] 2.1.3: signature, key, then attributes of level (1), id (4),
 * length (4), data and a 16-bit sum of the data bytes; attMAPIProps and
 * attAttachment hold a property list (2.1.3.4).
 */
#include <string.h>

#include "tnef_internal.h"

#define LIM_STR 100             /* libytnef's limits, see ytnef.c */
#define LIM_BODY 100000
#define LIM_ICON 10000
#define LIM_COUNT 1000
#define LIM_NAME 100
#define LIM_VALUE 524288
#define LIM_SUBJECT 1000
#define LIM_ATTR (50u * 1024 * 1024)

struct cur {
	const uint8_t *d;
	size_t len, i;
};

uint32_t
seal_tnef_u32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static int
take32(struct cur *c, uint32_t *v)
{
	if (c->len - c->i < 4)
		return -1;
	*v = seal_tnef_u32(c->d + c->i);
	c->i += 4;
	return 0;
}

static int
skip(struct cur *c, size_t n)
{
	if (c->len - c->i < n)
		return -1;
	c->i += n;
	return 0;
}

static int
is_subject(uint32_t id)
{
	return id == 0x0037 || id == 0x0038 || id == 0x0049 || id == 0x0070 ||
	    id == 0x0E1D;
}

/* A named property's name list (the GUID and kind already read). */
static int
named(struct cur *c, uint32_t n)
{
	uint32_t l;

	if (n > LIM_COUNT)
		return -1;
	while (n-- > 0) {
		if (take32(c, &l) != 0 || l == 0 || l > LIM_NAME || skip(c, l) != 0)
			return -1;
		/* libytnef steps over the padding unchecked; the final length check catches it */
		c->i += (l % 4) != 0 ? 4 - l % 4 : 0;
		if (c->i > c->len)
			return -1;
	}
	return 0;
}

/* One value of type t (first: a single value's count field is read). */
static int
value(struct cur *c, uint32_t type, uint32_t id, int single)
{
	uint32_t n;

	switch (type) {
	case 0x0102: case 0x000D: case 0x001E: case 0x001F:
		if ((single && take32(c, &n) != 0) || take32(c, &n) != 0)
			return -1;
		if (n != 0 && (n > c->len - c->i || n > LIM_VALUE))
			return -1;
		if (is_subject(id) && (n == 0 || n > LIM_SUBJECT))
			return -1;
		c->i += n;
		c->i += (n % 4) != 0 ? 4 - n % 4 : 0;
		return c->i > c->len ? -1 : 0;
	case 0x0002:
		if (c->len - c->i < 2)
			return -1;
		c->i += 4;
		return c->i > c->len ? -1 : 0;
	case 0x000B: case 0x0003: case 0x0004: case 0x0006: case 0x0007: case 0x000A:
		return skip(c, 4);
	case 0x0005: case 0x0014: case 0x0040:
		return skip(c, 8);
	case 0x0048:
		return skip(c, 16);
	default:
		return -1;
	}
}

int
seal_tnef_check_mapi(const uint8_t *d, size_t len)
{
	struct cur c = { d, len, 0 };
	uint32_t count, tag, kind, mv;

	if (take32(&c, &count) != 0 || count == 0 || count > LIM_COUNT)
		return -1;
	for (uint32_t k = 0; k < count; k++) {
		uint32_t type, id;

		if (take32(&c, &tag) != 0)
			return -1;
		type = tag & 0xFFFF;
		id = tag >> 16;
		if (id >= 0x8000) {
			if (skip(&c, 16) != 0 || take32(&c, &kind) != 0)
				return -1;
			if (kind > 0 && named(&c, kind) != 0)
				return -1;
			if (kind == 0) {
				/* a numeric name becomes the property's id in libytnef */
				if (take32(&c, &kind) != 0)
					return -1;
				id = kind & 0xFFFF;
			}
		}
		mv = 1;
		if (type & 0x1000) {
			type -= 0x1000;
			if (take32(&c, &mv) != 0)
				return -1;
		}
		if (mv == 0 || mv > LIM_COUNT)
			return -1;
		for (uint32_t v = 0; v < mv; v++)
			if (value(&c, type, id, !(tag & 0x1000)) != 0)
				return -1;
	}
	return c.i == c.len ? 0 : -1;
}

/* attSentFor: pairs of 16-bit length and bytes. */
static int
sent_for(const uint8_t *d, size_t len)
{
	size_t i = 0;

	while (i < len) {
		for (int k = 0; k < 2; k++) {
			size_t n;

			if (len - i < 2)
				return -1;
			n = (size_t)d[i] | (size_t)d[i + 1] << 8;
			i += 2;
			if (n > len - i)
				return -1;
			i += n;
		}
	}
	return 0;
}

/* One attribute's content against its libytnef handler. */
static int
attribute(uint32_t att, const uint8_t *d, uint32_t n)
{
	switch (att) {
	case 0x00018004: case 0x00008000: case 0x00070006: case 0x00018010:
		return n <= LIM_STR ? 0 : -1;
	case 0x0002800C:
		return n <= LIM_BODY ? 0 : -1;
	case 0x00068011:
		return n <= LIM_ICON ? 0 : -1;
	case 0x00089006:
		return n == 4 ? 0 : -1;
	case 0x00069004:
		return n >= 4 ? 0 : -1;
	case 0x00060001:
		return sent_for(d, n);
	case 0x00069003: case 0x00069005:
		return seal_tnef_check_mapi(d, n);
	default:
		return 0;
	}
}

/*
 * libytnef keeps one value per attribute: a second attBody, attFrom,
 * attMAPIProps, attOemCodepage or attOriginalMessageClass, or a second
 * title, data, icon or property list in one attachment (attAttachRenddata
 * starts the next), overwrites the first without freeing it. A writer
 * never repeats them; a stream that does is damaged (and would leak).
 */
static int
repeated(uint32_t att, uint32_t *seen_msg, uint32_t *seen_att)
{
	static const uint32_t msg[] = { 0x0002800C, 0x00008000, 0x00069003, 0x00069007,
		0x00070006 };
	static const uint32_t att_[] = { 0x00018010, 0x0006800F, 0x00068011, 0x00069005 };

	if (att == 0x00069002) {
		*seen_att = 0;
		return 0;
	}
	for (unsigned k = 0; k < G_N_ELEMENTS(msg); k++)
		if (att == msg[k]) {
			if (*seen_msg & 1u << k)
				return 1;
			*seen_msg |= 1u << k;
		}
	for (unsigned k = 0; k < G_N_ELEMENTS(att_); k++)
		if (att == att_[k]) {
			if (*seen_att & 1u << k)
				return 1;
			*seen_att |= 1u << k;
		}
	return 0;
}

int
seal_tnef_check(const uint8_t *d, size_t len, char *reason, size_t rsize)
{
	struct cur c = { d, len, 6 };
	uint32_t seen_msg = 0, seen_att = 0;

	if (len < 6 || seal_tnef_u32(d) != SEAL_TNEF_SIGNATURE) {
		g_strlcpy(reason, "TNEF signature missing", rsize);
		return -1;
	}
	if (len == 6) {
		g_strlcpy(reason, "TNEF stream empty", rsize);
		return -1;
	}
	while (c.i < c.len) {
		uint32_t att, n;
		unsigned sum = 0;

		if (skip(&c, 1) != 0 || take32(&c, &att) != 0 || take32(&c, &n) != 0 ||
		    n == 0 || n > LIM_ATTR || n > c.len - c.i || c.len - c.i - n < 2) {
			g_strlcpy(reason, "TNEF stream damaged (attribute cut short)", rsize);
			return -1;
		}
		for (uint32_t k = 0; k < n; k++)
			sum += d[c.i + k];
		if ((sum & 0xFFFF) != ((unsigned)d[c.i + n] | (unsigned)d[c.i + n + 1] << 8)) {
			g_strlcpy(reason, "TNEF stream damaged (checksum)", rsize);
			return -1;
		}
		if (attribute(att, d + c.i, n) != 0 || repeated(att, &seen_msg, &seen_att)) {
			g_strlcpy(reason, "TNEF attribute damaged or beyond the reader's limits",
			    rsize);
			return -1;
		}
		c.i += (size_t)n + 2;
	}
	return 0;
}
