-- abort.lua - the MTA aborts a message half way (after a body chunk with a
-- CPR number); the next message on the same connection starts clean.
local lib = dofile(libdir .. "/lib.lua")

lib.run("abort", function()
	-- Queue IDs of their own (MT9001A is the aborted message), so that
	-- t-miltertest.sh can find this file's messages in the daemon's log.
	lib.qid = 9000
	local conn = lib.connect()
	lib.session(conn)

	lib.envelope(conn, "sagsbehandler@kommune.example", { "citizen@gmail.example" })
	lib.content(conn, "citizen@gmail.example", "Your case", lib.CPR_BODY)
	-- The filter decides at end of message only: a body chunk with a
	-- number gets "continue", not an early reject (which would make the
	-- abort below test nothing). t-miltertest.sh checks in the log that
	-- the aborted message left no decision.
	lib.ok(mt.getreply(conn) == SMFIR_CONTINUE,
		"body chunk with a CPR number before abort: filter answers continue")
	local r = mt.abort(conn)
	lib.ok(r == nil, "abort after a body chunk: sent on the open session (" .. tostring(r) .. ")")

	lib.message(conn, "other@gmail.example", lib.CLEAN_BODY, "Your appointment")
	lib.ok(lib.accepted(conn), "after abort: clean message accepted")

	lib.message(conn, "citizen@gmail.example", lib.CPR_BODY)
	lib.ok(lib.refused(conn), "after abort: CPR message still refused with a reply")

	-- Abort before end of headers, then once more a whole message.
	lib.envelope(conn, "sagsbehandler@kommune.example", { "citizen@gmail.example" })
	lib.must(mt.abort(conn), "mt.abort")
	lib.message(conn, "citizen@gmail.example", lib.CLEAN_BODY, "Your appointment")
	lib.ok(lib.accepted(conn), "abort after RCPT, then clean message accepted")
	mt.disconnect(conn)
end)
