-- auth.lua - one message from a chosen client address, with or without an
-- SMTP AUTH user, so that t-daemon.sh can read how the daemon recorded the
-- sender's identity (auth=, client=, spf= in its decision log line).
--
-- Globals from miltertest -D: sock, libdir (as for every case), addr (the
-- client's IP address), qid (the queue ID sent as {i}, which prefixes the
-- log line) and, optionally, auth (the {auth_authen} value at MAIL FROM).
-- The message is clean, so the filter must accept it either way.
local lib = dofile(libdir .. "/lib.lua")

local label = auth ~= nil and "auth" or "unauthenticated"

lib.run(label, function()
	local conn = lib.connect()
	lib.must(mt.negotiate(conn, nil, nil, nil), "mt.negotiate")
	lib.must(mt.macro(conn, SMFIC_CONNECT, "j", "test.example",
		"{daemon_name}", "smtpd", "v", "Postfix 3.7.11"), "mt.macro(connect)")
	-- Not lib.hello: the point here is a client address other than loopback.
	if not lib.skipped(conn, SMFIP_NOCONNECT) then
		lib.must(mt.conninfo(conn, "client.example", addr), "mt.conninfo")
	end
	if not lib.skipped(conn, SMFIP_NOHELO) then
		lib.must(mt.helo(conn, "client.example"), "mt.helo")
	end

	-- Postfix sends {auth_authen} with the MAIL FROM macros (milter_mail_macros),
	-- and the client macros sealmilter asks for there.
	if auth ~= nil then
		lib.must(mt.macro(conn, SMFIC_MAIL, "{i}", qid, "{auth_authen}", auth,
			"{auth_type}", "PLAIN", lib.client_macros(addr, "client.example")),
			"mt.macro(mail)")
	else
		lib.must(mt.macro(conn, SMFIC_MAIL, "{i}", qid,
			lib.client_macros(addr, "client.example")), "mt.macro(mail)")
	end
	local started = os.time()
	if not lib.skipped(conn, SMFIP_NOMAIL) then
		lib.must(mt.mailfrom(conn, "<sagsbehandler@kommune.example>"), "mt.mailfrom")
	end
	mt.echo("# MAIL FROM answered after " .. os.difftime(os.time(), started) .. " s")
	lib.must(mt.macro(conn, SMFIC_RCPT, "{i}", qid, "{rcpt_addr}", "citizen@gmail.example",
		"{rcpt_mailer}", "smtp"), "mt.macro(rcpt)")
	if not lib.skipped(conn, SMFIP_NORCPT) then
		lib.must(mt.rcptto(conn, "<citizen@gmail.example>"), "mt.rcptto")
	end
	lib.content(conn, "citizen@gmail.example", "Your appointment", lib.CLEAN_BODY)
	lib.must(mt.eom(conn), "mt.eom")
	lib.ok(lib.accepted(conn), label .. " from " .. addr .. ": clean message accepted")
	mt.disconnect(conn)
end)
