-- eol-chunks.lua - a large archive attachment whose MIME headers end in
-- CRLF and whose base64 lines end in LF alone, sent to the daemon in body
-- chunks cut at odd places (t-archives-mta.sh): the first chunk ends in
-- the middle of a base64 line, one chunk ends with the CR of a CRLF and the
-- next starts with its LF, the rest go in chunks of 65535 bytes (the
-- milter protocol's largest). The reported fault was such a message read
-- as a damaged archive.
--
-- Globals (miltertest -D): sock, libdir, body (the file holding the body,
-- bytes as sent), rcpt, want ("refused" or "accepted"), label.
local lib = dofile(libdir .. "/lib.lua")

lib.run(label, function()
	local f = assert(io.open(body, "rb"))
	local data = f:read("a")
	f:close()
	local conn = lib.connect()
	-- reading 20 MB takes longer than miltertest's 10 s default on a
	-- loaded machine; Postfix's milter_content_timeout is 300 s
	mt.set_timeout(300)
	lib.session(conn)
	lib.envelope(conn, "sagsbehandler@kommune.example", { rcpt })
	local hdrs = {
		{ "From", "Sagsbehandler <sagsbehandler@kommune.example>" },
		{ "To", rcpt },
		{ "Subject", "Bilag til sagen" },
		{ "Date", "Mon, 01 Jun 2026 10:00:00 +0200" },
		{ "Message-ID", "<" .. label .. "@kommune.example>" },
		{ "MIME-Version", "1.0" },
		{ "Content-Type", 'multipart/mixed; boundary="b1"' },
	}
	if not lib.skipped(conn, SMFIP_NOHDRS) then
		for _, h in ipairs(hdrs) do
			lib.must(mt.header(conn, h[1], h[2]), "mt.header(" .. h[1] .. ")")
		end
	end
	if not lib.skipped(conn, SMFIP_NOEOH) then
		lib.must(mt.eoh(conn), "mt.eoh")
	end
	-- cut points: 1001 bytes in (inside a base64 line), then just after
	-- the first CR of the part's CRLF headers, then every 65535 bytes
	local cr = string.find(data, "\r\n", 40, true)
	local cuts = { cr, 1001 }
	table.sort(cuts)
	local pos, sent = 1, 0
	for _, c in ipairs(cuts) do
		lib.must(mt.bodystring(conn, string.sub(data, pos, c)), "mt.bodystring")
		sent = sent + 1
		pos = c + 1
	end
	while pos <= #data do
		local e = math.min(pos + 65534, #data)
		lib.must(mt.bodystring(conn, string.sub(data, pos, e)), "mt.bodystring")
		sent = sent + 1
		pos = e + 1
	end
	lib.must(mt.eom(conn), "mt.eom")
	if want == "refused" then
		lib.ok(lib.refused(conn), label .. ": refused with a reply (" .. sent .. " body chunks)")
	else
		lib.ok(lib.accepted(conn), label .. ": accepted (" .. sent .. " body chunks)")
	end
	mt.disconnect(conn)
end)
