/*
 * static.c - the console's script and style sheet (static.h).
 *
 * The script only adds comfort; every page works without it (forms post
 * to the server, which decides everything): it asks before a form marked
 * data-confirm is sent, and disables a submit button once pressed so a
 * double click does not send a decision twice (the server refuses the
 * second anyway: "not held any more").
 */
#include <string.h>

#include "static.h"

static const char script[] =
	"'use strict';\n"
	"document.addEventListener('submit', function (ev) {\n"
	"  var form = ev.target;\n"
	"  var ask = form.getAttribute('data-confirm');\n"
	"  if (ask && !window.confirm(ask)) { ev.preventDefault(); return; }\n"
	"  var buttons = form.querySelectorAll('button[type=submit]');\n"
	"  for (var i = 0; i < buttons.length; i++) buttons[i].disabled = true;\n"
	"});\n";

static const char style[] =
	"body { font-family: sans-serif; margin: 0; color: #1a1a1a; background: #fafafa; }\n"
	"header { display: flex; justify-content: space-between; align-items: center;\n"
	"  padding: 0.5em 1em; background: #243b53; color: #fff; }\n"
	"header a { color: #fff; margin-right: 1em; text-decoration: none; }\n"
	"header form { margin: 0; }\n"
	"main { padding: 1em 2em; max-width: 70em; }\n"
	"table { border-collapse: collapse; }\n"
	"th, td { border-bottom: 1px solid #ccc; padding: 0.3em 0.8em; text-align: left; }\n"
	"label { display: block; margin: 0.6em 0 0.2em; }\n"
	"input[type=text], input[type=password] { width: 18em; padding: 0.3em; }\n"
	"button { margin-top: 0.8em; padding: 0.3em 1em; }\n"
	".error { color: #a61b1b; font-weight: bold; }\n"
	".notice { color: #1b4fa6; }\n"
	/* the overview's charts (svg.c): colours by class, the CSP allows no inline style */
	"svg.chart { display: block; max-width: 100%; height: auto; margin: 0.5em 0 1em; }\n"
	"svg.chart text { font-size: 11px; fill: #333; }\n"
	"svg.chart .axis { stroke: #888; stroke-width: 1; }\n"
	"svg.chart .s0 { fill: #7a8b99; } svg.chart .s1 { fill: #2e7d32; }\n"
	"svg.chart .s2 { fill: #1565c0; } svg.chart .s3 { fill: #f9a825; }\n"
	"svg.chart .s4 { fill: #c62828; } svg.chart .s5 { fill: #8e24aa; }\n"
	"svg.chart .bar { fill: #243b53; }\n"
	"svg.chart .share { fill: none; stroke: #2e7d32; stroke-width: 2; }\n"
	"td.n { text-align: right; font-variant-numeric: tabular-nums; }\n"
	"td.fp { font-family: monospace; }\n"
	"small.code { color: #555; font-family: monospace; }\n"
	"nav.periods a.current { font-weight: bold; }\n"
	"form.pages { display: inline; }\n";

int
web_static_find(const char *path, const char **type, const char **data, size_t *len)
{
	if (strcmp(path, "/static/sealweb.js") == 0) {
		*type = "text/javascript; charset=utf-8";
		*data = script;
		*len = sizeof(script) - 1;
		return 1;
	}
	if (strcmp(path, "/static/sealweb.css") == 0) {
		*type = "text/css; charset=utf-8";
		*data = style;
		*len = sizeof(style) - 1;
		return 1;
	}
	return 0;
}
