/* SPDX-License-Identifier: MIT */
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

/* The header fields read, each from its raw value through GMime's own
 * decoders (the ones its message parser uses). The first nine make the
 * digest, in this order. */
enum {
	H_MESSAGE_ID, H_DATE, H_FROM, H_SENDER, H_TO, H_CC, H_SUBJECT,
	H_IN_REPLY_TO, H_REFERENCES, H_DIGEST_END = H_REFERENCES,
	H_REPLY_TO, H_CONTENT_TYPE, H_HINTS
};
static const char *const header_names[] = {
	"Message-ID", "Date", "From", "Sender", "To", "Cc", "Subject",
	"In-Reply-To", "References", "Reply-To", "Content-Type",
	/* hints: what tells robots and lists from people */
	"List-Id", "List-Unsubscribe", "List-Post", "Auto-Submitted",
	"Precedence", "X-Auto-Response-Suppress", "X-Autoreply",
	"X-Autorespond", "X-Mailer", "User-Agent", "Feedback-ID",
	"Return-Path", "X-LinkedIn-Class", "X-LinkedIn-Template",
	"X-MS-Exchange-Generated-Message-Source",
};
#define N_HEADERS G_N_ELEMENTS(header_names)
/* occurrences kept of one field (address fields use them all) */
#define MAX_OCCURRENCES 100

typedef struct {
	GPtrArray *raw[N_HEADERS]; /* raw values (after the colon), or NULL */
} header_block;

static int header_index(const char *name, size_t n)
{
	for (size_t i = 0; i < N_HEADERS; i++)
		if (strlen(header_names[i]) == n &&
		    g_ascii_strncasecmp(header_names[i], name, n) == 0)
			return (int)i;
	return -1;
}

/* Split the header block BUF (LEN bytes, up to its empty line) into the
 * fields read. A line without a colon is not a field and is passed over;
 * a continuation line belongs to the field above. */
static void split_headers(header_block *hb, const char *buf, size_t len)
{
	memset(hb, 0, sizeof *hb);
	size_t i = 0;
	while (i < len) {
		const char *l = buf + i;
		if (l[0] == '\n' || (l[0] == '\r' && i + 1 < len && l[1] == '\n'))
			break;
		/* the field: this line and the folded ones after it */
		size_t end = i;
		for (;;) {
			const char *nl = memchr(buf + end, '\n', len - end);
			end = nl ? (size_t)(nl - buf) + 1 : len;
			if (end >= len || (buf[end] != ' ' && buf[end] != '\t'))
				break;
		}
		const char *colon = memchr(l, ':', end - i);
		if (colon && l[0] != ' ' && l[0] != '\t') {
			size_t n = (size_t)(colon - l);
			while (n && (l[n - 1] == ' ' || l[n - 1] == '\t'))
				n--;
			int h = header_index(l, n);
			if (h >= 0) {
				if (!hb->raw[h])
					hb->raw[h] = g_ptr_array_new_with_free_func(g_free);
				size_t vlen = end - (size_t)(colon + 1 - buf);
				while (vlen && (colon[vlen] == '\n' || colon[vlen] == '\r'))
					vlen--;
				if (hb->raw[h]->len < MAX_OCCURRENCES)
					g_ptr_array_add(hb->raw[h], g_strndup(colon + 1, vlen));
			}
		}
		i = end;
	}
}

static void free_headers(header_block *hb)
{
	for (size_t i = 0; i < N_HEADERS; i++)
		if (hb->raw[i])
			g_ptr_array_free(hb->raw[i], TRUE);
}

/* The first raw value of a field, or NULL. */
static const char *raw1(const header_block *hb, int h)
{
	return hb->raw[h] ? hb->raw[h]->pdata[0] : NULL;
}

/* The decoded value of a field: unfolded, RFC 2047 decoded, 8-bit text
 * in the fallback charsets. g_free() it. */
static char *decoded(const header_block *hb, int h)
{
	const char *raw = raw1(hb, h);
	if (!raw)
		return NULL;
	char *u = g_mime_utils_header_unfold(raw);
	char *d = g_mime_utils_header_decode_text(popts, u);
	g_free(u);
	return d;
}

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

/* The mailboxes of every occurrence of an address field. */
static cJSON *address_list(mr_ctx *c, const header_block *hb, int h)
{
	cJSON *arr = cJSON_CreateArray();
	for (guint k = 0; hb->raw[h] && k < hb->raw[h]->len; k++) {
		InternetAddressList *l = internet_address_list_parse(popts,
			hb->raw[h]->pdata[k]);
		for (int i = 0; l && i < internet_address_list_length(l); i++)
			add_mailbox(c, arr, internet_address_list_get_address(l, i), 0);
		if (l)
			g_object_unref(l);
	}
	return arr;
}

/* The first mailbox of a field, or null. */
static void add_first(mr_ctx *c, cJSON *rec, const char *key,
		      const header_block *hb, int h)
{
	cJSON *arr = address_list(c, hb, h);
	cJSON *first = cJSON_DetachItemFromArray(arr, 0);
	cJSON_Delete(arr);
	cJSON_AddItemToObject(rec, key, first ? first : cJSON_CreateNull());
}

/* Message ids of In-Reply-To or References: each checked, at most
 * MR_MAX_REFS (the first and the latest). */
static cJSON *id_list(mr_ctx *c, const header_block *hb, int h)
{
	cJSON *arr = cJSON_CreateArray();
	const char *raw = raw1(hb, h);
	if (!raw)
		return arr;
	GMimeReferences *refs = g_mime_references_parse(popts, raw);
	int n = refs ? g_mime_references_length(refs) : 0;
	for (int i = 0; i < n; i++) {
		if (n > MR_MAX_REFS && i > 0 && i < n - (MR_MAX_REFS - 1))
			continue;
		char *id = clean_id(c, g_mime_references_get_message_id(refs, i),
				    MR_MAX_ID_BYTES, header_names[h]);
		if (id)
			cJSON_AddItemToArray(arr, cJSON_CreateString(id));
		g_free(id);
	}
	if (refs)
		g_mime_references_free(refs);
	return arr;
}

static cJSON *hints(const header_block *hb)
{
	cJSON *o = cJSON_CreateObject();
	for (int h = H_HINTS; h < (int)N_HEADERS; h++) {
		char *v = decoded(hb, h);
		if (!v)
			continue;
		char *key = g_ascii_strdown(header_names[h], -1);
		char *val = mr_clean(v, strlen(v), MR_MAX_HINT, MR_LINE, NULL);
		cJSON_AddStringToObject(o, key, val);
		g_free(key);
		g_free(val);
		g_free(v);
	}
	return o;
}

/* SHA-256 of the fields that identify a message, raw, each as
 * "name:words one space apart\n": the same message gives the same
 * digest from a Maildir and an mbox (which adds Status: and X-Status:),
 * with CRLF or LF line ends. */
static char *digest(const header_block *hb)
{
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
	for (int h = 0; h <= H_DIGEST_END; h++) {
		const char *raw = raw1(hb, h);
		if (!raw)
			continue;
		char *lower = g_ascii_strdown(header_names[h], -1);
		g_checksum_update(sum, (const guchar *)lower, (gssize)strlen(lower));
		g_checksum_update(sum, (const guchar *)":", 1);
		g_free(lower);
		const char *p = raw;
		int any = 0;
		for (;;) {
			p += strspn(p, " \t\r\n");
			size_t n = strcspn(p, " \t\r\n");
			if (n == 0)
				break;
			if (any)
				g_checksum_update(sum, (const guchar *)" ", 1);
			g_checksum_update(sum, (const guchar *)p, (gssize)n);
			any = 1;
			p += n;
		}
		g_checksum_update(sum, (const guchar *)"\n", 1);
	}
	char *hex = g_strdup(g_checksum_get_string(sum));
	g_checksum_free(sum);
	return hex;
}

static void add_date(cJSON *rec, const header_block *hb)
{
	char *v = decoded(hb, H_DATE);
	GDateTime *d = v ? g_mime_utils_header_decode_date(v) : NULL;
	g_free(v);
	gint64 t = d ? g_date_time_to_unix(d) : -1;
	/* 1970 to 9999: mail from before is a broken clock */
	if (!d || t < 0 || t > INT64_C(253402300799)) {
		cJSON_AddNullToObject(rec, "date");
		cJSON_AddNullToObject(rec, "date_offset");
	} else {
		cJSON_AddNumberToObject(rec, "date", (double)t);
		cJSON_AddNumberToObject(rec, "date_offset",
			(double)(g_date_time_get_utc_offset(d) / G_TIME_SPAN_MINUTE));
	}
	if (d)
		g_date_time_unref(d);
}

static void add_message_id(mr_ctx *c, cJSON *rec, const header_block *hb)
{
	const char *raw = raw1(hb, H_MESSAGE_ID);
	char *mid = NULL;
	if (raw && strlen(raw) > 2 * MR_MAX_ID_BYTES) {
		mr_warn(c, "Message-ID of %zu bytes ignored (at most %d)",
			strlen(raw), MR_MAX_ID_BYTES);
	} else if (raw) {
		char *u = g_mime_utils_header_unfold(raw);
		char *id = g_mime_utils_decode_message_id(u);
		mid = clean_id(c, id, MR_MAX_ID_BYTES, "Message-ID");
		g_free(id);
		g_free(u);
	}
	add_string(rec, "message_id", mid);
}

/* The body's type, "text/plain" when the message does not say. */
static void add_content_type(cJSON *rec, const header_block *hb)
{
	char *v = decoded(hb, H_CONTENT_TYPE);
	char *type = NULL;
	if (v) {
		GMimeContentType *ct = g_mime_content_type_parse(popts, v);
		char *t = ct ? g_mime_content_type_get_mime_type(ct) : NULL;
		if (t) {
			char *l = g_ascii_strdown(t, -1);
			type = mr_clean(l, strlen(l), 100, MR_LINE, NULL);
			g_free(l);
		}
		g_free(t);
		if (ct)
			g_object_unref(ct);
		g_free(v);
	}
	add_string(rec, "content_type", type ? type : g_strdup("text/plain"));
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
 * then windows-1252, then ISO-8859-1; invalid UTF-8 in text declared
 * UTF-8 is left for mr_clean(). NULL when it has no content. */
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
	/* text that says it is UTF-8 keeps its good characters (a bad
	 * byte becomes U+FFFD later); text that does not say, or names a
	 * charset iconv does not know, gets the best fallback */
	if (!converted && !(cs && is_utf8_name(cs)) &&
	    !g_utf8_validate(buf, (gssize)n, NULL)) {
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
	header_block hb;
	split_headers(&hb, buf, mr_header_end(buf, len, 1));
	if (!hb.raw[H_FROM] && !hb.raw[H_DATE] && !hb.raw[H_MESSAGE_ID]) {
		free_headers(&hb);
		*why = "not a mail message (no From, Date or Message-ID header)";
		return -1;
	}
	add_message_id(c, rec, &hb);
	add_string(rec, "digest", digest(&hb));
	add_date(rec, &hb);
	add_first(c, rec, "from", &hb, H_FROM);
	add_first(c, rec, "sender", &hb, H_SENDER);
	cJSON_AddItemToObject(rec, "reply_to", address_list(c, &hb, H_REPLY_TO));
	cJSON_AddItemToObject(rec, "to", address_list(c, &hb, H_TO));
	cJSON_AddItemToObject(rec, "cc", address_list(c, &hb, H_CC));
	char *subject = decoded(&hb, H_SUBJECT);
	add_line(rec, "subject", subject, MR_MAX_SUBJECT);
	g_free(subject);
	cJSON_AddItemToObject(rec, "in_reply_to", id_list(c, &hb, H_IN_REPLY_TO));
	cJSON_AddItemToObject(rec, "references", id_list(c, &hb, H_REFERENCES));
	cJSON_AddItemToObject(rec, "hints", hints(&hb));
	add_content_type(rec, &hb);
	free_headers(&hb);
	if (headers_only)
		return 0;

	/* the body, through GMime's MIME parser */
	GMimeStream *st = g_mime_stream_mem_new_with_buffer(buf, len);
	GMimeParser *ps = g_mime_parser_new_with_stream(st);
	g_mime_parser_set_format(ps, GMIME_FORMAT_MESSAGE);
	g_mime_parser_set_persist_stream(ps, TRUE);
	GMimeMessage *m = g_mime_parser_construct_message(ps, popts);
	g_object_unref(ps);
	g_object_unref(st);
	parts f = { 0 };
	GMimeObject *body = m ? g_mime_message_get_mime_part(m) : NULL;
	if (body)
		walk(body, &f, 0);
	add_string(rec, "snippet", snippet_of(f.plain, f.html));
	GMimePart *calp = f.calendar ? f.calendar : f.ics;
	cJSON *cal = calp ? calendar_of(c, calp) : NULL;
	cJSON_AddItemToObject(rec, "calendar", cal ? cal : cJSON_CreateNull());
	if (m)
		g_object_unref(m);
	return 0;
}
