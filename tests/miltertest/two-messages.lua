-- two-messages.lua - one connection, two messages: the first (clean) is
-- accepted, the second (CPR to an untrusted domain) refused with a reply
-- (t-miltertest.sh checks in the daemon's log that it was a refusal).
local lib = dofile(libdir .. "/lib.lua")

lib.run("two-messages", function()
	local conn = lib.connect()
	lib.session(conn)

	lib.message(conn, "citizen@gmail.example", lib.CLEAN_BODY, "Your appointment")
	lib.ok(lib.accepted(conn), "first message (clean, untrusted): accepted")

	lib.message(conn, "citizen@gmail.example", lib.CPR_BODY)
	lib.ok(lib.refused(conn), "second message (CPR, untrusted): refused with a reply")

	-- And the state of a refused message does not stick to the connection.
	lib.message(conn, "kollega@kommune.example", lib.CPR_BODY)
	lib.ok(lib.accepted(conn), "third message (CPR, internal): accepted")
	mt.disconnect(conn)
end)
