/* SPDX-License-Identifier: MIT */
/*
 * report_rules.c - what unemployment offices require of a job search, as
 * data: each agency's minimum, which activities count, its week, what a
 * record must show and how long to keep it, with where it says so. And
 * the words of fu report (activities, fields) that fu config's
 * report.custom.* keys take. No table: config.c and report.c read it.
 *
 * The figures are those the agencies published when this was written;
 * each entry names its source so that a user can check it (and set
 * their own with the custom rules when their office asks otherwise).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "fu/report.h"

#define BIT(a) (1u << (a))
#define EMPLOYER_CONTACTS \
	(BIT(FU_RA_APPLICATION) | BIT(FU_RA_INTERVIEW) | \
	 BIT(FU_RA_FOLLOW_UP) | BIT(FU_RA_MEETING))
#define EVERY_ACTIVITY (EMPLOYER_CONTACTS | BIT(FU_RA_NETWORKING))

static const char *const activity_names[FU_RA__COUNT] = {
	[FU_RA_APPLICATION] = "application",
	[FU_RA_INTERVIEW] = "interview",
	[FU_RA_FOLLOW_UP] = "follow-up",
	[FU_RA_MEETING] = "meeting",
	[FU_RA_NETWORKING] = "networking",
};

static const fu_report_rules table[] = {
	{
		.id = "wa",
		.name = "Washington State Employment Security Department",
		.source = "https://esd.wa.gov/get-financial-help/"
			  "unemployment-benefits/weekly-unemployment-claims/"
			  "job-search-requirements (Job search requirements; "
			  "the job search log)",
		.week_start = 0, /* claim weeks run Sunday to Saturday */
		.minimum = 3,
		/* an employer contact: an application, an informational
		 * or job interview, a follow-up conversation or e-mail */
		.counts = EMPLOYER_CONTACTS,
		.fields = FU_RF_DATE | FU_RF_EMPLOYER | FU_RF_POSITION |
			  FU_RF_METHOD | FU_RF_CONTACT,
		.retention = "at least 30 days after the end of your benefit "
			     "year or after you stop receiving benefits, "
			     "whichever is later",
		.note = "a follow-up conversation or e-mail to an employer "
			"counts as an employer contact",
	},
	{
		.id = "ny",
		.name = "New York State Department of Labor",
		.source = "https://dol.ny.gov/work-search-frequently-asked-"
			  "questions (Work Search Record, form WS5)",
		.week_start = 1, /* the record's week ends on a Sunday */
		.minimum = 3,
		.days = 3,
		/* at least one of the three from the first list: an
		 * application, an interview, a networking meeting, a job
		 * fair or a workshop */
		.key_minimum = 1,
		.key_counts = BIT(FU_RA_APPLICATION) | BIT(FU_RA_INTERVIEW) |
			      BIT(FU_RA_MEETING) | BIT(FU_RA_NETWORKING),
		.counts = EVERY_ACTIVITY,
		.fields = FU_RF_DATE | FU_RF_EMPLOYER | FU_RF_CONTACT |
			  FU_RF_PHONE | FU_RF_PERSON | FU_RF_METHOD |
			  FU_RF_POSITION,
		.note = "the three activities must be on different days of "
			"the week; workshops and Career Center visits count "
			"too, but fu does not record them",
	},
	{
		.id = "ne",
		.name = "Nebraska Department of Labor",
		.source = "219 NAC 4-004 (Nebraska Administrative Code, "
			  "Title 219, Chapter 4); https://dol.nebraska.gov/"
			  "UIBenefits/Claims/FAQ/WorkSearchFAQ",
		.week_start = 0,
		.minimum = 5,
		.key_minimum = 2,
		.key_counts = BIT(FU_RA_APPLICATION),
		.counts = BIT(FU_RA_APPLICATION) | BIT(FU_RA_INTERVIEW) |
			  BIT(FU_RA_MEETING) | BIT(FU_RA_NETWORKING),
		.fields = FU_RF_DATE | FU_RF_EMPLOYER | FU_RF_ADDRESS |
			  FU_RF_PHONE | FU_RF_PERSON | FU_RF_METHOD |
			  FU_RF_POSITION,
		.note = "five reemployment activities a benefit week, two of "
			"them applications for permanent work, logged on "
			"Nebraska's job-search website before the weekly "
			"claim",
	},
	{
		.id = "nc",
		.name = "North Carolina Division of Employment Security",
		.source = "N.C.G.S. 96-14.9(e); https://des.nc.gov/need-help/"
			  "faqs/work-search-guidelines-faqs (Work Search "
			  "Record)",
		.week_start = 0,
		.minimum = 3,
		.jobs = 3,
		.counts = EMPLOYER_CONTACTS,
		.fields = FU_RF_DATE | FU_RF_EMPLOYER | FU_RF_POSITION |
			  FU_RF_METHOD | FU_RF_CONTACT | FU_RF_RESULT,
		.retention = "5 years",
		.note = "three different job contacts a week: different "
			"employers, or one employer for different jobs",
	},
	{
		.id = "de",
		.name = "Jobcenter (Germany): Nachweis der Eigenbem\u00fchungen",
		.source = "SGB II \u00a7 15 (Kooperationsplan): the number of "
			  "applications a month is set in your own plan",
		.monthly = 1,
		.week_start = 1,
		.minimum = 5,
		.counts = BIT(FU_RA_APPLICATION),
		.fields = FU_RF_DATE | FU_RF_EMPLOYER | FU_RF_POSITION |
			  FU_RF_METHOD | FU_RF_RESULT,
		.note = "5 to 10 applications a month are usual: when your "
			"plan asks for more than 5, use the custom rules "
			"(fu config report.custom.minimum)",
	},
};

const fu_report_rules *fu_report_rules_table(size_t *n)
{
	*n = sizeof table / sizeof table[0];
	return table;
}

const char *fu_report_rules_names(void)
{
	return "wa, ny, ne, nc, de, custom";
}

const fu_report_rules *fu_report_rules_find(const char *id)
{
	for (size_t i = 0; id && i < sizeof table / sizeof table[0]; i++)
		if (!strcmp(table[i].id, id))
			return &table[i];
	return NULL;
}

char *fu_report_rules_summary(char *buf, size_t len,
			      const fu_report_rules *r)
{
	static const char *const plural[FU_RA__COUNT] = {
		[FU_RA_APPLICATION] = "applications",
		[FU_RA_INTERVIEW] = "interviews",
		[FU_RA_FOLLOW_UP] = "follow-ups",
		[FU_RA_MEETING] = "meetings",
		[FU_RA_NETWORKING] = "networking",
	};
	char kinds[128] = "";
	size_t at = 0;
	int n = 0, k = 0;
#define ADD(...)                                                           \
	do {                                                               \
		int w_ = snprintf(buf + at, len > at ? len - at : 0,        \
				  __VA_ARGS__);                            \
		if (w_ > 0)                                                \
			at = at + (size_t)w_ < len ? at + (size_t)w_ : len; \
	} while (0)
	if (len)
		buf[0] = '\0';
	ADD("%d %s a %s", r->minimum, r->minimum == 1 ? "activity"
		: "activities", r->monthly ? "calendar month" : "week");
	if (!r->monthly)
		ADD(" (%s)", r->week_start ? "Monday to Sunday"
					   : "Sunday to Saturday");
	if (r->key_minimum) {
		for (int a = 1; a < FU_RA__COUNT; a++)
			n += !!(r->key_counts & (1u << a));
		size_t kat = 0;
		for (int a = 1; a < FU_RA__COUNT; a++) {
			if (!(r->key_counts & (1u << a)))
				continue;
			int w = snprintf(kinds + kat, sizeof kinds - kat, "%s%s",
					 !k ? "" : k == n - 1 ? " or " : ", ",
					 r->key_minimum == 1 ? activity_names[a]
					 : plural[a]);
			if (w > 0 && kat + (size_t)w < sizeof kinds)
				kat += (size_t)w;
			k++;
		}
		ADD(", at least %d of them: %s", r->key_minimum, kinds);
	}
	if (r->employers)
		ADD(", with %d different employers", r->employers);
	if (r->jobs)
		ADD(", with %d different jobs (employers, or positions at "
		    "one)", r->jobs);
	if (r->days)
		ADD(", on %d different days", r->days);
#undef ADD
	return buf;
}

void fu_report_rules_custom_default(fu_report_rules *out)
{
	memset(out, 0, sizeof *out);
	out->id = "custom";
	out->name = "custom rules";
	out->week_start = 0;
	out->minimum = 3;
	out->counts = EVERY_ACTIVITY;
	out->fields = FU_RF_DATE | FU_RF_EMPLOYER | FU_RF_POSITION |
		      FU_RF_METHOD;
}

/* --- the words ------------------------------------------------------ */


const char *fu_report_activity_name(fu_report_activity a)
{
	return a > FU_RA_NONE && a < FU_RA__COUNT ? activity_names[a] : NULL;
}

fu_report_activity fu_report_activity_of(fu_event_kind kind,
					 int on_application)
{
	switch (kind) {
	case FU_EV_APPLIED:
		return FU_RA_APPLICATION;
	case FU_EV_INTERVIEW:
		return FU_RA_INTERVIEW;
	case FU_EV_SENT:
		return on_application ? FU_RA_FOLLOW_UP : FU_RA_NETWORKING;
	case FU_EV_MEETING:
		return on_application ? FU_RA_MEETING : FU_RA_NETWORKING;
	case FU_EV_MET:
	case FU_EV_INTRO:
		return FU_RA_NETWORKING;
	default:
		return FU_RA_NONE;
	}
}

static const struct {
	const char *name, *words;
} fields[FU_RF__COUNT] = {
	{ "date", "the date" },
	{ "employer", "the employer" },
	{ "position", "the position" },
	{ "person", "the person contacted" },
	{ "method", "how you made contact" },
	{ "address", "the employer's postal address" },
	{ "phone", "the employer's phone number" },
	{ "contact", "the employer's address, phone, e-mail or website" },
	{ "result", "the result" },
};

static int field_index(unsigned field)
{
	for (int i = 0; i < FU_RF__COUNT; i++)
		if (field == 1u << i)
			return i;
	return -1;
}

const char *fu_report_field_name(unsigned field)
{
	int i = field_index(field);
	return i < 0 ? NULL : fields[i].name;
}

const char *fu_report_field_words(unsigned field)
{
	int i = field_index(field);
	return i < 0 ? NULL : fields[i].words;
}

/* Comma-separated words of names[0..n) (NULL entries skipped) into a
 * mask of 1 << index. */
static int parse_words(unsigned *out, const char *list,
		       const char *(*name)(int i), int n)
{
	unsigned mask = 0;
	const char *p = list;
	if (!list)
		return FU_EINVALID;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		size_t len = strcspn(p, ",");
		size_t end = len;
		while (end && (p[end - 1] == ' ' || p[end - 1] == '\t'))
			end--;
		if (!end)
			return FU_EINVALID;
		int found = -1;
		for (int i = 0; i < n && found < 0; i++) {
			const char *w = name(i);
			if (w && strlen(w) == end && !strncasecmp(w, p, end))
				found = i;
		}
		if (found < 0)
			return FU_EINVALID;
		mask |= 1u << found;
		if (!p[len])
			break;
		p += len + 1;
	}
	*out = mask;
	return FU_OK;
}

static const char *activity_at(int i)
{
	return fu_report_activity_name((fu_report_activity)i);
}

static const char *field_at(int i)
{
	return fields[i].name;
}

int fu_report_parse_activities(unsigned *out, const char *list)
{
	return parse_words(out, list, activity_at, FU_RA__COUNT);
}

int fu_report_parse_fields(unsigned *out, const char *list)
{
	return parse_words(out, list, field_at, FU_RF__COUNT);
}

static char *words_text(char *buf, size_t len, unsigned mask,
			const char *(*name)(int i), int n)
{
	size_t at = 0;
	if (len)
		buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (!(mask & (1u << i)) || !name(i))
			continue;
		int k = snprintf(buf + at, len > at ? len - at : 0, "%s%s",
				 at ? "," : "", name(i));
		if (k < 0 || (size_t)k >= len - at)
			break;
		at += (size_t)k;
	}
	return buf;
}

char *fu_report_activities_text(char *buf, size_t len, unsigned mask)
{
	return words_text(buf, len, mask, activity_at, FU_RA__COUNT);
}

char *fu_report_fields_text(char *buf, size_t len, unsigned mask)
{
	return words_text(buf, len, mask, field_at, FU_RF__COUNT);
}
