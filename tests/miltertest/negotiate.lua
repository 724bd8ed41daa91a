-- negotiate.lua - option negotiation: with every action offered the session
-- works; offering only SMFIF_ADDHDRS makes the filter end the session (it
-- could not carry out its decisions; the MTA applies its default action).
local lib = dofile(libdir .. "/lib.lua")

lib.run("negotiate", function()
	local conn = lib.connect()
	local r = mt.negotiate(conn, nil, nil, nil)
	lib.ok(r == nil, "full actions: negotiation succeeds")
	lib.hello(conn)
	lib.message(conn, "citizen@gmail.example", lib.CLEAN_BODY)
	lib.ok(lib.accepted(conn), "full actions: clean message accepted")
	mt.disconnect(conn)

	-- Version 6, actions ADDHDRS, steps 0 (miltertest ignores the
	-- arguments unless all three are given; it then offers ADDHDRS plus
	-- the version-1 actions, still short of what sealmilter needs).
	-- The filter closes the session: negotiate returns an error string.
	-- No further step on that connection: writing to it kills miltertest
	-- with SIGPIPE.
	local few = lib.connect()
	local good, res = pcall(mt.negotiate, few, 6, SMFIF_ADDHDRS, 0)
	local refused = (not good) or res ~= nil
	-- Why it was refused is in the daemon's log; t-miltertest.sh checks it.
	mt.echo("# negotiate with only ADDHDRS returned: " .. tostring(res))
	lib.ok(refused, "only ADDHDRS offered: filter refuses the session")
end)
