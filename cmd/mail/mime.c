/*
 * mime.c - a message's fields, through GMime: the headers fu matches on
 * (decoded from RFC 2047 in any charset, addresses lower-cased, ids
 * without their angle brackets), a digest of them for messages without
 * a Message-ID, and in full mode the snippet of its text and its
 * calendar part.
 */
#include <string.h>

#include <gmime/gmime.h>

#include "mailread.h"

static GMimeParserOptions *popts;

/* Tried in turn on 8-bit text that declares no charset: ISO-8859-1
 * converts any byte, so something always comes out. */
static const char *fallback_charsets[] = {
	"UTF-8", "windows-1252", "iso-8859-1", NULL
};

static void quiet_log(const gchar *domain, GLogLevelFlags level,
		      const gchar *message, gpointer data)
{
	/* GLib's and GMime's own complaints about hostile input would
	 * reach the terminal raw: the records say what went wrong */
	(void)domain;
	(void)level;
	(void)message;
	(void)data;
}

static GLogWriterOutput quiet_writer(GLogLevelFlags level,
				     const GLogField *fields, gsize n,
				     gpointer data)
{
	(void)level;
	(void)fields;
	(void)n;
	(void)data;
	return G_LOG_WRITER_HANDLED;
}

void mr_mime_init(void)
{
	if (popts)
		return;
	g_log_set_default_handler(quiet_log, NULL);
	g_log_set_writer_func(quiet_writer, NULL, NULL);
	g_mime_init();
	popts = g_mime_parser_options_new();
	g_mime_parser_options_set_rfc2047_compliance_mode(popts,
		GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_address_compliance_mode(popts,
		GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_parameter_compliance_mode(popts,
		GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_fallback_charsets(popts, fallback_charsets);
}

void mr_mime_shutdown(void)
{
	if (!popts)
		return;
	g_mime_parser_options_free(popts);
	popts = NULL;
	g_mime_shutdown();
}

size_t mr_header_end(const char *buf, size_t len, int complete)
{
	size_t i = 0;
	while (i < len) {
		/* buf + i starts a line */
		if (buf[i] == '\n')
			return i + 1;
		if (buf[i] == '\r' && i + 1 < len && buf[i + 1] == '\n')
			return i + 2;
		const char *nl = memchr(buf + i, '\n', len - i);
		if (!nl)
			break;
		i = (size_t)(nl - buf) + 1;
	}
	return complete ? len : 0;
}

/* --- fields -------------------------------------------------------------- */

/* An identifier (Message-ID, reference, address): a copy when it is
 * printable UTF-8 without white space and at most MAX bytes, else NULL
 * and a warning naming WHAT. */
static char *clean_id(mr_ctx *c, const char *s, size_t max, const char *what)
{
	if (!s || !*s)
		return NULL;
	size_t len = strlen(s);
	if (len > max) {
		mr_warn(c, "%s of %zu bytes ignored (at most %zu)", what, len,
			max);
		return NULL;
	}
	char *clean = mr_clean(s, len, 0, 0, NULL);
	int ok = strcmp(clean, s) == 0 && !strpbrk(clean, " \t\n");
	if (!ok) {
		mr_warn(c, "%s with control characters, white space or "
			"invalid UTF-8 ignored", what);
		g_free(clean);
		return NULL;
	}
	return clean;
}

static void add_string(cJSON *o, const char *key, char *s)
{
	if (s && *s)
		cJSON_AddStringToObject(o, key, s);
	else
		cJSON_AddNullToObject(o, key);
	g_free(s);
}

static void add_line(cJSON *o, const char *key, const char *s, size_t max)
{
	add_string(o, key, s ? mr_clean(s, strlen(s), max, MR_LINE, NULL) : NULL);
}

static void add_mailbox(mr_ctx *c, cJSON *arr, InternetAddress *ia,
			int depth)
{
	if (cJSON_GetArraySize(arr) >= MR_MAX_ADDRS)
		return;
	if (INTERNET_ADDRESS_IS_GROUP(ia)) {
		InternetAddressList *m = internet_address_group_get_members(
			INTERNET_ADDRESS_GROUP(ia));
		for (int i = 0; m && depth < 2 &&
				i < internet_address_list_length(m); i++)
			add_mailbox(c, arr, internet_address_list_get_address(m, i),
				    depth + 1);
		return;
	}
	if (!INTERNET_ADDRESS_IS_MAILBOX(ia))
		return;
	const char *addr = internet_address_mailbox_get_addr(
		INTERNET_ADDRESS_MAILBOX(ia));
	char *a = clean_id(c, addr, MR_MAX_ADDR_BYTES, "address");
	if (!a)
		return;
	char *lower = g_utf8_strdown(a, -1);
	g_free(a);
	cJSON *o = cJSON_CreateObject();
	add_line(o, "name", internet_address_get_name(ia), MR_MAX_NAME);
	add_string(o, "address", lower);
	cJSON_AddItemToArray(arr, o);
}

static cJSON *address_list(mr_ctx *c, InternetAddressList *l)
{
	cJSON *arr = cJSON_CreateArray();
	for (int i = 0; l && i < internet_address_list_length(l); i++)
		add_mailbox(c, arr, internet_address_list_get_address(l, i), 0);
	return arr;
}

/* The first mailbox of a list, or null. */
static void add_first(mr_ctx *c, cJSON *rec, const char *key,
		      InternetAddressList *l)
{
	cJSON *arr = address_list(c, l);
	cJSON *first = cJSON_DetachItemFromArray(arr, 0);
	cJSON_Delete(arr);
	cJSON_AddItemToObject(rec, key, first ? first : cJSON_CreateNull());
}

static const char *raw_header(GMimeHeaderList *hl, const char *name)
{
	GMimeHeader *h = g_mime_header_list_get_header(hl, name);
	return h ? g_mime_header_get_raw_value(h) : NULL;
}

/* Message ids of In-Reply-To or References: each checked, at most
 * MR_MAX_REFS (the first and the latest). */
static cJSON *id_list(mr_ctx *c, GMimeHeaderList *hl, const char *name)
{
	cJSON *arr = cJSON_CreateArray();
	const char *raw = raw_header(hl, name);
	if (!raw)
		return arr;
	GMimeReferences *refs = g_mime_references_parse(popts, raw);
	int n = refs ? g_mime_references_length(refs) : 0;
	for (int i = 0; i < n; i++) {
		if (n > MR_MAX_REFS && i > 0 && i < n - (MR_MAX_REFS - 1))
			continue;
		char *id = clean_id(c, g_mime_references_get_message_id(refs, i),
				    MR_MAX_ID_BYTES, name);
		if (id)
			cJSON_AddItemToArray(arr, cJSON_CreateString(id));
		g_free(id);
	}
	if (refs)
		g_mime_references_free(refs);
	return arr;
}

/* Headers that tell notifications, lists and robots from people. */
static const char *const hint_headers[] = {
	"List-Id", "List-Unsubscribe", "List-Post", "Auto-Submitted",
	"Precedence", "X-Auto-Response-Suppress", "X-Autoreply",
	"X-Autorespond", "X-Mailer", "User-Agent", "Feedback-ID",
	"Return-Path", "X-LinkedIn-Class", "X-LinkedIn-Template",
	"X-MS-Exchange-Generated-Message-Source", NULL
};

static cJSON *hints(GMimeHeaderList *hl)
{
	cJSON *o = cJSON_CreateObject();
	for (const char *const *h = hint_headers; *h; h++) {
		GMimeHeader *hd = g_mime_header_list_get_header(hl, *h);
		const char *v = hd ? g_mime_header_get_value(hd) : NULL;
		if (!v)
			continue;
		char *key = g_ascii_strdown(*h, -1);
		char *val = mr_clean(v, strlen(v), MR_MAX_HINT, MR_LINE, NULL);
		cJSON_AddStringToObject(o, key, val);
		g_free(key);
		g_free(val);
	}
	return o;
}

/* The headers that identify a message, raw, white space collapsed: the
 * same message gives the same digest from a Maildir and an mbox (which
 * adds Status: and X-Status:), with CRLF or LF line ends. */
static const char *const digest_headers[] = {
	"Date", "From", "Sender", "To", "Cc", "Subject", "In-Reply-To",
	"References", NULL
};

static char *digest(GMimeHeaderList *hl)
{
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
	for (const char *const *h = digest_headers; *h; h++) {
		const char *raw = raw_header(hl, *h);
		if (!raw)
			continue;
		char *lower = g_ascii_strdown(*h, -1);
		g_checksum_update(sum, (const guchar *)lower, (gssize)strlen(lower));
		g_checksum_update(sum, (const guchar *)":", 1);
		g_free(lower);
		int space = 0, any = 0;
		for (const char *p = raw; *p; p++) {
			if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
				space = 1;
				continue;
			}
			if (space && any)
				g_checksum_update(sum, (const guchar *)" ", 1);
			space = 0;
			any = 1;
			g_checksum_update(sum, (const guchar *)p, 1);
		}
		g_checksum_update(sum, (const guchar *)"\n", 1);
	}
	char *hex = g_strdup(g_checksum_get_string(sum));
	g_checksum_free(sum);
	return hex;
}

static void add_date(cJSON *rec, GMimeMessage *m)
{
	GDateTime *d = g_mime_message_get_date(m);
	gint64 t = d ? g_date_time_to_unix(d) : -1;
	/* 1970 to 9999: mail from before is a broken clock */
	if (!d || t < 0 || t > INT64_C(253402300799)) {
		cJSON_AddNullToObject(rec, "date");
		cJSON_AddNullToObject(rec, "date_offset");
		return;
	}
	cJSON_AddNumberToObject(rec, "date", (double)t);
	cJSON_AddNumberToObject(rec, "date_offset",
		(double)(g_date_time_get_utc_offset(d) / G_TIME_SPAN_MINUTE));
}

/* --- bodies -------------------------------------------------------------- */

typedef struct {
	GMimePart *plain, *html, *calendar, *ics;
} parts;

static int is_ics_name(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	return n > 4 && g_ascii_strcasecmp(name + n - 4, ".ics") == 0;
}

static void walk(GMimeObject *o, parts *f, int depth)
{
	if (depth > 64)
		return;
	if (GMIME_IS_MULTIPART(o)) {
		GMimeMultipart *mp = GMIME_MULTIPART(o);
		int n = g_mime_multipart_get_count(mp);
		for (int i = 0; i < n; i++)
			walk(g_mime_multipart_get_part(mp, i), f, depth + 1);
		return;
	}
	/* a forwarded message (message/rfc822) is someone else's words */
	if (!GMIME_IS_PART(o))
		return;
	GMimePart *p = GMIME_PART(o);
	GMimeContentType *ct = g_mime_object_get_content_type(o);
	if (g_mime_content_type_is_type(ct, "text", "calendar")) {
		if (!f->calendar)
			f->calendar = p;
		return;
	}
	if (g_mime_content_type_is_type(ct, "application", "ics") ||
	    is_ics_name(g_mime_part_get_filename(p))) {
		if (!f->ics)
			f->ics = p;
		return;
	}
	if (g_mime_part_is_attachment(p))
		return;
	if (g_mime_content_type_is_type(ct, "text", "plain") && !f->plain)
		f->plain = p;
	else if (g_mime_content_type_is_type(ct, "text", "html") && !f->html)
		f->html = p;
}

static int is_utf8_name(const char *cs)
{
	return !g_ascii_strcasecmp(cs, "utf-8") || !g_ascii_strcasecmp(cs, "utf8") ||
	       !g_ascii_strcasecmp(cs, "us-ascii") || !g_ascii_strcasecmp(cs, "ascii");
}

/* The decoded content of a part as UTF-8, at most CAP bytes read
 * (*over set when there was more): transfer encoding undone, charset
 * converted; text in an unknown charset or none is tried as UTF-8,
 * then windows-1252, then ISO-8859-1. NULL when it has no content. */
static char *part_text(GMimePart *p, size_t cap, size_t *len, int *over)
{
	GMimeDataWrapper *dw = g_mime_part_get_content(p);
	*len = 0;
	*over = 0;
	if (!dw)
		return NULL;
	GMimeStream *raw = g_mime_data_wrapper_get_stream(dw);
	if (!raw)
		return NULL;
	g_mime_stream_reset(raw);
	GMimeStream *fs = g_mime_stream_filter_new(raw);
	GMimeContentEncoding enc = g_mime_data_wrapper_get_encoding(dw);
	if (enc == GMIME_CONTENT_ENCODING_BASE64 ||
	    enc == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
	    enc == GMIME_CONTENT_ENCODING_UUENCODE) {
		GMimeFilter *f = g_mime_filter_basic_new(enc, FALSE);
		g_mime_stream_filter_add(GMIME_STREAM_FILTER(fs), f);
		g_object_unref(f);
	}
	const char *cs = g_mime_object_get_content_type_parameter(
		GMIME_OBJECT(p), "charset");
	int converted = 0;
	if (cs && !is_utf8_name(cs)) {
		GMimeFilter *f = g_mime_filter_charset_new(cs, "UTF-8");
		if (f) {
			g_mime_stream_filter_add(GMIME_STREAM_FILTER(fs), f);
			g_object_unref(f);
			converted = 1;
		}
	}
	char *buf = g_malloc(cap + 1);
	size_t n = 0;
	while (n < cap + 1) {
		ssize_t r = g_mime_stream_read(fs, buf + n, cap + 1 - n);
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	g_object_unref(fs);
	g_mime_stream_reset(raw);
	if (n > cap) {
		n = cap;
		*over = 1;
	}
	buf[n] = '\0';
	if (!converted && !g_utf8_validate(buf, (gssize)n, NULL)) {
		char *u = g_mime_utils_decode_8bit(popts, buf, n);
		g_free(buf);
		buf = u;
		n = strlen(u);
	}
	*len = n;
	return buf;
}

static char *snippet_of(GMimePart *plain, GMimePart *html)
{
	size_t n;
	int over;
	char *s = NULL;
	if (plain) {
		char *t = part_text(plain, MR_MAX_TEXT, &n, &over);
		if (t)
			s = mr_snippet(t, n);
		g_free(t);
	}
	if (!s && html) {
		char *h = part_text(html, MR_MAX_HTML, &n, &over);
		if (h) {
			char *t = mr_html_text(h, n);
			s = mr_snippet(t, strlen(t));
			g_free(t);
		}
		g_free(h);
	}
	return s;
}

static cJSON *calendar_of(mr_ctx *c, GMimePart *p)
{
	size_t n;
	int over;
	char *t = part_text(p, MR_MAX_ICS, &n, &over);
	cJSON *cal = NULL;
	if (over)
		mr_warn(c, "calendar part larger than %d KiB ignored",
			MR_MAX_ICS / 1024);
	else if (t)
		cal = mr_calendar(c, t, n);
	g_free(t);
	return cal;
}

/* --- the message ---------------------------------------------------------- */

int mr_parse_message(mr_ctx *c, cJSON *rec, const char *buf, size_t len,
		     int headers_only, const char **why)
{
	GMimeStream *st = g_mime_stream_mem_new_with_buffer(buf, len);
	GMimeParser *ps = g_mime_parser_new_with_stream(st);
	g_mime_parser_set_format(ps, GMIME_FORMAT_MESSAGE);
	g_mime_parser_set_persist_stream(ps, TRUE);
	GMimeMessage *m = g_mime_parser_construct_message(ps, popts);
	g_object_unref(ps);
	g_object_unref(st);
	if (!m) {
		*why = "not a mail message";
		return -1;
	}
	GMimeHeaderList *hl = g_mime_object_get_header_list(GMIME_OBJECT(m));
	if (!g_mime_header_list_contains(hl, "From") &&
	    !g_mime_header_list_contains(hl, "Date") &&
	    !g_mime_header_list_contains(hl, "Message-ID")) {
		g_object_unref(m);
		*why = "not a mail message (no From, Date or Message-ID header)";
		return -1;
	}

	const char *mid_raw = raw_header(hl, "Message-ID");
	char *mid = NULL;
	if (mid_raw && strlen(mid_raw) > 2 * MR_MAX_ID_BYTES)
		mr_warn(c, "Message-ID of %zu bytes ignored (at most %d)",
			strlen(mid_raw), MR_MAX_ID_BYTES);
	else
		mid = clean_id(c, g_mime_message_get_message_id(m),
			       MR_MAX_ID_BYTES, "Message-ID");
	add_string(rec, "message_id", mid);
	add_string(rec, "digest", digest(hl));
	add_date(rec, m);
	add_first(c, rec, "from", g_mime_message_get_from(m));
	add_first(c, rec, "sender", g_mime_message_get_sender(m));
	cJSON_AddItemToObject(rec, "reply_to",
		address_list(c, g_mime_message_get_reply_to(m)));
	cJSON_AddItemToObject(rec, "to", address_list(c,
		g_mime_message_get_addresses(m, GMIME_ADDRESS_TYPE_TO)));
	cJSON_AddItemToObject(rec, "cc", address_list(c,
		g_mime_message_get_addresses(m, GMIME_ADDRESS_TYPE_CC)));
	add_line(rec, "subject", g_mime_message_get_subject(m), MR_MAX_SUBJECT);
	cJSON_AddItemToObject(rec, "in_reply_to", id_list(c, hl, "In-Reply-To"));
	cJSON_AddItemToObject(rec, "references", id_list(c, hl, "References"));
	cJSON_AddItemToObject(rec, "hints", hints(hl));

	GMimeObject *body = g_mime_message_get_mime_part(m);
	char *type = NULL;
	if (body) {
		char *t = g_mime_content_type_get_mime_type(
			g_mime_object_get_content_type(body));
		type = t ? mr_clean(t, strlen(t), 100, MR_LINE, NULL) : NULL;
		g_free(t);
		if (type) {
			char *l = g_ascii_strdown(type, -1);
			g_free(type);
			type = l;
		}
	}
	add_string(rec, "content_type", type);

	if (!headers_only) {
		parts f = { 0 };
		if (body)
			walk(body, &f, 0);
		add_string(rec, "snippet", snippet_of(f.plain, f.html));
		GMimePart *calp = f.calendar ? f.calendar : f.ics;
		cJSON *cal = calp ? calendar_of(c, calp) : NULL;
		cJSON_AddItemToObject(rec, "calendar", cal ? cal : cJSON_CreateNull());
	}
	g_object_unref(m);
	return 0;
}
