/* SPDX-License-Identifier: MIT */
/*
 * mailmatch.c - what a message is to the job hunt (mail.h says the
 * rules): pure functions over a fu_mail_msg and a fu_mail_ctx built by
 * hand or from the database (proposals.c), tested without either. It
 * never guesses silently: when a person has several open applications
 * and no thread decides, the match names them all as candidates.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fu/buf.h"
#include "fu/date.h"
#include "fu/mail.h"
#include "internal.h"

/* --- the context ------------------------------------------------------- */

typedef struct cx_contact {
	int64_t id, company_id;
	char *name, *email, *company;
} cx_contact;

typedef struct cx_app {
	int64_t id, company_id;
	char *company, *role;
	char *fold_company, *fold_role;
	int open;
	int64_t *contacts;
	size_t ncontacts;
} cx_app;

typedef struct cx_known {
	fu_mail_known k; /* k.message_id owned */
} cx_known;

typedef struct cx_invite {
	fu_mail_invite v; /* v.uid owned */
} cx_invite;

/* (contact, application) pairs, by contact */
typedef struct cx_pair {
	int64_t contact;
	size_t app;
} cx_pair;

struct fu_mail_ctx {
	char **user, **ats, **domains; /* domains: of contacts' addresses */
	size_t nuser, nats, ndomains;
	cx_contact *contacts;
	size_t ncontacts;
	cx_app *apps;
	size_t napps;
	cx_known *known;
	size_t nknown;
	cx_invite *invites;
	size_t ninvites;
	/* lazily sorted indexes (sorted: 1 once built, 0 after an add) */
	size_t *by_email;  /* contact indexes with an address, by address */
	size_t nby_email;
	cx_pair *pairs;
	size_t npairs;
	int sorted;       /* by_email, pairs, apps */
	int known_sorted; /* known (kept sorted as it grows once it is) */
};

static int grow(void **p, size_t n, size_t size)
{
	/* room for element n: doubling at powers of two */
	if (n & (n - 1) && n > 8)
		return 0;
	size_t cap = n < 8 ? 8 : n * 2;
	void *q = realloc(*p, cap * size);
	if (!q)
		return -1;
	*p = q;
	return 0;
}

static char *lower_dup(const char *s)
{
	char *t = s ? strdup(s) : NULL;
	for (char *p = t; p && *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	return t;
}

fu_mail_ctx *fu_mail_ctx_new(void)
{
	return calloc(1, sizeof(fu_mail_ctx));
}

static void free_strs(char **s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(s[i]);
	free(s);
}

void fu_mail_ctx_free(fu_mail_ctx *x)
{
	if (!x)
		return;
	free_strs(x->user, x->nuser);
	free_strs(x->ats, x->nats);
	free_strs(x->domains, x->ndomains);
	for (size_t i = 0; i < x->ncontacts; i++) {
		free(x->contacts[i].name);
		free(x->contacts[i].email);
		free(x->contacts[i].company);
	}
	free(x->contacts);
	for (size_t i = 0; i < x->napps; i++) {
		cx_app *a = &x->apps[i];
		free(a->company);
		free(a->role);
		free(a->fold_company);
		free(a->fold_role);
		free(a->contacts);
	}
	free(x->apps);
	for (size_t i = 0; i < x->nknown; i++)
		free((char *)x->known[i].k.message_id);
	free(x->known);
	for (size_t i = 0; i < x->ninvites; i++)
		free((char *)x->invites[i].v.uid);
	free(x->invites);
	free(x->by_email);
	free(x->pairs);
	free(x);
}

static int push_str(char ***list, size_t *n, const char *s)
{
	char *t = lower_dup(s);
	if (!t || grow((void **)list, *n, sizeof **list)) {
		free(t);
		return FU_ERROR;
	}
	(*list)[(*n)++] = t;
	return FU_OK;
}

int fu_mail_ctx_user(fu_mail_ctx *x, const char *address)
{
	return address && *address ? push_str(&x->user, &x->nuser, address)
				   : FU_OK;
}

int fu_mail_ctx_ats(fu_mail_ctx *x, const char *domain)
{
	if (domain && *domain == '@')
		domain++;
	return domain && *domain ? push_str(&x->ats, &x->nats, domain) : FU_OK;
}

/* Mail services anyone has an address at: a contact's address there
 * says nothing of their employer. */
static const char *const public_domains[] = {
	"gmail.com", "googlemail.com", "outlook.com", "hotmail.com",
	"live.com", "msn.com", "yahoo.com", "ymail.com", "icloud.com",
	"me.com", "mac.com", "aol.com", "gmx.de", "gmx.net", "gmx.at",
	"gmx.ch", "web.de", "t-online.de", "freenet.de", "posteo.de",
	"mailbox.org", "proton.me", "protonmail.com", "pm.me", "mail.com",
	"yandex.ru", "yandex.com", "zoho.com", "fastmail.com", "hey.com",
	"qq.com", "163.com", "orange.fr", "free.fr", "laposte.net",
	"libero.it", "btinternet.com", NULL
};

static const char *domain_of(const char *address)
{
	const char *at = address ? strrchr(address, '@') : NULL;
	return at ? at + 1 : NULL;
}

static int is_public(const char *domain)
{
	for (int i = 0; public_domains[i]; i++)
		if (!strcasecmp(domain, public_domains[i]))
			return 1;
	return 0;
}

int fu_mail_ctx_contact(fu_mail_ctx *x, int64_t id, const char *name,
			const char *email, int64_t company_id,
			const char *company)
{
	if (grow((void **)&x->contacts, x->ncontacts, sizeof *x->contacts))
		return FU_ERROR;
	cx_contact *c = &x->contacts[x->ncontacts];
	memset(c, 0, sizeof *c);
	c->id = id;
	c->company_id = company_id;
	c->name = name ? strdup(name) : NULL;
	c->company = company ? strdup(company) : NULL;
	/* an address as typed may carry blanks around it */
	if (email) {
		email += strspn(email, " \t");
		c->email = lower_dup(email);
		size_t len = c->email ? strlen(c->email) : 0;
		while (len && (c->email[len - 1] == ' ' ||
			       c->email[len - 1] == '\t'))
			c->email[--len] = '\0';
	}
	if ((name && !c->name) || (company && !c->company) ||
	    (email && !c->email)) {
		free(c->name);
		free(c->company);
		free(c->email);
		return FU_ERROR;
	}
	x->ncontacts++;
	x->sorted = 0;
	const char *d = domain_of(c->email);
	if (d && *d && !is_public(d)) {
		for (size_t i = 0; i < x->ndomains; i++)
			if (!strcmp(x->domains[i], d))
				return FU_OK;
		return push_str(&x->domains, &x->ndomains, d);
	}
	return FU_OK;
}

int fu_mail_ctx_app(fu_mail_ctx *x, int64_t id, int64_t company_id,
		    const char *company, const char *role, int open,
		    const int64_t *contacts, size_t ncontacts)
{
	if (grow((void **)&x->apps, x->napps, sizeof *x->apps))
		return FU_ERROR;
	cx_app *a = &x->apps[x->napps];
	memset(a, 0, sizeof *a);
	a->id = id;
	a->company_id = company_id;
	a->open = open;
	a->company = strdup(company ? company : "");
	a->role = strdup(role ? role : "");
	a->fold_company = a->company ? fu__fold(a->company, FU_FOLD_ACCENTS) : NULL;
	a->fold_role = a->role ? fu__fold(a->role, FU_FOLD_ACCENTS) : NULL;
	if (ncontacts && (a->contacts = malloc(ncontacts * sizeof *contacts)))
		memcpy(a->contacts, contacts, ncontacts * sizeof *contacts);
	a->ncontacts = a->contacts ? ncontacts : 0;
	if (!a->company || !a->role || !a->fold_company || !a->fold_role ||
	    (ncontacts && !a->contacts)) {
		free(a->company);
		free(a->role);
		free(a->fold_company);
		free(a->fold_role);
		free(a->contacts);
		return FU_ERROR;
	}
	x->napps++;
	x->sorted = 0;
	return FU_OK;
}

static int by_message_id(const void *a, const void *b);

int fu_mail_ctx_known(fu_mail_ctx *x, const fu_mail_known *k)
{
	if (!k->message_id || !*k->message_id)
		return FU_OK;
	char *id = strdup(k->message_id);
	if (!id || grow((void **)&x->known, x->nknown, sizeof *x->known)) {
		free(id);
		return FU_ERROR;
	}
	cx_known add = { *k };
	add.k.message_id = id;
	size_t at = x->nknown;
	if (x->known_sorted) { /* into its place: the scan's own proposals */
		size_t lo = 0, hi = x->nknown;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (by_message_id(&x->known[mid], &add) <= 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		at = lo;
		memmove(&x->known[at + 1], &x->known[at],
			(x->nknown - at) * sizeof *x->known);
	}
	x->known[at] = add;
	x->nknown++;
	return FU_OK;
}

int fu_mail_ctx_invite(fu_mail_ctx *x, const fu_mail_invite *inv)
{
	if (!inv->uid)
		return FU_OK;
	char *uid = strdup(inv->uid);
	if (!uid || grow((void **)&x->invites, x->ninvites, sizeof *x->invites)) {
		free(uid);
		return FU_ERROR;
	}
	x->invites[x->ninvites].v = *inv;
	x->invites[x->ninvites++].v.uid = uid;
	return FU_OK;
}

int fu_mail_ctx_invite_state(fu_mail_ctx *x, int64_t proposal_id,
			     fu_mail_invite_state state)
{
	for (size_t i = 0; x && i < x->ninvites; i++)
		if (x->invites[i].v.proposal_id == proposal_id)
			x->invites[i].v.state = state;
	return FU_OK;
}

const char *const fu_mail_ats_domains[] = {
	"greenhouse.io", "greenhouse-mail.io", "lever.co", "hire.lever.co",
	"myworkday.com", "myworkdayjobs.com", "smartrecruiters.com",
	"ashbyhq.com", "ashby.io", "workablemail.com", "workable.com",
	"icims.com", "taleo.net", "successfactors.com",
	"successfactors.eu", "jobvite.com", "bamboohr.com", "recruitee.com",
	"personio.de", "personio.com", "teamtailor.com", "teamtailor-mail.com",
	"jazzhr.com", "applytojob.com", "breezy.hr", "pinpointhq.com",
	"rippling.com", "gem.com", "join.com", "softgarden.io",
	"softgarden.de", "dvinci.de", "dvinci-hr.com", "comeet.co",
	"hirebridge.com", "avature.net", "oraclecloud.com", "eightfold.ai",
	"phenompeople.com", NULL
};

/* --- indexes ----------------------------------------------------------- */

static const fu_mail_ctx *sort_ctx; /* qsort has no argument */

static int by_email(const void *a, const void *b)
{
	const cx_contact *x = &sort_ctx->contacts[*(const size_t *)a];
	const cx_contact *y = &sort_ctx->contacts[*(const size_t *)b];
	int c = strcmp(x->email, y->email);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

static int by_pair(const void *a, const void *b)
{
	const cx_pair *x = a, *y = b;
	if (x->contact != y->contact)
		return (x->contact > y->contact) - (x->contact < y->contact);
	return (x->app > y->app) - (x->app < y->app);
}

static int by_message_id(const void *a, const void *b)
{
	const cx_known *x = a, *y = b;
	int c = strcmp(x->k.message_id, y->k.message_id);
	if (c)
		return c;
	/* an event before a proposal, the latest first */
	if (!x->k.event_id != !y->k.event_id)
		return x->k.event_id ? -1 : 1;
	return (y->k.event_id + y->k.proposal_id > x->k.event_id +
		x->k.proposal_id) - (y->k.event_id + y->k.proposal_id <
				     x->k.event_id + x->k.proposal_id);
}

static int by_app_id(const void *a, const void *b)
{
	const cx_app *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

/* The indexes, built when first needed after an add (the context is
 * logically constant: matching only reads it). */
static int index_ctx(const fu_mail_ctx *cx)
{
	fu_mail_ctx *x = (fu_mail_ctx *)cx;
	if (!x->known_sorted) {
		if (x->nknown > 1)
			qsort(x->known, x->nknown, sizeof *x->known,
			      by_message_id);
		x->known_sorted = 1;
	}
	if (x->sorted)
		return FU_OK;
	free(x->by_email);
	free(x->pairs);
	x->by_email = NULL;
	x->pairs = NULL;
	x->nby_email = x->npairs = 0;
	if (x->ncontacts && !(x->by_email = malloc(x->ncontacts * sizeof(size_t))))
		return FU_ERROR;
	for (size_t i = 0; i < x->ncontacts; i++)
		if (x->contacts[i].email && *x->contacts[i].email)
			x->by_email[x->nby_email++] = i;
	if (x->napps > 1)
		qsort(x->apps, x->napps, sizeof *x->apps, by_app_id);
	size_t np = 0;
	for (size_t i = 0; i < x->napps; i++)
		np += x->apps[i].ncontacts;
	if (np && !(x->pairs = malloc(np * sizeof *x->pairs)))
		return FU_ERROR;
	for (size_t i = 0; i < x->napps; i++)
		for (size_t j = 0; j < x->apps[i].ncontacts; j++)
			x->pairs[x->npairs++] = (cx_pair){ x->apps[i].contacts[j],
							   i };
	sort_ctx = x;
	if (x->nby_email > 1)
		qsort(x->by_email, x->nby_email, sizeof *x->by_email,
		      by_email);
	if (x->npairs > 1)
		qsort(x->pairs, x->npairs, sizeof *x->pairs, by_pair);
	x->sorted = 1;
	return FU_OK;
}

static const cx_contact *contact_by_email(const fu_mail_ctx *x,
					  const char *address)
{
	if (!address)
		return NULL;
	size_t lo = 0, hi = x->nby_email;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(x->contacts[x->by_email[mid]].email, address) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < x->nby_email &&
	    !strcmp(x->contacts[x->by_email[lo]].email, address))
		return &x->contacts[x->by_email[lo]];
	return NULL;
}

static const cx_contact *contact_by_id(const fu_mail_ctx *x, int64_t id)
{
	for (size_t i = 0; i < x->ncontacts; i++)
		if (x->contacts[i].id == id)
			return &x->contacts[i];
	return NULL;
}

static const cx_app *app_by_id(const fu_mail_ctx *x, int64_t id)
{
	size_t lo = 0, hi = x->napps;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->apps[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < x->napps && x->apps[lo].id == id ? &x->apps[lo] : NULL;
}

static const fu_mail_known *known_by_id(const fu_mail_ctx *x, const char *id)
{
	size_t lo = 0, hi = x->nknown;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(x->known[mid].k.message_id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < x->nknown && !strcmp(x->known[lo].k.message_id, id)
		? &x->known[lo].k : NULL;
}

static int is_user(const fu_mail_ctx *x, const char *address)
{
	for (size_t i = 0; address && i < x->nuser; i++)
		if (!strcmp(x->user[i], address))
			return 1;
	return 0;
}

/* Whether domain is d or one of its subdomains. */
static int in_domain(const char *domain, const char *d)
{
	size_t a = strlen(domain), b = strlen(d);
	return a >= b && !strcasecmp(domain + a - b, d) &&
	       (a == b || domain[a - b - 1] == '.');
}

static int is_ats(const fu_mail_ctx *x, const char *address)
{
	const char *d = domain_of(address);
	if (!d)
		return 0;
	for (int i = 0; fu_mail_ats_domains[i]; i++)
		if (in_domain(d, fu_mail_ats_domains[i]))
			return 1;
	for (size_t i = 0; i < x->nats; i++)
		if (in_domain(d, x->ats[i]))
			return 1;
	return 0;
}

static int near_domain(const fu_mail_ctx *x, const char *address)
{
	const char *d = domain_of(address);
	for (size_t i = 0; d && i < x->ndomains; i++)
		if (!strcasecmp(d, x->domains[i]))
			return 1;
	return 0;
}

/* --- words --------------------------------------------------------------- */

static int word_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* folded text holds folded name as whole words */
static int has_words(const char *text, const char *name)
{
	size_t n = strlen(name);
	if (!n || strspn(name, " ") == n)
		return 0;
	for (const char *p = text; (p = strstr(p, name)); p++) {
		int before = p == text || !word_char((unsigned char)p[-1]);
		int after = !word_char((unsigned char)p[n]);
		if (before && after)
			return 1;
	}
	return 0;
}

int fu_mail_names(const char *text, const char *name)
{
	if (!text || !name)
		return 0;
	char *t = fu__fold(text, FU_FOLD_ACCENTS);
	char *n = fu__fold(name, FU_FOLD_ACCENTS);
	int yes = t && n && has_words(t, n);
	free(t);
	free(n);
	return yes;
}

/* Phrases that plainly decline, folded (lower case, no accents, no
 * apostrophes: won't and won’t fold to wont). */
static const char *const declines[] = {
	/* English */
	"unfortunately", "other candidates", "another candidate",
	"not to move forward", "not be moving forward",
	"not moving forward", "will not be moving", "wont be moving",
	"decided to move forward with", "not to proceed", "not be proceeding",
	"not to pursue", "decided to pursue other", "regret to inform",
	"no longer under consideration", "not been selected",
	"were not selected", "was not selected", "position has been filled",
	"role has been filled", "unable to offer you",
	"not be progressing", "not to progress your", "not successful",
	"unsuccessful",
	/* German */
	"leider", "anderen kandidaten", "andere kandidaten",
	"anderen bewerber", "andere bewerber", "absage",
	"nicht weiter berucksichtigen", "nicht berucksichtigen",
	"nicht in die engere auswahl", "nicht weiter verfolgen",
	"gegen ihre bewerbung", "fur einen anderen", "fur eine andere",
	"mussen wir ihnen mitteilen", "bedauern", "nicht fortsetzen",
	"keine positive", NULL
};

const char *fu_mail_declines(const char *text)
{
	if (!text)
		return NULL;
	char *t = fu__fold(text, FU_FOLD_ACCENTS);
	const char *found = NULL;
	if (t) {
		/* ’ (U+2019) as ' */
		for (char *p = t; (p = strstr(p, "\xe2\x80\x99")); )
			memmove(p + 1, p + 3, strlen(p + 3) + 1), *p = '\'';
		for (int i = 0; declines[i] && !found; i++)
			if (has_words(t, declines[i]))
				found = declines[i];
	}
	free(t);
	return found;
}

/* --- the match ----------------------------------------------------------- */

void fu_mail_match_clear(fu_mail_match *mt)
{
	if (!mt)
		return;
	free(mt->candidates);
	for (size_t i = 0; i < mt->npeople; i++) {
		free(mt->people[i].name);
		free(mt->people[i].address);
	}
	free(mt->people);
	free(mt->reason);
	free(mt->uid);
	memset(mt, 0, sizeof *mt);
}

static int add_candidate(fu_mail_match *mt, int64_t app)
{
	for (size_t i = 0; i < mt->ncandidates; i++)
		if (mt->candidates[i] == app)
			return FU_OK;
	if (grow((void **)&mt->candidates, mt->ncandidates,
		 sizeof *mt->candidates))
		return FU_ERROR;
	mt->candidates[mt->ncandidates++] = app;
	return FU_OK;
}

/* A person named: a known contact (id), else a new one. Once each. */
static int add_person(fu_mail_match *mt, int64_t id, const char *name,
		      const char *address)
{
	for (size_t i = 0; i < mt->npeople; i++) {
		const fu_mail_who *w = &mt->people[i];
		if ((id && w->contact_id == id) ||
		    (address && w->address && !strcmp(w->address, address)))
			return FU_OK;
	}
	if (grow((void **)&mt->people, mt->npeople, sizeof *mt->people))
		return FU_ERROR;
	fu_mail_who *w = &mt->people[mt->npeople];
	w->contact_id = id;
	w->name = name ? strdup(name) : NULL;
	w->address = address ? strdup(address) : NULL;
	if ((name && !w->name) || (address && !w->address)) {
		free(w->name);
		free(w->address);
		return FU_ERROR;
	}
	mt->npeople++;
	return FU_OK;
}

/* A new person's name: the name the message gives, unless it is only
 * their address; else made from the address ("priya.patel@" is Priya
 * Patel). */
static char *person_name(const char *name, const char *address)
{
	if (name && *name && !strchr(name, '@'))
		return strdup(name);
	const char *at = address ? strchr(address, '@') : NULL;
	size_t n = at ? (size_t)(at - address) : address ? strlen(address) : 0;
	char *out = malloc(n + 1);
	if (!out)
		return NULL;
	int start = 1;
	for (size_t i = 0; i < n; i++) {
		char ch = address[i];
		if (ch == '.' || ch == '_' || ch == '-' || ch == '+') {
			out[i] = ' ';
			start = 1;
			continue;
		}
		out[i] = start && ch >= 'a' && ch <= 'z' ? (char)(ch - 32) : ch;
		start = 0;
	}
	out[n] = '\0';
	return out;
}

static int add_new_person(fu_mail_match *mt, const char *name,
			  const char *address)
{
	char *nm = person_name(name, address);
	if (!nm)
		return FU_ERROR;
	int rc = add_person(mt, 0, nm, address);
	free(nm);
	return rc;
}

static int set_reason(fu_mail_match *mt, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int set_reason(fu_mail_match *mt, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fu_buf b = FU_BUF_INIT;
	fu_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(mt->reason);
	mt->reason = fu_buf_detach(&b);
	return mt->reason ? FU_OK : FU_ERROR;
}

/* "1 Acme, Backend Engineer" into buf */
static const char *app_words(char *buf, size_t len, const cx_app *a)
{
	snprintf(buf, len, "%lld %s, %s", (long long)a->id, a->company,
		 a->role);
	return buf;
}

/*
 * The subject a message from or to a contact belongs to: their one open
 * application; several: the user chooses (candidates); none open: their
 * one closed one (a courtesy after the end), several: choose; none at
 * all: the contact themselves (networking).
 */
static int contact_subject(fu_mail_match *mt, const fu_mail_ctx *x,
			   int64_t contact)
{
	size_t lo = 0, hi = x->npairs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->pairs[mid].contact < contact)
			lo = mid + 1;
		else
			hi = mid;
	}
	int64_t open[2] = { 0, 0 }, closed[2] = { 0, 0 };
	size_t nopen = 0, nclosed = 0, first = lo;
	for (size_t i = first; i < x->npairs && x->pairs[i].contact == contact;
	     i++) {
		const cx_app *a = &x->apps[x->pairs[i].app];
		if (a->open)
			open[nopen++ > 0] = a->id;
		else
			closed[nclosed++ > 0] = a->id;
	}
	mt->application_id = mt->contact_id = 0;
	if (nopen == 1 || (!nopen && nclosed == 1)) {
		mt->application_id = nopen ? open[0] : closed[0];
		return FU_OK;
	}
	if (!nopen && !nclosed) {
		mt->contact_id = contact;
		return FU_OK;
	}
	for (size_t i = first; i < x->npairs && x->pairs[i].contact == contact;
	     i++) {
		const cx_app *a = &x->apps[x->pairs[i].app];
		if ((nopen && a->open) || (!nopen && !a->open))
			if (add_candidate(mt, a->id))
				return FU_ERROR;
	}
	return FU_OK;
}

/* Among several candidates, the one whose role the text names, when
 * exactly one is. */
static void narrow_by_role(fu_mail_match *mt, const fu_mail_ctx *x,
			   const char *text)
{
	if (mt->ncandidates < 2 || !text)
		return;
	char *t = fu__fold(text, FU_FOLD_ACCENTS);
	if (!t)
		return;
	int64_t pick = 0;
	size_t hits = 0;
	for (size_t i = 0; i < mt->ncandidates; i++) {
		const cx_app *a = app_by_id(x, mt->candidates[i]);
		if (a && has_words(t, a->fold_role)) {
			pick = a->id;
			hits++;
		}
	}
	free(t);
	if (hits == 1) {
		mt->application_id = pick;
		mt->ncandidates = 0;
	}
}

static const char *subject_words(char *buf, size_t len, const fu_mail_ctx *x,
				 const fu_mail_match *mt)
{
	const cx_app *a = mt->application_id
		? app_by_id(x, mt->application_id) : NULL;
	const cx_contact *c = mt->contact_id
		? contact_by_id(x, mt->contact_id) : NULL;
	if (a)
		return app_words(buf, len, a);
	if (c)
		snprintf(buf, len, "%lld %s", (long long)c->id, c->name);
	else
		snprintf(buf, len, "%zu applications", mt->ncandidates);
	return buf;
}

/* The message's text to look for words in: subject and snippet. */
static char *text_of(const fu_mail_msg *m, const char *extra)
{
	fu_buf b = FU_BUF_INIT;
	fu_buf_printf(&b, "%s\n%s\n%s", m->subject ? m->subject : "",
		      m->snippet ? m->snippet : "", extra ? extra : "");
	return fu_buf_detach(&b);
}

/* The known message a reply answers: In-Reply-To, then References from
 * the latest; one with a subject. */
static const fu_mail_known *thread_of(const fu_mail_ctx *x,
				      const fu_mail_msg *m)
{
	for (size_t i = m->nin_reply_to; i-- > 0;) {
		const fu_mail_known *k = known_by_id(x, m->in_reply_to[i]);
		if (k && (k->application_id || k->contact_id))
			return k;
	}
	for (size_t i = m->nreferences; i-- > 0;) {
		const fu_mail_known *k = known_by_id(x, m->references[i]);
		if (k && (k->application_id || k->contact_id))
			return k;
	}
	return NULL;
}

/* The recipients (To, then Cc) who are known contacts, into people;
 * the first's contact into *first. */
static int known_recipients(fu_mail_match *mt, const fu_mail_ctx *x,
			    const fu_mail_msg *m, const cx_contact **first)
{
	*first = NULL;
	for (int pass = 0; pass < 2; pass++) {
		const fu_mail_addr *list = pass ? m->cc : m->to;
		size_t n = pass ? m->ncc : m->nto;
		for (size_t i = 0; i < n; i++) {
			const cx_contact *c = contact_by_email(x, list[i].address);
			if (!c || is_user(x, list[i].address))
				continue;
			if (!*first)
				*first = c;
			if (add_person(mt, c->id, c->name, c->email))
				return FU_ERROR;
		}
	}
	return FU_OK;
}

/* A sent's people who are on its subject, or all of them when none is
 * (the first person decided the subject). */
static void keep_people_on(fu_mail_match *mt, const fu_mail_ctx *x)
{
	const cx_app *a = mt->application_id
		? app_by_id(x, mt->application_id) : NULL;
	if (!a || mt->npeople < 2)
		return;
	size_t k = 0;
	for (size_t i = 0; i < mt->npeople; i++) {
		int on = 0;
		for (size_t j = 0; j < a->ncontacts; j++)
			on |= a->contacts[j] == mt->people[i].contact_id;
		if (on || i == 0) {
			mt->people[k++] = mt->people[i];
		} else {
			free(mt->people[i].name);
			free(mt->people[i].address);
		}
	}
	mt->npeople = k;
}

static int all_known(const fu_mail_match *mt)
{
	for (size_t i = 0; i < mt->npeople; i++)
		if (!mt->people[i].contact_id)
			return 0;
	return 1;
}

static int decided(const fu_mail_match *mt)
{
	return (mt->application_id || mt->contact_id) && !mt->ncandidates;
}

/* A reply that declines is a rejection, on an application only. */
static void maybe_rejection(fu_mail_match *mt, const fu_mail_ctx *x,
			    const fu_mail_msg *m, const char **phrase)
{
	*phrase = NULL;
	if (mt->contact_id && !mt->ncandidates)
		return; /* networking: nothing to reject */
	char *t = text_of(m, NULL);
	const char *p = t ? fu_mail_declines(t) : NULL;
	free(t);
	(void)x;
	if (p) {
		mt->kind = FU_EV_REJECTION;
		*phrase = p;
	}
}

static int match_thread(fu_mail_match *mt, const fu_mail_ctx *x,
			const fu_mail_msg *m, const fu_mail_known *k,
			int from_user)
{
	mt->how = FU_MATCH_THREAD;
	mt->application_id = k->application_id;
	mt->contact_id = k->application_id ? 0 : k->contact_id;
	mt->channel = FU_CH_EMAIL;
	char what[64];
	if (k->event_id)
		snprintf(what, sizeof what, "your %s of event %lld",
			 fu_event_kind_name(k->kind) ? fu_event_kind_name(k->kind)
						     : "message",
			 (long long)k->event_id);
	else
		snprintf(what, sizeof what, "the message of proposal %lld",
			 (long long)k->proposal_id);
	char subj[300];
	subject_words(subj, sizeof subj, x, mt);
	if (from_user) {
		const cx_contact *first = NULL;
		mt->kind = FU_EV_SENT;
		if (known_recipients(mt, x, m, &first))
			return FU_ERROR;
		keep_people_on(mt, x);
		if (!mt->npeople && m->nto && !is_user(x, m->to[0].address) &&
		    add_new_person(mt, m->to[0].name, m->to[0].address))
			return FU_ERROR;
		mt->exact = decided(mt) && all_known(mt) && mt->npeople > 0;
		return set_reason(mt, "you wrote in the thread of %s, on %s",
				  what, subj);
	}
	mt->kind = FU_EV_REPLY;
	const cx_contact *c = contact_by_email(x, m->from.address);
	if (c) {
		if (add_person(mt, c->id, c->name, c->email))
			return FU_ERROR;
	} else if (m->from.address && !is_ats(x, m->from.address) &&
		   !(m->hints & FU_MAIL_AUTOMATED)) {
		if (add_new_person(mt, m->from.name, m->from.address))
			return FU_ERROR;
	}
	const char *phrase = NULL;
	maybe_rejection(mt, x, m, &phrase);
	mt->exact = mt->kind == FU_EV_REPLY && decided(mt) && all_known(mt);
	if (phrase)
		return set_reason(mt, "in reply to %s, on %s; it declines "
				  "(\"%s\")", what, subj, phrase);
	return set_reason(mt, "in reply to %s, on %s", what, subj);
}

/* --- invitations ----------------------------------------------------------- */

/* The event of a calendar an invitation is about: the first with a
 * start (the series itself before a single occurrence). */
static const fu_mail_vevent *invite_event(const fu_mail_calendar *c)
{
	const fu_mail_vevent *pick = NULL;
	for (size_t i = 0; c && i < c->nevents; i++) {
		const fu_mail_vevent *e = &c->events[i];
		if (!e->start.known)
			continue;
		if (!pick || (pick->has_recurrence_id && !e->has_recurrence_id))
			pick = e;
	}
	return pick;
}

/* The start as an instant: its UTC when the calendar gave one; a
 * floating time in the user's zone; a date alone at its local midday. */
static int64_t start_of(const fu_mail_time *t)
{
	if (t->has_utc)
		return t->utc;
	if (!t->local)
		return 0;
	char buf[40];
	int64_t at = 0;
	if (strlen(t->local) == 10)
		snprintf(buf, sizeof buf, "%s 12:00", t->local);
	else
		snprintf(buf, sizeof buf, "%.30s", t->local);
	if (fu_date_parse(&at, NULL, buf, 0, 0, NULL, 0) != FU_OK)
		return 0;
	return at;
}

static int contains_any(const char *text, const char *const *words)
{
	if (!text)
		return 0;
	char *t = fu__fold(text, FU_FOLD_ACCENTS);
	int yes = 0;
	for (int i = 0; t && words[i] && !yes; i++)
		yes = strstr(t, words[i]) != NULL;
	free(t);
	return yes;
}

/* How an interview will happen, as far as the invitation says. */
static fu_channel invite_channel(const fu_mail_vevent *e)
{
	static const char *const video[] = {
		"teams", "zoom", "meet.google", "google meet", "webex", "skype",
		"whereby", "jitsi", "video", "https://", "http://", NULL
	};
	static const char *const phone[] = {
		"phone", "telefon", "call", "anruf", NULL
	};
	if (contains_any(e->location, video) || contains_any(e->summary, video))
		return FU_CH_VIDEO;
	if (contains_any(e->location, phone) || contains_any(e->summary, phone))
		return FU_CH_PHONE;
	if (e->location && *e->location)
		return FU_CH_IN_PERSON;
	return FU_CH_NONE;
}

/* The applications at the companies of contacts at this address's
 * domain (a recruiter fu does not know yet, at a company it does). */
static int domain_subject(fu_mail_match *mt, const fu_mail_ctx *x,
			  const char *address)
{
	const char *d = domain_of(address);
	if (!d || is_public(d))
		return FU_OK;
	for (size_t i = 0; i < x->ncontacts; i++) {
		const cx_contact *c = &x->contacts[i];
		const char *cd = domain_of(c->email);
		if (!cd || strcasecmp(cd, d) || !c->company_id)
			continue;
		for (size_t j = 0; j < x->napps; j++)
			if (x->apps[j].company_id == c->company_id &&
			    x->apps[j].open && add_candidate(mt, x->apps[j].id))
				return FU_ERROR;
	}
	if (mt->ncandidates == 1) {
		mt->application_id = mt->candidates[0];
		mt->ncandidates = 0;
	}
	return FU_OK;
}

/* The open applications whose company the text names. */
static int named_subject(fu_mail_match *mt, const fu_mail_ctx *x,
			 const char *text, int open)
{
	char *t = text ? fu__fold(text, FU_FOLD_ACCENTS) : NULL;
	if (!t)
		return text ? FU_ERROR : FU_OK;
	int rc = FU_OK;
	for (size_t j = 0; j < x->napps && !rc; j++)
		if (x->apps[j].open == open &&
		    has_words(t, x->apps[j].fold_company))
			rc = add_candidate(mt, x->apps[j].id);
	free(t);
	if (!rc && mt->ncandidates == 1) {
		mt->application_id = mt->candidates[0];
		mt->ncandidates = 0;
	}
	return rc;
}

/* The aggregate of what fu has seen of one invitation (by UID). */
typedef struct seen_invite {
	int any, ignored, dropped;
	int maxseq;
	int64_t latest_start;
	const fu_mail_invite *open;   /* a proposal still waiting */
	const fu_mail_invite *accepted; /* the accepted one (not a change) */
	int cancel_seen;              /* a cancel was proposed or accepted at
	                                 maxseq */
} seen_invite;

static void seen_of(seen_invite *s, const fu_mail_ctx *x, const char *uid)
{
	memset(s, 0, sizeof *s);
	int64_t latest_id = -1;
	const fu_mail_invite *base = NULL; /* the latest not a change */
	for (size_t i = 0; i < x->ninvites; i++) {
		const fu_mail_invite *v = &x->invites[i].v;
		if (strcmp(v->uid, uid))
			continue;
		if (!s->any || v->sequence > s->maxseq ||
		    (v->sequence == s->maxseq && v->proposal_id > latest_id)) {
			if (!s->any || v->sequence > s->maxseq)
				s->cancel_seen = 0;
			s->maxseq = v->sequence;
			latest_id = v->proposal_id;
			if (v->start)
				s->latest_start = v->start;
		}
		if (v->change == FU_CHANGE_CANCEL && v->sequence >= s->maxseq &&
		    v->state != FU_INVITE_IGNORED)
			s->cancel_seen = 1;
		s->any = 1;
		if (v->state == FU_INVITE_OPEN)
			s->open = v;
		if (v->change != FU_CHANGE_NONE)
			continue;
		if (v->state == FU_INVITE_IGNORED)
			s->ignored = 1;
		if (v->state == FU_INVITE_ACCEPTED &&
		    (!s->accepted || v->proposal_id > s->accepted->proposal_id))
			s->accepted = v;
		if (!base || v->sequence > base->sequence ||
		    (v->sequence == base->sequence &&
		     v->proposal_id > base->proposal_id))
			base = v;
	}
	/* cancelled before it was ever accepted */
	s->dropped = base && base->state == FU_INVITE_DROPPED && !s->accepted &&
		     !s->open;
}

/* The people of an invitation: the organizer and attendees, each once
 * (by address), the user, rooms and resources aside. */
static int invite_people(fu_mail_match *mt, const fu_mail_ctx *x,
			 const fu_mail_vevent *e)
{
	for (size_t i = 0; i <= e->nattendees; i++) {
		const fu_mail_person *p = i == 0 ? (e->has_organizer
						    ? &e->organizer : NULL)
			: &e->attendees[i - 1];
		if (!p || !p->address || !strchr(p->address, '@') ||
		    is_user(x, p->address))
			continue;
		if (p->cutype && (!strcasecmp(p->cutype, "ROOM") ||
				  !strcasecmp(p->cutype, "RESOURCE")))
			continue;
		const cx_contact *c = contact_by_email(x, p->address);
		int rc = c ? add_person(mt, c->id, c->name, c->email)
			   : add_new_person(mt, p->name, p->address);
		if (rc)
			return rc;
	}
	return FU_OK;
}

static int match_invitation(fu_mail_match *mt, const fu_mail_ctx *x,
			    const fu_mail_msg *m, const fu_mail_vevent *e,
			    int cancel)
{
	seen_invite s;
	const char *uid = e->uid;
	int64_t start = start_of(&e->start);
	mt->how = FU_MATCH_INVITATION;
	if (uid)
		seen_of(&s, x, uid);
	else
		memset(&s, 0, sizeof s);
	if (!start && !cancel) {
		mt->why = "an invitation without a time it starts";
		return FU_OK;
	}
	if (s.ignored) {
		mt->why = "an invitation you ignored";
		return FU_OK;
	}
	if (s.any && e->sequence < s.maxseq) {
		mt->why = "an older version of an invitation fu has seen";
		return FU_OK;
	}
	int newer = !s.any || e->sequence > s.maxseq ||
		    (start && start != s.latest_start);
	if (cancel) {
		if (!s.any) {
			mt->why = "the cancellation of an invitation fu has "
				  "not seen";
			return FU_OK;
		}
		if (s.cancel_seen || s.dropped) {
			mt->why = "a cancellation fu has seen";
			return FU_OK;
		}
		if (s.open && s.open->change == FU_CHANGE_NONE) {
			/* not accepted yet: the proposal is withdrawn */
			mt->drop_proposal = s.open->proposal_id;
			mt->why = "cancels an invitation still waiting";
			return FU_OK;
		}
		if (!s.accepted || !s.accepted->event_id) {
			mt->why = "cancels an interview fu no longer has";
			return FU_OK;
		}
		mt->kind = FU_EV_INTERVIEW;
		mt->change = FU_CHANGE_CANCEL;
		mt->event_id = s.accepted->event_id;
		mt->at = s.latest_start ? s.latest_start : start;
		if (s.open)
			mt->update_proposal = s.open->proposal_id;
		if (!(mt->uid = strdup(uid)))
			return FU_ERROR;
		mt->sequence = e->sequence;
		return set_reason(mt, "the invitation was cancelled: removes "
				  "the interview of event %lld",
				  (long long)mt->event_id);
	}
	if (s.any && !newer) {
		mt->why = "an invitation fu has seen";
		return FU_OK;
	}
	if (s.dropped && !s.open && !s.accepted && e->sequence <= s.maxseq) {
		mt->why = "an invitation that was cancelled";
		return FU_OK;
	}
	if (s.accepted && s.accepted->event_id && !s.dropped) {
		if (start == s.latest_start) {
			mt->why = "an update that does not move the interview";
			return FU_OK;
		}
		mt->kind = FU_EV_INTERVIEW;
		mt->change = FU_CHANGE_RESCHEDULE;
		mt->event_id = s.accepted->event_id;
		mt->at = start;
		if (s.open)
			mt->update_proposal = s.open->proposal_id;
		if (!(mt->uid = strdup(uid)))
			return FU_ERROR;
		mt->sequence = e->sequence;
		return set_reason(mt, "the invitation was moved: moves the "
				  "interview of event %lld",
				  (long long)mt->event_id);
	}
	if (s.accepted && !s.accepted->event_id && !s.open) {
		mt->why = "an update of an interview fu no longer has";
		return FU_OK;
	}
	/* a new invitation (or a new version of one still waiting) */
	const fu_mail_person *org = e->has_organizer ? &e->organizer : NULL;
	if (org && is_user(x, org->address)) {
		mt->why = "an invitation you sent";
		return FU_OK;
	}
	const cx_contact *by = org ? contact_by_email(x, org->address) : NULL;
	const char *how = "the organizer";
	if (by) {
		if (contact_subject(mt, x, by->id))
			return FU_ERROR;
	} else if (org && org->address) {
		if (domain_subject(mt, x, org->address))
			return FU_ERROR;
		how = "the organizer's company";
	}
	for (size_t i = 0; !decided(mt) && !mt->ncandidates &&
	     i < e->nattendees; i++) {
		const cx_contact *c = contact_by_email(x, e->attendees[i].address);
		if (c && !is_user(x, c->email)) {
			if (contact_subject(mt, x, c->id))
				return FU_ERROR;
			how = "an attendee";
		}
	}
	if (!decided(mt) && !mt->ncandidates && !m->is_calendar) {
		const cx_contact *c = contact_by_email(x, m->from.address);
		if (c && !is_user(x, c->email)) {
			if (contact_subject(mt, x, c->id))
				return FU_ERROR;
			how = "its sender";
		} else if (m->from.address && !is_user(x, m->from.address)) {
			if (domain_subject(mt, x, m->from.address))
				return FU_ERROR;
			how = "its sender's company";
		}
	}
	if (!decided(mt) && !mt->ncandidates) {
		char *t = text_of(m, e->summary);
		int rc = t ? named_subject(mt, x, t, 1) : FU_ERROR;
		free(t);
		if (rc)
			return rc;
		how = "its company, named";
	}
	if (!decided(mt) && !mt->ncandidates) {
		mt->why = "an invitation from nobody fu knows";
		return FU_OK;
	}
	char *t = text_of(m, e->summary);
	narrow_by_role(mt, x, t);
	free(t);
	mt->kind = mt->contact_id ? FU_EV_MEETING : FU_EV_INTERVIEW;
	mt->at = start;
	mt->channel = invite_channel(e);
	mt->sequence = e->sequence;
	if (uid && !(mt->uid = strdup(uid)))
		return FU_ERROR;
	if (s.open)
		mt->update_proposal = s.open->proposal_id;
	if (invite_people(mt, x, e))
		return FU_ERROR;
	char subj[300];
	subject_words(subj, sizeof subj, x, mt);
	return set_reason(mt, "an invitation%s, on %s by %s",
			  s.open ? " (a new version)" : "", subj, how);
}

/* --- the rest ---------------------------------------------------------------- */

static int from_contact(fu_mail_match *mt, const fu_mail_ctx *x,
			const fu_mail_msg *m, const cx_contact *c)
{
	mt->how = FU_MATCH_CONTACT;
	mt->kind = FU_EV_REPLY;
	mt->channel = FU_CH_EMAIL;
	if (contact_subject(mt, x, c->id) ||
	    add_person(mt, c->id, c->name, c->email))
		return FU_ERROR;
	char *t = text_of(m, NULL);
	narrow_by_role(mt, x, t);
	free(t);
	const char *phrase = NULL;
	maybe_rejection(mt, x, m, &phrase);
	char subj[300];
	subject_words(subj, sizeof subj, x, mt);
	if (phrase)
		return set_reason(mt, "from %s, a contact on %s; it declines "
				  "(\"%s\")", c->name, subj, phrase);
	return set_reason(mt, "from %s, a contact on %s", c->name, subj);
}

static int from_ats(fu_mail_match *mt, const fu_mail_ctx *x,
		    const fu_mail_msg *m)
{
	mt->how = FU_MATCH_ATS;
	mt->channel = FU_CH_EMAIL;
	const char *at = strchr(m->from.address, '@');
	char local[128];
	snprintf(local, sizeof local, "%.*s",
		 (int)(at ? (size_t)(at - m->from.address) < 127
			    ? (size_t)(at - m->from.address) : 127 : 0),
		 m->from.address);
	fu_buf b = FU_BUF_INIT;
	fu_buf_printf(&b, "%s\n%s\n%s", m->from.name ? m->from.name : "", local,
		      m->subject ? m->subject : "");
	char *names = fu_buf_detach(&b);
	if (!names)
		return FU_ERROR;
	int rc = named_subject(mt, x, names, 1);
	if (!rc && !decided(mt) && !mt->ncandidates)
		rc = named_subject(mt, x, names, 0);
	free(names);
	if (rc)
		return rc;
	if (!decided(mt) && !mt->ncandidates) {
		mt->why = "mail from an applicant tracking system that names "
			  "none of your companies";
		return FU_OK;
	}
	char *t = text_of(m, NULL);
	narrow_by_role(mt, x, t);
	free(t);
	mt->kind = FU_EV_REPLY;
	const char *phrase = NULL;
	maybe_rejection(mt, x, m, &phrase);
	const char *d = domain_of(m->from.address);
	char subj[300];
	subject_words(subj, sizeof subj, x, mt);
	if (phrase)
		return set_reason(mt, "from %s, an applicant tracking system, "
				  "about %s; it declines (\"%s\")", d, subj,
				  phrase);
	return set_reason(mt, "from %s, an applicant tracking system, about %s",
			  d, subj);
}

static int own_message_known(const fu_mail_ctx *x, const fu_mail_msg *m)
{
	return m->message_id && known_by_id(x, m->message_id);
}

int fu_mail_match_msg(fu_mail_match *mt, const fu_mail_ctx *x,
		      const fu_mail_msg *m)
{
	memset(mt, 0, sizeof *mt);
	if (index_ctx(x))
		return FU_ERROR;
	mt->at = m->has_date ? m->date : 0;
	if (own_message_known(x, m)) {
		mt->why = "fu knows this message already";
		return FU_OK;
	}
	/* an invitation: a calendar to schedule (a .ics file given alone
	 * is one whatever its METHOD) */
	const fu_mail_calendar *cal = m->calendar;
	const fu_mail_vevent *e = invite_event(cal);
	if (e && cal->method && (!strcmp(cal->method, "REQUEST") ||
				 !strcmp(cal->method, "CANCEL")))
		return match_invitation(mt, x, m, e,
					!strcmp(cal->method, "CANCEL") ||
					(e->status &&
					 !strcasecmp(e->status, "CANCELLED")));
	if (e && m->is_calendar)
		return match_invitation(mt, x, m, e,
					(cal->method &&
					 !strcmp(cal->method, "CANCEL")) ||
					(e->status &&
					 !strcasecmp(e->status, "CANCELLED")));
	if (m->is_calendar) {
		mt->why = "a calendar without an event with a time";
		return FU_OK;
	}
	if (!m->from.address) {
		mt->why = "no sender";
		return FU_OK;
	}
	if (m->hints & FU_MAIL_AUTOREPLY) {
		mt->why = "an automatic reply";
		return FU_OK;
	}
	int from_user = is_user(x, m->from.address);
	const fu_mail_known *k = thread_of(x, m);
	if (k)
		return match_thread(mt, x, m, k, from_user);
	if (m->hints & (FU_MAIL_LIST | FU_MAIL_BULK)) {
		mt->why = "a list or bulk message";
		return FU_OK;
	}
	if (from_user) {
		const cx_contact *first = NULL;
		if (known_recipients(mt, x, m, &first))
			return FU_ERROR;
		if (!first) {
			mt->why = "from you, to nobody fu knows";
			return FU_OK;
		}
		mt->how = FU_MATCH_USER;
		mt->kind = FU_EV_SENT;
		mt->channel = FU_CH_EMAIL;
		if (contact_subject(mt, x, first->id))
			return FU_ERROR;
		char *t = text_of(m, NULL);
		narrow_by_role(mt, x, t);
		free(t);
		keep_people_on(mt, x);
		char subj[300];
		subject_words(subj, sizeof subj, x, mt);
		return set_reason(mt, "you wrote to %s, a contact on %s",
				  first->name, subj);
	}
	const cx_contact *c = contact_by_email(x, m->from.address);
	for (size_t i = 0; !c && i < m->nreply_to; i++)
		c = contact_by_email(x, m->reply_to[i].address);
	if (c && !is_user(x, c->email))
		return from_contact(mt, x, m, c);
	if (is_ats(x, m->from.address))
		return from_ats(mt, x, m);
	mt->why = "not from anyone fu knows";
	return FU_OK;
}

int fu_mail_worth_reading(const fu_mail_ctx *x, const fu_mail_msg *m)
{
	if (index_ctx(x))
		return 1; /* cannot tell: read it */
	if (m->is_calendar || m->full)
		return 1;
	if (own_message_known(x, m) || !m->from.address ||
	    (m->hints & FU_MAIL_AUTOREPLY))
		return 0;
	if (thread_of(x, m))
		return 1;
	int robot = m->hints & (FU_MAIL_LIST | FU_MAIL_BULK);
	if (is_user(x, m->from.address)) {
		if (robot)
			return 0;
		for (size_t i = 0; i < m->nto; i++)
			if (contact_by_email(x, m->to[i].address))
				return 1;
		for (size_t i = 0; i < m->ncc; i++)
			if (contact_by_email(x, m->cc[i].address))
				return 1;
		return 0;
	}
	if (robot)
		return 0;
	if (contact_by_email(x, m->from.address) || is_ats(x, m->from.address))
		return 1;
	for (size_t i = 0; i < m->nreply_to; i++)
		if (contact_by_email(x, m->reply_to[i].address))
			return 1;
	/* an invitation from someone near the hunt */
	const char *ct = m->content_type;
	if (!ct || (strcmp(ct, "text/calendar") &&
		    strncmp(ct, "multipart/", 10)))
		return 0;
	if (near_domain(x, m->from.address) ||
	    (m->sender.address && near_domain(x, m->sender.address)))
		return 1;
	if (!m->subject)
		return 0;
	char *t = fu__fold(m->subject, FU_FOLD_ACCENTS);
	int yes = !t; /* out of memory: read it */
	for (size_t j = 0; t && j < x->napps && !yes; j++)
		yes = x->apps[j].open && (has_words(t, x->apps[j].fold_company) ||
					  has_words(t, x->apps[j].fold_role));
	free(t);
	return yes;
}
