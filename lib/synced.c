/* SPDX-License-Identifier: MIT */
/*
 * synced.c - what fu sync carries between machines, declared in one
 * place: the synced tables, each column's way of travelling and what
 * its value must be, and the configuration keys that stay on their
 * machine. Capture (changes.c), the change files (changefile.c) and
 * apply (merge.c) all read this table; nothing else decides what is
 * synced.
 *
 * A new table that holds the user's own records joins the list below,
 * with every column declared (tests/test_sync.c checks that every
 * column of every synced table is, and that every table of the schema
 * is either synced or named in fu__sync_local_tables), after the tables
 * it refers to. A column that holds a number of another synced table is
 * FU__SC_REF: it travels as that record's identifier. What is derived
 * from the records (the actions owed, the marks, the stamp) or belongs
 * to one machine is never synced.
 */
#include <stdio.h>
#include <string.h>

#include "fu/uuid.h"
#include "internal.h"

#define COL(name, how, check, flags, ref) { name, how, check, flags, ref }
#define K FU__SF_KEY
#define R FU__SF_REQUIRED

static const fu__sync_col companies_cols[] = {
	COL("id", FU__SC_LOCAL, 0, 0, NULL),
	COL("name", FU__SC_VALUE, FU__SV_NAME, R, NULL),
	COL("created_at", FU__SC_VALUE, FU__SV_TIME, R, NULL),
	COL("uuid", FU__SC_UUID, FU__SV_UUID, 0, NULL),
	/* the name folded, kept beside it here (merge.c refolds) */
	COL("fold", FU__SC_LOCAL, 0, 0, NULL),
};

static const fu__sync_col contacts_cols[] = {
	COL("id", FU__SC_LOCAL, 0, 0, NULL),
	COL("name", FU__SC_VALUE, FU__SV_NAME, R, NULL),
	COL("company_id", FU__SC_REF, FU__SV_UUID, 0, "companies"),
	COL("title", FU__SC_VALUE, FU__SV_FIELD, 0, NULL),
	COL("email", FU__SC_VALUE, FU__SV_FIELD, 0, NULL),
	COL("phone", FU__SC_VALUE, FU__SV_FIELD, 0, NULL),
	COL("address", FU__SC_VALUE, FU__SV_LINES, 0, NULL),
	COL("prefers", FU__SC_VALUE, FU__SV_PREFERS, 0, NULL),
	COL("no_calls", FU__SC_VALUE, FU__SV_BOOL, R, NULL),
	COL("social_ok", FU__SC_VALUE, FU__SV_BOOL, R, NULL),
	COL("notes", FU__SC_VALUE, FU__SV_NOTE, 0, NULL),
	COL("created_at", FU__SC_VALUE, FU__SV_TIME, R, NULL),
	COL("uuid", FU__SC_UUID, FU__SV_UUID, 0, NULL),
	/* the name folded, kept beside it here (merge.c refolds) */
	COL("fold", FU__SC_LOCAL, 0, 0, NULL),
};

static const fu__sync_col applications_cols[] = {
	COL("id", FU__SC_LOCAL, 0, 0, NULL),
	COL("company_id", FU__SC_REF, FU__SV_UUID, R, "companies"),
	COL("role", FU__SC_VALUE, FU__SV_NAME, R, NULL),
	COL("source", FU__SC_VALUE, FU__SV_SOURCE, 0, NULL),
	COL("url", FU__SC_VALUE, FU__SV_URL, 0, NULL),
	COL("notes", FU__SC_VALUE, FU__SV_NOTE, 0, NULL),
	COL("no_calls", FU__SC_VALUE, FU__SV_BOOL, R, NULL),
	COL("no_follow_up", FU__SC_VALUE, FU__SV_BOOL, R, NULL),
	/* derived from the closed events (applications.c) */
	COL("outcome", FU__SC_LOCAL, 0, 0, NULL),
	COL("closed_at", FU__SC_LOCAL, 0, 0, NULL),
	COL("created_at", FU__SC_VALUE, FU__SV_TIME, R, NULL),
	COL("uuid", FU__SC_UUID, FU__SV_UUID, 0, NULL),
};

static const fu__sync_col application_contacts_cols[] = {
	COL("application_id", FU__SC_REF, FU__SV_UUID, K | R, "applications"),
	COL("contact_id", FU__SC_REF, FU__SV_UUID, K | R, "contacts"),
	COL("position", FU__SC_VALUE, FU__SV_POSITION, R, NULL),
};

static const fu__sync_col events_cols[] = {
	COL("id", FU__SC_LOCAL, 0, 0, NULL),
	COL("kind", FU__SC_VALUE, FU__SV_KIND, R, NULL),
	COL("at", FU__SC_VALUE, FU__SV_TIME, R, NULL),
	COL("application_id", FU__SC_REF, FU__SV_UUID, 0, "applications"),
	COL("contact_id", FU__SC_REF, FU__SV_UUID, 0, "contacts"),
	COL("channel", FU__SC_VALUE, FU__SV_CHANNEL, 0, NULL),
	COL("expect_at", FU__SC_VALUE, FU__SV_TIME, 0, NULL),
	COL("until_at", FU__SC_VALUE, FU__SV_TIME, 0, NULL),
	COL("note", FU__SC_VALUE, FU__SV_NOTE, 0, NULL),
	COL("action", FU__SC_ACTION, FU__SV_ACTION, 0, NULL),
	COL("outcome", FU__SC_VALUE, FU__SV_OUTCOME, 0, NULL),
	COL("urgent", FU__SC_VALUE, FU__SV_BOOL, R, NULL),
	COL("created_at", FU__SC_VALUE, FU__SV_TIME, R, NULL),
	COL("expect_date", FU__SC_VALUE, FU__SV_DAY, 0, NULL),
	COL("until_date", FU__SC_VALUE, FU__SV_DAY, 0, NULL),
	COL("message_id", FU__SC_VALUE, FU__SV_MESSAGE_ID, 0, NULL),
	COL("occasion", FU__SC_VALUE, FU__SV_FIELD, 0, NULL),
	COL("because", FU__SC_VALUE, FU__SV_FIELD, 0, NULL),
	COL("uuid", FU__SC_UUID, FU__SV_UUID, 0, NULL),
	COL("ord", FU__SC_VALUE, FU__SV_ORD, R, NULL),
};

static const fu__sync_col event_contacts_cols[] = {
	COL("event_id", FU__SC_REF, FU__SV_UUID, K | R, "events"),
	COL("position", FU__SC_VALUE, FU__SV_POSITION, K | R, NULL),
	COL("contact_id", FU__SC_REF, FU__SV_UUID, R, "contacts"),
	COL("created", FU__SC_VALUE, FU__SV_BOOL, R, NULL),
};

static const fu__sync_col event_topics_cols[] = {
	COL("event_id", FU__SC_REF, FU__SV_UUID, K | R, "events"),
	COL("position", FU__SC_VALUE, FU__SV_POSITION, K | R, NULL),
	COL("text", FU__SC_VALUE, FU__SV_FIELD, R, NULL),
	COL("contact_id", FU__SC_REF, FU__SV_UUID, 0, "contacts"),
};

static const fu__sync_col config_cols[] = {
	COL("key", FU__SC_VALUE, FU__SV_CONFIG_KEY, K | R, NULL),
	COL("value", FU__SC_VALUE, FU__SV_FIELD, R, NULL),
};

#define TABLE(name, cols, numbers, parent) \
	{ name, cols, sizeof cols / sizeof cols[0], numbers, parent }

/* In the order a snapshot writes them: a record after those it names. */
const fu__sync_table fu__sync_tables[] = {
	TABLE("companies", companies_cols, FU__SN_AUTO, NULL),
	TABLE("contacts", contacts_cols, FU__SN_THING, NULL),
	TABLE("applications", applications_cols, FU__SN_THING, NULL),
	TABLE("application_contacts", application_contacts_cols,
	      FU__SN_NONE, NULL),
	TABLE("events", events_cols, FU__SN_AUTO, NULL),
	TABLE("event_contacts", event_contacts_cols, FU__SN_NONE, "events"),
	TABLE("event_topics", event_topics_cols, FU__SN_NONE, "events"),
	TABLE("config", config_cols, FU__SN_NONE, NULL),
};
const size_t fu__nsync_tables = sizeof fu__sync_tables /
				sizeof fu__sync_tables[0];

/* The tables of the schema that are never synced, and why. */
const char *const fu__sync_local_tables[] = {
	"actions",       /* derived from the records on every machine */
	"actions_stamp", /* what the actions were derived with, here */
	"marks",         /* derived (rule 11) */
	"fold_stamp",    /* which folding made the folded names, here */
	"notify_log",    /* this machine's deliveries of fu notify */
	"proposals",     /* what fu mail read in this machine's mail */
	"proposal_people",
	"proposal_candidates",
	"mail_seen",
	"mail_sources",
	"sync_device",   /* this machine's own place in the sync */
	"sync_log",
	"sync_peers",
	"sync_stamps",
	"sync_graves",
	"sync_reports",
	"sqlite_sequence", /* SQLite's own */
	NULL
};

/*
 * Configuration keys that belong to one machine: how it shows things
 * and what it runs there. Everything else (the signature, employment,
 * every rule's numbers) is the hunt's and is synced. A name ending in
 * '.' covers every key under it.
 */
const char *const fu__sync_local_keys[] = {
	"pager",          /* the pager, as git's core.pager */
	"core.",          /* core.pager and the like */
	"color",          /* colour on this terminal */
	"color.",
	"ui.",            /* how this machine shows things */
	"editor",         /* the editor drafts open in here */
	"notify.",        /* reminders: how this machine shows them */
	"mail.sendmail",  /* the program that sends mail here */
	"mail.maildir",   /* where this machine's mail is */
	"sync.",          /* the sync's own settings */
	NULL
};

int fu__sync_key_local(const char *key)
{
	for (const char *const *k = fu__sync_local_keys; *k; k++) {
		size_t n = strlen(*k);
		if ((*k)[n - 1] == '.' ? strncmp(key, *k, n) == 0
				       : strcmp(key, *k) == 0)
			return 1;
	}
	return 0;
}

const fu__sync_table *fu__sync_table_named(const char *name)
{
	for (size_t i = 0; name && i < fu__nsync_tables; i++)
		if (strcmp(fu__sync_tables[i].name, name) == 0)
			return &fu__sync_tables[i];
	return NULL;
}

int fu__sync_col_index(const fu__sync_table *t, const char *name)
{
	for (size_t i = 0; name && i < t->ncols; i++)
		if (strcmp(t->cols[i].name, name) == 0)
			return (int)i;
	return -1;
}

int fu__sync_has_uuid(const fu__sync_table *t)
{
	for (size_t i = 0; i < t->ncols; i++)
		if (t->cols[i].how == FU__SC_UUID)
			return 1;
	return 0;
}

/* --- what a value from another machine must be ------------------------- */

/* Text: valid UTF-8, no control characters but newlines and tabs where
 * multiline, at most max characters. */
static const char *bad_text(const char *s, size_t max, int multiline)
{
	size_t n = strlen(s), chars = 0;
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n; chars++) {
		size_t k = fu__utf8_len(p + i, n - i);
		if (!k)
			return "is not UTF-8";
		if (k == 1 && (p[i] < 0x20 || p[i] == 0x7f) &&
		    !(multiline && (p[i] == '\n' || p[i] == '\t')))
			return "holds a control character";
		i += k;
	}
	if (chars > max)
		return "is too long";
	return NULL;
}

static int is_day(const char *s)
{
	if (strlen(s) != 10)
		return 0;
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9'))
			return 0;
	return 1;
}

/* Times fu writes lie within years 1 to 9999. */
#define TIME_MIN (-62135596800LL)
#define TIME_MAX 253402300799LL
/* ords: a Lamport count above 20 random bits, exact in a double */
#define ORD_MAX 9007199254740991LL

static const char *bad_word(int check, const char *s)
{
	int ok = 0;
	switch (check) {
	case FU__SV_KIND: {
		fu_event_kind k;
		ok = fu_event_kind_stored(&k, s) == FU_OK;
		break;
	}
	case FU__SV_CHANNEL: {
		fu_channel c;
		ok = fu_channel_parse(&c, s) == FU_OK &&
		     strcmp(fu_channel_name(c), s) == 0;
		break;
	}
	case FU__SV_PREFERS: {
		fu_channel c;
		ok = fu_channel_parse(&c, s) == FU_OK &&
		     strcmp(fu_channel_name(c), s) == 0 &&
		     c != FU_CH_IN_PERSON && c != FU_CH_VIDEO;
		break;
	}
	case FU__SV_SOURCE: {
		fu_source v;
		ok = fu_source_parse(&v, s) == FU_OK &&
		     strcmp(fu_source_name(v), s) == 0;
		break;
	}
	case FU__SV_OUTCOME: {
		fu_outcome o;
		ok = fu_outcome_parse(&o, s) == FU_OK &&
		     strcmp(fu_outcome_name(o), s) == 0;
		break;
	}
	default:
		ok = 1;
	}
	return ok ? NULL : "is not a word fu knows there";
}

const char *fu__sync_bad_value(const fu__sync_col *c, const cJSON *v)
{
	if (!v || cJSON_IsNull(v))
		return c->flags & FU__SF_REQUIRED ? "is missing" : NULL;
	switch (c->check) {
	case FU__SV_BOOL:
		return cJSON_IsNumber(v) && (v->valuedouble == 0 ||
					     v->valuedouble == 1)
			? NULL : "is not 0 or 1";
	case FU__SV_TIME:
	case FU__SV_POSITION:
	case FU__SV_ORD: {
		double lo = c->check == FU__SV_TIME ? (double)TIME_MIN : 1;
		double hi = c->check == FU__SV_TIME ? (double)TIME_MAX
			  : c->check == FU__SV_ORD ? (double)ORD_MAX : 1e6;
		if (!cJSON_IsNumber(v) || v->valuedouble < lo ||
		    v->valuedouble > hi ||
		    (double)(int64_t)v->valuedouble != v->valuedouble)
			return "is not a whole number in its range";
		return NULL;
	}
	default:
		break;
	}
	if (!cJSON_IsString(v))
		return "is not text";
	const char *s = v->valuestring;
	switch (c->check) {
	case FU__SV_UUID:
		return fu_uuid_valid(s) ? NULL : "is not an identifier";
	case FU__SV_NAME:
		if (strspn(s, " \t") == strlen(s))
			return "is empty";
		return bad_text(s, FU__NAME_MAX, 0);
	case FU__SV_FIELD:
		if (!*s && (c->flags & FU__SF_REQUIRED))
			return "is empty";
		return bad_text(s, FU__FIELD_MAX, 0);
	case FU__SV_LINES:
		return bad_text(s, FU__FIELD_MAX, 1);
	case FU__SV_NOTE:
		return bad_text(s, FU__NOTE_MAX, 1);
	case FU__SV_URL:
		return bad_text(s, FU__URL_MAX, 0);
	case FU__SV_MESSAGE_ID: /* as fu__check_message_id keeps it */
		if (!*s)
			return "is empty";
		for (const char *p = s; *p; p++)
			if (*p <= ' ' || *p > '~' || *p == '<' || *p == '>')
				return "is not a Message-ID";
		return bad_text(s, FU__MESSAGE_ID_MAX, 0);
	case FU__SV_DAY:
		return is_day(s) ? NULL : "is not a day (YYYY-MM-DD)";
	case FU__SV_ACTION:
		return bad_text(s, 4 * FU__ACTION_MAX, 0);
	case FU__SV_CONFIG_KEY:
		if (!*s)
			return "is empty";
		return bad_text(s, FU__NAME_MAX, 0);
	default:
		return bad_word(c->check, s);
	}
}
