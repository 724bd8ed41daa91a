-- split-unsafe.lua - a message split by copies (milter/callbacks.c
-- eom_deliver) whose copy cannot be reinjected must be tempfailed, never
-- discarded: the discard would drop the only copy of the recipient who
-- keeps it.
--
-- The external recipient is given with a source route (RFC 5321 section
-- 4.1.1.3), so its removal cannot be verified and every recipient who keeps
-- the message gets a reinjected copy instead. The internal one is a quoted
-- local part with a space (RFC 5321 section 4.1.2, Quoted-string), which
-- the reinjection refuses to put on an SMTP command line (src/deliver/
-- reinject.c). Test number: 170583-1889 (tests/data/vectors.tsv, lib.CPR_BODY).
local lib = dofile(libdir .. "/lib.lua")

lib.run("split-unsafe", function()
	local conn = lib.connect()
	local qid = "MT0099A"
	local rcpts = {
		{ '<"kollega four"@kommune.example>', '"kollega four"@kommune.example' },
		{ "<@hop.example:citizen@gmail.example>", "citizen@gmail.example" },
	}

	lib.session(conn)
	lib.must(mt.macro(conn, SMFIC_MAIL, "i", qid, lib.client_macros()), "mt.macro(mail)")
	lib.must(mt.mailfrom(conn, "<sagsbehandler@kommune.example>"), "mt.mailfrom")
	for _, r in ipairs(rcpts) do
		lib.must(mt.macro(conn, SMFIC_RCPT, "i", qid, "{rcpt_addr}", r[2],
			"{rcpt_mailer}", "smtp"), "mt.macro(rcpt)")
		lib.must(mt.rcptto(conn, r[1]), "mt.rcptto")
	end
	lib.content(conn, "citizen@gmail.example", "Your case", lib.CPR_BODY)
	lib.must(mt.eom(conn), "mt.eom")
	local r = mt.getreply(conn)
	lib.ok(r ~= SMFIR_DISCARD, "copy not reinjectable: the message is not discarded")
	-- A tempfail comes with sealmilter's 451 reply (SMFIR_REPLYCODE); the
	-- wrapper checks in the log that it was the tempfail of this message.
	lib.ok(r == SMFIR_REPLYCODE, "copy not reinjectable: answered with a reply code (got " ..
		tostring(r) .. ")")
	mt.disconnect(conn)
end)
