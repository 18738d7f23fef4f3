/* SPDX-License-Identifier: MIT */
/* cmd_edit.c - fu edit REF: correct an application or a contact */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "fu/json.h"
#include "opt.h"

enum {
	O_COMPANY = 1, O_ROLE, O_APPLIED, O_SOURCE, O_URL, O_NOTES, O_CALLS,
	O_NO_CALLS, O_FOLLOW_UP, O_NO_FOLLOW_UP, O_CONTACT, O_DROP_CONTACT,
	O_NAME, O_TITLE, O_EMAIL, O_PHONE, O_ADDRESS, O_PREFERS, O_SOCIAL_OK,
	O_NO_SOCIAL, O_NEW_COMPANY
};

static const opt_spec edit_options[] = {
	{ "company", 0, "C", O_COMPANY,
	  "the company, found as fu add finds it (of a contact: empty for none)" },
	{ "new-company", 0, NULL, O_NEW_COMPANY,
	  "the company as typed, even when it starts a known one's name" },
	{ "role", 0, "R", O_ROLE, "the application's role" },
	{ "applied", 0, "DATE", O_APPLIED,
	  "when you applied: moves the first applied event, or adds one" },
	{ "source", 0, "S", O_SOURCE,
	  "board, referral, recruiter, direct or other; empty to clear" },
	{ "url", 0, "U", O_URL, "the posting's address; empty to clear" },
	{ "notes", 0, "TEXT", O_NOTES, "your notes; empty to clear" },
	{ "calls", 0, NULL, O_CALLS,
	  "the posting allows phone calls, or the contact takes them" },
	{ "no-calls", 0, NULL, O_NO_CALLS,
	  "no phone calls, for the posting or the contact" },
	{ "follow-up", 0, NULL, O_FOLLOW_UP, "the posting allows follow-ups" },
	{ "no-follow-up", 0, NULL, O_NO_FOLLOW_UP,
	  "the posting says not to follow up" },
	{ "contact", 0, "REF", O_CONTACT,
	  "attach a person to the application, known or new (repeatable)" },
	{ "drop-contact", 0, "REF", O_DROP_CONTACT,
	  "detach a person; the contact itself is kept (repeatable)" },
	{ "name", 0, "N", O_NAME, "the contact's name" },
	{ "title", 0, "T", O_TITLE, "the contact's job title; empty to clear" },
	{ "email", 0, "E", O_EMAIL,
	  "the contact's e-mail address; empty to clear" },
	{ "phone", 0, "P", O_PHONE,
	  "the contact's phone number; empty to clear" },
	{ "address", 0, "A", O_ADDRESS,
	  "the contact's postal address; empty to clear" },
	{ "prefers", 0, "CHANNEL", O_PREFERS,
	  "email, phone, letter, social, or none for no preference" },
	{ "social-ok", 0, NULL, O_SOCIAL_OK,
	  "the contact is fine with being contacted on social media" },
	{ "no-social", 0, NULL, O_NO_SOCIAL,
	  "the contact is not to be contacted on social media" },
	{ NULL, 0, NULL, 0, NULL }
};

typedef struct change {
	int id;
	const char *arg;
} change;

/* "" clears an optional field; the value otherwise. */
static int set_field(char **field, const char *v)
{
	free(*field);
	*field = *v ? strdup(v) : NULL;
	return *v && !*field ? -1 : 0;
}

static const char *opt_name(int id)
{
	for (const opt_spec *o = edit_options; o->name; o++)
		if (o->id == id)
			return o->name;
	return "?";
}

/* --company C: the company C names, as fu add finds it (cli_company);
 * "" clears it (contacts only: an application says so first). */
static int set_company(cli *c, char **company, const char *v, int new_company)
{
	int rc = set_field(company, v);
	return rc || !*company ? rc : cli_company(c, company, new_company);
}

static int edit_application(cli *c, int64_t id, const change *ch, size_t n,
			    int new_company)
{
	fu_application *a = NULL;
	int lrc = fu_application_get(&a, c->db, id), rc = FU_EXIT_OK;
	if (lrc)
		return cli_lib_fail(c, lrc);
	for (size_t i = 0; i < n && !rc; i++) {
		const char *v = ch[i].arg;
		switch (ch[i].id) {
		case O_COMPANY:
			if (!*v)
				rc = cli_fail(FU_EXIT_INVALID, "--company is empty");
			else
				rc = set_company(c, &a->company, v, new_company);
			break;
		case O_ROLE:
			if (!*v)
				rc = cli_fail(FU_EXIT_INVALID, "--role is empty");
			else
				rc = set_field(&a->role, v);
			break;
		case O_APPLIED:
			rc = cli_event_time(c, &a->applied_at, "--applied", v);
			break;
		case O_SOURCE:
			if (!*v)
				a->source = FU_SRC_NONE;
			else if (fu_source_parse(&a->source, v) != FU_OK)
				rc = cli_fail(FU_EXIT_INVALID, "--source takes "
					"%s, not '%s'", fu_source_names(), v);
			break;
		case O_URL: rc = set_field(&a->url, v); break;
		case O_NOTES: rc = set_field(&a->notes, v); break;
		case O_CALLS: a->no_calls = 0; break;
		case O_NO_CALLS: a->no_calls = 1; break;
		case O_FOLLOW_UP: a->no_follow_up = 0; break;
		case O_NO_FOLLOW_UP: a->no_follow_up = 1; break;
		case O_CONTACT:
			rc = cli_add_person(c, &a->contact_ids, &a->ncontacts,
					    &a->new_contacts, &a->nnew_contacts,
					    v);
			break;
		case O_DROP_CONTACT: {
			fu_ref r;
			if ((rc = cli_ref(c, &r, v, FU_REF_CONTACT)))
				break;
			size_t k = 0;
			for (size_t j = 0; j < a->ncontacts; j++)
				if (a->contact_ids[j] != r.id)
					a->contact_ids[k++] = a->contact_ids[j];
			if (k == a->ncontacts)
				rc = cli_fail(FU_EXIT_NOTFOUND, "%s is not a "
					"contact of this application", v);
			a->ncontacts = k;
			break;
		}
		default:
			rc = cli_usage_fail(c, "--%s is for contacts, and %lld is "
				"an application", opt_name(ch[i].id),
				(long long)id);
		}
	}
	if (rc == -1)
		rc = cli_fail(FU_EXIT_FAILURE, "out of memory");
	if (!rc && (lrc = fu_application_update(c->db, a)))
		rc = cli_lib_fail(c, lrc);
	fu_application_free(a);
	if (rc)
		return rc;
	if ((lrc = fu_application_get(&a, c->db, id)))
		return cli_lib_fail(c, lrc);
	if (c->json) {
		rc = cli_json(c, cli_application_json(c, a));
	} else {
		printf("updated application %lld: ", (long long)a->id);
		cli_put(stdout, a->company);
		printf(", ");
		cli_put(stdout, a->role);
		printf("\n");
		cli_print_next(c, a->id, 0);
	}
	fu_application_free(a);
	return rc;
}

static int edit_contact(cli *c, int64_t id, const change *ch, size_t n,
			int new_company)
{
	fu_contact *p = NULL;
	int lrc = fu_contact_get(&p, c->db, id), rc = FU_EXIT_OK;
	if (lrc)
		return cli_lib_fail(c, lrc);
	for (size_t i = 0; i < n && !rc; i++) {
		const char *v = ch[i].arg;
		switch (ch[i].id) {
		case O_NAME:
			if (!*v)
				rc = cli_fail(FU_EXIT_INVALID, "--name is empty");
			else
				rc = set_field(&p->name, v);
			break;
		case O_COMPANY:
			rc = set_company(c, &p->company, v, new_company);
			break;
		case O_TITLE: rc = set_field(&p->title, v); break;
		case O_EMAIL: rc = set_field(&p->email, v); break;
		case O_PHONE: rc = set_field(&p->phone, v); break;
		case O_ADDRESS: rc = set_field(&p->address, v); break;
		case O_NOTES: rc = set_field(&p->notes, v); break;
		case O_PREFERS:
			if (!*v || !strcmp(v, "none"))
				p->prefers = FU_CH_NONE;
			else
				rc = cli_parse_prefers(c, &p->prefers, v);
			break;
		case O_CALLS: p->no_calls = 0; break;
		case O_NO_CALLS: p->no_calls = 1; break;
		case O_SOCIAL_OK: p->social_ok = 1; break;
		case O_NO_SOCIAL: p->social_ok = 0; break;
		default:
			rc = cli_usage_fail(c, "--%s is for applications, and "
				"%lld is a contact", opt_name(ch[i].id),
				(long long)id);
		}
	}
	if (rc == -1)
		rc = cli_fail(FU_EXIT_FAILURE, "out of memory");
	if (!rc && p->prefers == FU_CH_PHONE && p->no_calls)
		rc = cli_fail(FU_EXIT_INVALID, "a contact who takes no calls "
			      "cannot prefer the phone");
	if (!rc && (lrc = fu_contact_update(c->db, p)))
		rc = cli_lib_fail(c, lrc);
	fu_contact_free(p);
	if (rc)
		return rc;
	if ((lrc = fu_contact_get(&p, c->db, id)))
		return cli_lib_fail(c, lrc);
	if (c->json) {
		rc = cli_json(c, fu_json_contact(p));
	} else {
		printf("updated contact %lld: ", (long long)p->id);
		cli_put(stdout, p->name);
		printf("\n");
	}
	fu_contact_free(p);
	return rc;
}

static int cmd_edit(cli *c, int argc, char **argv)
{
	change *ch = calloc((size_t)argc + 1, sizeof *ch);
	size_t n = 0;
	const char *ref = NULL, *arg;
	opt_state st;
	int id, rc = FU_EXIT_OK, new_company = 0;
	if (!ch)
		return cli_fail(FU_EXIT_FAILURE, "out of memory");
	opt_init(&st, argc, argv);
	while (!rc && (id = opt_next(c, &st, edit_options, &arg)) != OPT_END) {
		if (id == OPT_ERROR) {
			rc = FU_EXIT_USAGE;
		} else if (id == OPT_POSITIONAL) {
			if (ref)
				rc = cli_usage_fail(c, "unexpected '%s'", arg);
			ref = arg;
		} else if (id == O_NEW_COMPANY) {
			new_company = 1;
		} else {
			ch[n].id = id;
			ch[n++].arg = arg ? arg : "";
		}
	}
	if (!rc && c->help) {
		rc = cli_help(c);
		goto done;
	}
	if (!rc && !ref)
		rc = cli_usage_fail(c, "missing what to edit (REF)");
	if (!rc && n == 0)
		rc = cli_usage_fail(c, "nothing to change: give an option "
				    "such as --role or --email");
	fu_ref r;
	if (rc || (rc = cli_open(c, CLI_WRITE)) ||
	    (rc = cli_ref(c, &r, ref, FU_REF_ANY)))
		goto done;
	rc = r.type == FU_REF_APPLICATION
		     ? edit_application(c, r.id, ch, n, new_company)
		     : edit_contact(c, r.id, ch, n, new_company);
done:
	free(ch);
	return rc;
}

const cmd cmd_edit_def = {
	.name = "edit",
	.fn = cmd_edit,
	.summary = "correct an application or a contact",
	.usage = "fu edit APPLICATION [--company C] [--role R] [--applied DATE] [--source S]\n"
		 "       [--url U] [--notes TEXT] [--calls | --no-calls]\n"
		 "       [--follow-up | --no-follow-up] [--contact REF]... [--drop-contact REF]...\n"
		 "       [--new-company]\n"
		 "fu edit CONTACT [--name N] [--company C] [--title T] [--email E] [--phone P]\n"
		 "       [--address A] [--prefers CHANNEL|none] [--calls | --no-calls]\n"
		 "       [--social-ok | --no-social] [--notes TEXT] [--new-company]",
	.options = edit_options,
};
