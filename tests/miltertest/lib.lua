-- lib.lua - shared steps for the miltertest cases (loaded with dofile).
--
-- Globals set by t-miltertest.sh through miltertest -D: sock (libmilter
-- spelling of the daemon's socket) and libdir (this directory).
-- Each case prints "ok - ..." / "not ok - ..." lines with mt.echo; the
-- wrapper numbers them into TAP. A Lua error() makes miltertest exit 1
-- without a message, so every case runs inside lib.run (pcall + mt.echo).

local lib = {}
lib.failed = 0
lib.qid = 0

function lib.ok(cond, desc)
	if cond then
		mt.echo("ok - " .. desc)
	else
		lib.failed = lib.failed + 1
		mt.echo("not ok - " .. desc)
	end
	return cond
end

-- must(r, what): r is the return of an mt.* step (nil = success).
function lib.must(r, what)
	if r ~= nil then
		error(what .. " failed: " .. tostring(r))
	end
end

function lib.connect()
	local conn = mt.connect(sock, 40, 0.25)
	if conn == nil then
		error("mt.connect(" .. tostring(sock) .. ") failed")
	end
	return conn
end

-- skipped(conn, opt): the filter asked not to get this step (SMFIP_NO*);
-- miltertest raises an error if a skipped step is sent anyway.
function lib.skipped(conn, opt)
	return mt.test_option(conn, opt)
end

-- session(conn): full negotiation (miltertest's defaults offer every
-- action and step), then connect and HELO as Postfix sends them.
function lib.session(conn)
	lib.must(mt.negotiate(conn, nil, nil, nil), "mt.negotiate")
	lib.must(mt.macro(conn, SMFIC_CONNECT, "j", "test.example",
		"{daemon_name}", "smtpd", "v", "Postfix 3.7.11"), "mt.macro(connect)")
	lib.hello(conn)
end

-- hello(conn): connect information and HELO, unless the filter skips them.
function lib.hello(conn)
	if not lib.skipped(conn, SMFIP_NOCONNECT) then
		lib.must(mt.conninfo(conn, "client.kommune.example", "127.0.0.1"), "mt.conninfo")
	end
	if not lib.skipped(conn, SMFIP_NOHELO) then
		lib.must(mt.helo(conn, "client.kommune.example"), "mt.helo")
	end
end

-- client_macros(addr, name): the client macros Postfix's smtpd sends with
-- MAIL when the filter asks for them (sealmilter does, to skip CONNECT):
-- name/value pairs for mt.macro. IPv6 in Postfix's "IPv6:" form.
function lib.client_macros(addr, name)
	addr = addr or "127.0.0.1"
	if string.find(addr, ":", 1, true) and not string.find(addr, "^IPv6:") then
		addr = "IPv6:" .. addr
	end
	return "{client_addr}", addr, "{client_name}", name or "client.kommune.example",
		"{daemon_name}", "smtpd", "{daemon_port}", "25"
end

-- envelope(conn, from, rcpts): MAIL and RCPT with a fresh queue ID in {i}.
function lib.envelope(conn, from, rcpts)
	lib.qid = lib.qid + 1
	local qid = string.format("MT%04dA", lib.qid)
	lib.must(mt.macro(conn, SMFIC_MAIL, "i", qid, lib.client_macros()), "mt.macro(mail)")
	if not lib.skipped(conn, SMFIP_NOMAIL) then
		lib.must(mt.mailfrom(conn, "<" .. from .. ">"), "mt.mailfrom")
	end
	for _, r in ipairs(rcpts) do
		-- As Postfix's smtpd: {rcpt_addr} (the resolved address) and
		-- {rcpt_mailer}; without them sealmilter takes the message for
		-- a sendmail(1) submission (milter/callbacks.c rcpt_record).
		lib.must(mt.macro(conn, SMFIC_RCPT, "i", qid, "{rcpt_addr}", r,
			"{rcpt_mailer}", "smtp"), "mt.macro(rcpt)")
		if not lib.skipped(conn, SMFIP_NORCPT) then
			lib.must(mt.rcptto(conn, "<" .. r .. ">"), "mt.rcptto")
		end
	end
end

-- content(conn, to, subject, body): headers, end of headers, body (CRLF).
function lib.content(conn, to, subject, body)
	local hdrs = {
		{ "From", "Sagsbehandler <sagsbehandler@kommune.example>" },
		{ "To", to },
		{ "Subject", subject },
		{ "Date", "Mon, 01 Jun 2026 10:00:00 +0200" },
		{ "Message-ID", "<mt-" .. lib.qid .. "@kommune.example>" },
		{ "MIME-Version", "1.0" },
		{ "Content-Type", "text/plain; charset=utf-8" },
	}
	if not lib.skipped(conn, SMFIP_NOHDRS) then
		for _, h in ipairs(hdrs) do
			lib.must(mt.header(conn, h[1], h[2]), "mt.header(" .. h[1] .. ")")
		end
	end
	if not lib.skipped(conn, SMFIP_NOEOH) then
		lib.must(mt.eoh(conn), "mt.eoh")
	end
	if not lib.skipped(conn, SMFIP_NOBODY) then
		lib.must(mt.bodystring(conn, body), "mt.bodystring")
	end
end

lib.CLEAN_BODY = "Dear citizen,\r\nyour appointment is on 12 June 2026 at 10:00.\r\n"
lib.CPR_BODY = "Dear citizen,\r\nregarding your case, CPR-nr.: 170583-1889.\r\n"

-- message(conn, rcpt, body): one whole transaction up to end of message.
function lib.message(conn, rcpt, body, subject)
	lib.envelope(conn, "sagsbehandler@kommune.example", { rcpt })
	lib.content(conn, rcpt, subject or "Your case", body)
	lib.must(mt.eom(conn), "mt.eom")
end

function lib.accepted(conn)
	local r = mt.getreply(conn)
	return r == SMFIR_ACCEPT or r == SMFIR_CONTINUE
end

-- refused(conn): the filter answered end of message with its own reply
-- code. mt.eom_check(MT_SMTPREPLY, ...) compares the whole reply text
-- (multi-line replies included), so it cannot test for "550" alone; the
-- wrapper checks the daemon's log for the refusals (action=refuse).
function lib.refused(conn)
	return mt.getreply(conn) == SMFIR_REPLYCODE
end

-- run(name, fn): fn's errors become a "not ok"; any failure exits 1.
function lib.run(name, fn)
	local good, err = pcall(fn)
	if not good then
		lib.failed = lib.failed + 1
		mt.echo("not ok - " .. name .. ": " .. tostring(err))
	end
	if lib.failed > 0 then
		error(name .. ": " .. lib.failed .. " failed")
	end
end

return lib
