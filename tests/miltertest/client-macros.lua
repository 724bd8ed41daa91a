-- client-macros.lua - on a unix socket sealmilter skips the CONNECT step
-- and takes the client from the macros Postfix sends with MAIL
-- ({client_addr}, {client_name}, {daemon_port}; asked for with
-- smfi_setsymlist). An MTA that leaves {client_addr} out gets the message
-- through without a client address (logged "unknown"), and from then on
-- the filter takes the CONNECT step again. t-miltertest.sh reads the
-- client= of each message (queue IDs MTC001A..MTC003A) in the daemon's log.
-- Run last against a daemon: the fallback is for the daemon's lifetime.
local lib = dofile(libdir .. "/lib.lua")

-- one(conn, qid, mail_macros...): a clean message with these MAIL macros.
local function one(conn, qid, ...)
	lib.must(mt.macro(conn, SMFIC_MAIL, "i", qid, ...), "mt.macro(mail)")
	lib.must(mt.mailfrom(conn, "<sagsbehandler@kommune.example>"), "mt.mailfrom")
	lib.must(mt.macro(conn, SMFIC_RCPT, "i", qid, "{rcpt_addr}", "citizen@gmail.example",
		"{rcpt_mailer}", "smtp"), "mt.macro(rcpt)")
	lib.must(mt.rcptto(conn, "<citizen@gmail.example>"), "mt.rcptto")
	lib.content(conn, "citizen@gmail.example", "Your appointment", lib.CLEAN_BODY)
	lib.must(mt.eom(conn), "mt.eom")
	return lib.accepted(conn)
end

local function helo(conn)
	if not lib.skipped(conn, SMFIP_NOHELO) then
		lib.must(mt.helo(conn, "client.example"), "mt.helo")
	end
end

lib.run("client-macros", function()
	local conn = lib.connect()
	lib.must(mt.negotiate(conn, nil, nil, nil), "mt.negotiate")
	lib.ok(lib.skipped(conn, SMFIP_NOCONNECT), "unix socket: the CONNECT step is skipped")
	lib.must(mt.macro(conn, SMFIC_CONNECT, "{daemon_port}", "25"), "mt.macro(connect)")
	helo(conn)
	lib.ok(one(conn, "MTC001A", lib.client_macros("2001:db8::7", "client.example")),
		"client from the MAIL macros (IPv6): clean message accepted")
	mt.disconnect(conn)

	conn = lib.connect()
	lib.must(mt.negotiate(conn, nil, nil, nil), "mt.negotiate")
	lib.ok(lib.skipped(conn, SMFIP_NOCONNECT), "second session: CONNECT still skipped")
	helo(conn)
	lib.ok(one(conn, "MTC002A"), "no {client_addr} at MAIL: clean message still accepted")
	mt.disconnect(conn)

	conn = lib.connect()
	lib.must(mt.negotiate(conn, nil, nil, nil), "mt.negotiate")
	lib.ok(not lib.skipped(conn, SMFIP_NOCONNECT),
		"after a session without {client_addr}: the CONNECT step is taken again")
	if not lib.skipped(conn, SMFIP_NOCONNECT) then
		lib.must(mt.conninfo(conn, "client.example", "192.0.2.5"), "mt.conninfo")
	end
	helo(conn)
	lib.ok(one(conn, "MTC003A"), "client from CONNECT: clean message accepted")
	mt.disconnect(conn)
end)
