/* SPDX-License-Identifier: MIT */
/*
 * text.c - text fit for a terminal and for JSON: UTF-8 checked and
 * cleaned of control characters, HTML made into text, and the snippet
 * of a message (its own words, without the quoted history).
 */
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "mailread.h"

/* One UTF-8 sequence at P (N bytes left, N > 0): its code point and
 * length, or -1 (length 1) for a byte that does not start a valid,
 * shortest-form sequence of a scalar value. */
static int32_t utf8_next(const unsigned char *p, size_t n, size_t *len)
{
	unsigned char b = p[0];
	int32_t cp;
	size_t need;
	unsigned char lo = 0x80, hi = 0xbf;
	*len = 1;
	if (b < 0x80)
		return b;
	if (b >= 0xc2 && b <= 0xdf) {
		need = 1;
		cp = b & 0x1f;
	} else if (b >= 0xe0 && b <= 0xef) {
		need = 2;
		cp = b & 0x0f;
		if (b == 0xe0)
			lo = 0xa0;
		else if (b == 0xed)
			hi = 0x9f; /* no surrogates */
	} else if (b >= 0xf0 && b <= 0xf4) {
		need = 3;
		cp = b & 0x07;
		if (b == 0xf0)
			lo = 0x90;
		else if (b == 0xf4)
			hi = 0x8f;
	} else {
		return -1;
	}
	if (n < need + 1)
		return -1;
	if (p[1] < lo || p[1] > hi)
		return -1;
	for (size_t i = 1; i <= need; i++) {
		if (i > 1 && (p[i] & 0xc0) != 0x80)
			return -1;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	*len = need + 1;
	return cp;
}

/* Characters that never leave: C0 controls but tab and newline, DEL,
 * C1 controls, and those that reorder text on screen. */
static int dropped(int32_t cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7f ||
	       (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c ||
	       cp == 0x200e || cp == 0x200f ||
	       (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

static int is_space(int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	       cp == '\v' || cp == '\f' || cp == 0x85 || cp == 0xa0 ||
	       cp == 0x2028 || cp == 0x2029;
}

char *mr_clean(const char *s, size_t len, size_t max, unsigned flags,
	       int *cut)
{
	const unsigned char *p = (const unsigned char *)s;
	GString *o = g_string_sized_new(len < 256 ? len + 1 : 256);
	size_t count = 0, i = 0;
	int pending_space = 0;
	if (cut)
		*cut = 0;
	while (s && i < len) {
		/* a run of printable ASCII other than space, at once */
		size_t run = 0;
		while (i + run < len && p[i + run] > ' ' && p[i + run] < 0x7f)
			run++;
		if (run) {
			size_t room = max ? max - count : SIZE_MAX;
			if ((size_t)pending_space + run > room) {
				if (cut)
					*cut = 1;
				if (room > (size_t)pending_space) {
					if (pending_space)
						g_string_append_c(o, ' ');
					g_string_append_len(o, s + i,
						(gssize)(room - (size_t)pending_space));
				}
				break;
			}
			if (pending_space) {
				g_string_append_c(o, ' ');
				count++;
				pending_space = 0;
			}
			g_string_append_len(o, s + i, (gssize)run);
			count += run;
			i += run;
			continue;
		}
		size_t n;
		int32_t cp = utf8_next(p + i, len - i, &n);
		i += n;
		if (cp < 0)
			cp = 0xfffd;
		if (flags & MR_LINE) {
			if (is_space(cp)) {
				pending_space = o->len > 0;
				continue;
			}
		} else if (cp == '\r' || cp == 0x85) {
			continue;
		} else if (cp == 0x2028 || cp == 0x2029) {
			cp = (flags & MR_LINES) ? '\n' : ' ';
		} else if (cp == '\n' && !(flags & MR_LINES)) {
			cp = ' ';
		} else if (cp == 0xa0 || cp == '\v' || cp == '\f') {
			cp = ' ';
		}
		if (dropped(cp))
			continue;
		if (max && count + (size_t)pending_space + 1 > max) {
			if (cut)
				*cut = 1;
			break;
		}
		if (pending_space) {
			g_string_append_c(o, ' ');
			count++;
			pending_space = 0;
		}
		g_string_append_unichar(o, (gunichar)cp);
		count++;
	}
	return g_string_free(o, FALSE);
}

char *mr_printable(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = s ? strlen(s) : 0, i = 0;
	GString *o = g_string_sized_new(len + 1);
	while (i < len) {
		size_t n;
		int32_t cp = utf8_next(p + i, len - i, &n);
		if (cp < 0 || cp == '\t' || cp == '\n' || dropped(cp)) {
			for (size_t k = 0; k < n; k++)
				g_string_append_printf(o, "\\x%02x", p[i + k]);
		} else {
			g_string_append_len(o, s + i, (gssize)n);
		}
		i += n;
	}
	return g_string_free(o, FALSE);
}

/* --- HTML ---------------------------------------------------------------- */

static const struct {
	const char *name;
	uint32_t cp;
} entities[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
	{ "apos", '\'' }, { "nbsp", ' ' }, { "ensp", ' ' }, { "emsp", ' ' },
	{ "thinsp", ' ' }, { "zwnj", 0x200c }, { "zwj", 0x200d },
	{ "ndash", 0x2013 }, { "mdash", 0x2014 }, { "hellip", 0x2026 },
	{ "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "sbquo", 0x201a },
	{ "ldquo", 0x201c }, { "rdquo", 0x201d }, { "bdquo", 0x201e },
	{ "laquo", 0xab }, { "raquo", 0xbb }, { "bull", 0x2022 },
	{ "middot", 0xb7 }, { "copy", 0xa9 }, { "reg", 0xae },
	{ "trade", 0x2122 }, { "euro", 0x20ac }, { "pound", 0xa3 },
	{ "yen", 0xa5 }, { "cent", 0xa2 }, { "sect", 0xa7 }, { "deg", 0xb0 },
	{ "plusmn", 0xb1 }, { "times", 0xd7 }, { "divide", 0xf7 },
	{ "iexcl", 0xa1 }, { "iquest", 0xbf }, { "shy", 0xad },
	{ "Auml", 0xc4 }, { "Ouml", 0xd6 }, { "Uuml", 0xdc }, { "auml", 0xe4 },
	{ "ouml", 0xf6 }, { "uuml", 0xfc }, { "szlig", 0xdf },
	{ "Agrave", 0xc0 }, { "Aacute", 0xc1 }, { "Acirc", 0xc2 },
	{ "Ccedil", 0xc7 }, { "Egrave", 0xc8 }, { "Eacute", 0xc9 },
	{ "Ecirc", 0xca }, { "Ntilde", 0xd1 }, { "Oacute", 0xd3 },
	{ "agrave", 0xe0 }, { "aacute", 0xe1 }, { "acirc", 0xe2 },
	{ "aring", 0xe5 }, { "aelig", 0xe6 }, { "ccedil", 0xe7 },
	{ "egrave", 0xe8 }, { "eacute", 0xe9 }, { "ecirc", 0xea },
	{ "euml", 0xeb }, { "igrave", 0xec }, { "iacute", 0xed },
	{ "icirc", 0xee }, { "iuml", 0xef }, { "ntilde", 0xf1 },
	{ "ograve", 0xf2 }, { "oacute", 0xf3 }, { "ocirc", 0xf4 },
	{ "oslash", 0xf8 }, { "ugrave", 0xf9 }, { "uacute", 0xfa },
	{ "ucirc", 0xfb }, { "yacute", 0xfd }, { "yuml", 0xff },
};

/* An entity at H (after its '&', N bytes left): its code point and the
 * bytes it takes up to and including ';', or 0 when it is not one. */
static size_t entity(const char *h, size_t n, uint32_t *cp)
{
	size_t i = 0;
	while (i < n && i < 12 && h[i] != ';')
		i++;
	if (i >= n || h[i] != ';' || i == 0)
		return 0;
	if (h[0] == '#') {
		uint64_t v = 0;
		size_t k = 1;
		int hex = k < i && (h[k] == 'x' || h[k] == 'X');
		if (hex)
			k++;
		if (k == i)
			return 0;
		for (; k < i; k++) {
			int d = g_ascii_xdigit_value(h[k]);
			if (d < 0 || (!hex && d > 9))
				return 0;
			v = v * (hex ? 16 : 10) + (uint64_t)d;
		}
		if (v == 0 || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
			v = 0xfffd;
		*cp = (uint32_t)v;
		return i + 1;
	}
	for (size_t e = 0; e < G_N_ELEMENTS(entities); e++) {
		if (strlen(entities[e].name) == i &&
		    memcmp(entities[e].name, h, i) == 0) {
			*cp = entities[e].cp;
			return i + 1;
		}
	}
	return 0;
}

static int name_is(const char *name, size_t n, const char *want)
{
	return strlen(want) == n && g_ascii_strncasecmp(name, want, n) == 0;
}

/* The entry of LIST that NAME is, or NULL. */
static const char *name_in(const char *name, size_t n,
			   const char *const *list)
{
	for (; *list; list++)
		if (name_is(name, n, *list))
			return *list;
	return NULL;
}

/* Does the tag text hold NEEDLE, ignoring case? */
static int tag_has(const char *tag, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++)
		if (g_ascii_strncasecmp(tag + i, needle, k) == 0)
			return 1;
	return 0;
}

static const char *const skipped_elements[] = {
	"head", "style", "script", "title", "template", "noscript", NULL
};
static const char *const block_elements[] = {
	"br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6",
	"table", "hr", "ul", "ol", "pre", "dd", "dt", "dl", "section",
	"article", "header", "footer", "center", "form", "address", NULL
};
/* Where mail clients put the quoted history: the text stops there. */
static const char *const quote_markers[] = {
	"gmail_quote", "divRplyFwdMsg", "yahoo_quoted", "appendonsend",
	"OLK_SRC_BODY_SECTION", "moz-forward-container", NULL
};

char *mr_html_text(const char *h, size_t len)
{
	GString *o = g_string_sized_new(len < 4096 ? len + 1 : 4096);
	const char *skip = NULL; /* the element whose content is skipped */
	size_t skip_len = 0;
	int quoted = 0; /* depth of blockquote */
	size_t i = 0;
	while (i < len) {
		char ch = h[i];
		if (ch == '<' && i + 1 < len &&
		    (g_ascii_isalpha(h[i + 1]) || h[i + 1] == '/' ||
		     h[i + 1] == '!' || h[i + 1] == '?')) {
			if (len - i >= 4 && memcmp(h + i, "<!--", 4) == 0) {
				const char *e = g_strstr_len(h + i + 4,
					(gssize)(len - i - 4), "-->");
				i = e ? (size_t)(e - h) + 3 : len;
				continue;
			}
			size_t j = i + 1;
			int closing = h[j] == '/';
			if (closing)
				j++;
			size_t ns = j;
			while (j < len && (g_ascii_isalnum(h[j]) || h[j] == ':'))
				j++;
			const char *name = h + ns;
			size_t nl = j - ns;
			size_t e = j;
			char q = 0;
			for (; e < len; e++) {
				if (q) {
					if (h[e] == q)
						q = 0;
				} else if (h[e] == '"' || h[e] == '\'') {
					q = h[e];
				} else if (h[e] == '>') {
					break;
				}
			}
			const char *tag = h + i;
			size_t tl = e - i;
			i = e < len ? e + 1 : len;
			if (skip) {
				if ((closing && name_is(name, nl, skip)) ||
				    (!closing && name_is(skip, skip_len, "head") &&
				     name_is(name, nl, "body")))
					skip = NULL;
				continue;
			}
			if (!closing && name_in(name, nl, skipped_elements)) {
				skip = name_in(name, nl, skipped_elements);
				skip_len = strlen(skip);
				continue;
			}
			if (!closing) {
				int stop = 0;
				for (const char *const *m = quote_markers; *m; m++)
					if (tag_has(tag, tl, *m))
						stop = 1;
				if (stop)
					break;
			}
			if (name_is(name, nl, "blockquote")) {
				if (!closing)
					quoted++;
				else if (quoted > 0)
					quoted--;
				g_string_append_c(o, '\n');
			} else if (name_in(name, nl, block_elements)) {
				g_string_append_c(o, '\n');
			} else if (name_is(name, nl, "td") || name_is(name, nl, "th")) {
				g_string_append_c(o, ' ');
			}
			continue;
		}
		if (skip || quoted) {
			i++;
			continue;
		}
		if (ch == '&') {
			uint32_t cp;
			size_t n = entity(h + i + 1, len - i - 1, &cp);
			if (n) {
				g_string_append_unichar(o, cp);
				i += n + 1;
				continue;
			}
		}
		if (ch == '\n' || ch == '\r' || ch == '\t')
			ch = ' ';
		g_string_append_c(o, ch);
		i++;
	}
	return g_string_free(o, FALSE);
}

/* --- the snippet ------------------------------------------------------------ */

typedef struct {
	const char *s;
	size_t n;
} line;

static line trim(line l)
{
	while (l.n && (l.s[0] == ' ' || l.s[0] == '\t')) {
		l.s++;
		l.n--;
	}
	while (l.n && (l.s[l.n - 1] == ' ' || l.s[l.n - 1] == '\t'))
		l.n--;
	return l;
}

static int starts(line l, const char *p)
{
	size_t k = strlen(p);
	return l.n >= k && g_ascii_strncasecmp(l.s, p, k) == 0;
}

static int ends(line l, const char *p)
{
	size_t k = strlen(p);
	return l.n >= k && g_ascii_strncasecmp(l.s + l.n - k, p, k) == 0;
}

static int starts_any(line l, const char *const *list)
{
	for (; *list; list++)
		if (starts(l, *list))
			return 1;
	return 0;
}

static int contains_ci(line l, const char *needle)
{
	return tag_has(l.s, l.n, needle);
}

/* "On Mon, 2 Nov 2026, Dana <dana@x> wrote:" and its translations:
 * a line starting so, ending with ':' (up to three lines later), with
 * one of the words between. */
static const char *const attribution_starts[] = {
	"On ", "Am ", "Le ", "El ", "Il ", "Op ", "Den ", "W dniu ", NULL
};
static const char *const attribution_words[] = {
	"wrote", "schrieb", "crit", "escribi\xc3\xb3", "scritto", "geschreven",
	"skrev", "napisa\xc5\x82", NULL
};
/* Outlook's header block: "From: ... / Sent: ..." */
static const char *const header_from[] = {
	"From:", "Von:", "De:", "De :", "Van:", "Da:", "Fra:", "Od:", NULL
};
static const char *const header_sent[] = {
	"Sent:", "Date:", "Gesendet:", "Datum:", "Envoy\xc3\xa9 :",
	"Envoy\xc3\xa9:", "Enviado:", "Enviado el:", "Verzonden:", "Inviato:",
	"Data:", "Sendt:", "Wys\xc5\x82""ano:", NULL
};
static const char *const history_markers[] = {
	"original message", "urspr\xc3\xbcngliche nachricht",
	"message d'origine", "mensaje original", "forwarded message",
	"weitergeleitete nachricht", NULL
};

/* A separator line of dashes or underscores around one of the
 * history markers, or a long line of underscores (Outlook). */
static int history_line(line l)
{
	if (l.n >= 10) {
		size_t u = 0;
		while (u < l.n && l.s[u] == '_')
			u++;
		if (u == l.n)
			return 1;
	}
	if (l.n < 3 || (l.s[0] != '-' && l.s[0] != '_' && l.s[0] != '='))
		return 0;
	for (const char *const *m = history_markers; *m; m++)
		if (contains_ci(l, *m))
			return 1;
	return 0;
}

char *mr_snippet(const char *text, size_t len)
{
	char *clean = mr_clean(text, len, 0, MR_LINES, NULL);
	GString *kept = g_string_new(NULL);
	char *p = clean;
	/* the lines, as spans of CLEAN */
	GArray *ls = g_array_new(FALSE, FALSE, sizeof(line));
	for (;;) {
		char *nl = strchr(p, '\n');
		line l = { p, nl ? (size_t)(nl - p) : strlen(p) };
		g_array_append_val(ls, l);
		if (!nl)
			break;
		p = nl + 1;
	}
	size_t n = ls->len;
	for (size_t i = 0; i < n; i++) {
		line l = trim(g_array_index(ls, line, i));
		if (l.n && l.s[0] == '>')
			continue; /* quoted */
		if (l.n == 2 && memcmp(l.s, "--", 2) == 0)
			break; /* the signature ("-- ", trimmed) */
		if (history_line(l))
			break;
		if (starts_any(l, header_from)) {
			int found = 0;
			for (size_t k = i + 1; k < n && k <= i + 4 && !found; k++)
				found = starts_any(trim(g_array_index(ls, line, k)),
						   header_sent);
			if (found)
				break;
		}
		if (starts_any(l, attribution_starts)) {
			/* the attribution may wrap over three lines; it is
			 * one when quoted lines or nothing follow it */
			size_t k = i, end = 0;
			int word = 0;
			for (; k < n && k <= i + 2; k++) {
				line m = trim(g_array_index(ls, line, k));
				if (m.n == 0)
					break;
				for (const char *const *w = attribution_words; *w; w++)
					word |= contains_ci(m, *w);
				if (word && ends(m, ":")) {
					end = k + 1;
					break;
				}
			}
			if (end) {
				size_t f = end;
				while (f < n && trim(g_array_index(ls, line, f)).n == 0)
					f++;
				line next = f < n ? trim(g_array_index(ls, line, f))
						  : (line){ "", 0 };
				if (f == n || (next.n && next.s[0] == '>')) {
					i = end - 1;
					continue;
				}
			}
		}
		g_string_append_len(kept, l.s, (gssize)l.n);
		g_string_append_c(kept, '\n');
	}
	int cut;
	char *out = mr_clean(kept->str, kept->len, MR_MAX_SNIPPET, MR_LINE, &cut);
	g_array_free(ls, TRUE);
	g_string_free(kept, TRUE);
	g_free(clean);
	if (!*out) {
		g_free(out);
		return NULL;
	}
	if (cut) {
		/* room for the ellipsis; end at a word when one ends near */
		char *end = g_utf8_offset_to_pointer(out, MR_MAX_SNIPPET - 1);
		*end = '\0';
		char *sp = strrchr(out, ' ');
		if (sp && g_utf8_pointer_to_offset(out, sp) >= MR_MAX_SNIPPET - 60)
			*sp = '\0';
		char *e = g_strconcat(out, "\xe2\x80\xa6", NULL);
		g_free(out);
		out = e;
	}
	return out;
}

/* A warning about the current message (mailread.h): cleaned to one
 * line of 300 bytes at most, and 20 at most a message. */
void mr_warn(mr_ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	char *clean = mr_clean(m, strlen(m), 300, MR_LINE, NULL);
	g_free(m);
	if (!c->warnings)
		c->warnings = cJSON_CreateArray();
	if (cJSON_GetArraySize(c->warnings) < 20)
		cJSON_AddItemToArray(c->warnings, cJSON_CreateString(clean));
	g_free(clean);
}
