-- abort.lua - the MTA aborts a message half way (after a body chunk with a
-- CPR number); the next message on the same connection starts clean.
local lib = dofile(libdir .. "/lib.lua")

lib.run("abort", function()
	local conn = lib.connect()
	lib.session(conn)

	lib.envelope(conn, "sagsbehandler@kommune.example", { "citizen@gmail.example" })
	lib.content(conn, "citizen@gmail.example", "Your case", lib.CPR_BODY)
	lib.must(mt.abort(conn), "mt.abort")
	lib.ok(true, "abort after a body chunk: no error")

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
