-- rules.lua - site rules in the daemon (t-rules-daemon.sh): a case number
-- a site rule knows (no identity number in it) makes the message to an
-- untrusted recipient refused; the same text without the rule's shape goes.
local lib = dofile(libdir .. "/lib.lua")

lib.run("rules", function()
	local conn = lib.connect()
	lib.session(conn)

	lib.message(conn, "citizen@gmail.example",
		"Dear citizen,\r\nyour case is Sag 2024-123456.\r\n", "MT-RULE-1")
	lib.ok(lib.refused(conn), "case number (site rule), untrusted: refused with a reply")

	lib.message(conn, "citizen@gmail.example",
		"Dear citizen,\r\nyour case is registered.\r\n", "MT-RULE-2")
	lib.ok(lib.accepted(conn), "no case number, untrusted: accepted")
	mt.disconnect(conn)
end)
