/*
 * callbacks.h - the libmilter side of sealmilter: collect envelope,
 * headers and body per message, call seal_scan() at end of message and
 * turn its decision into accept, reject (550 5.7.1) or tempfail.
 *
 * State lives only in the connection's private pointer (smfi_setpriv),
 * since worker-pool builds of libmilter move a connection between threads.
 */
#ifndef SEAL_CALLBACKS_H
#define SEAL_CALLBACKS_H

/* smfi_register() with our callbacks; returns MI_SUCCESS or MI_FAILURE. */
int seal_callbacks_register(void);

/*
 * Tells the callbacks whether sealmilter listens on TCP (inet/inet6); call
 * before smfi_main. On TCP every step is answered (see callbacks.c).
 */
void seal_callbacks_set_inet(int inet);

#endif
