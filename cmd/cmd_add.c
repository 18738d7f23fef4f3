/* SPDX-License-Identifier: MIT */
/* cmd_add.c - fu add contact | application */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "fu/date.h"
#include "fu/json.h"
#include "opt.h"

enum {
	O_COMPANY = 1, O_TITLE, O_EMAIL, O_PHONE, O_ADDRESS, O_PREFERS,
	O_NO_CALLS, O_SOCIAL_OK, O_NOTES, O_CONTACT, O_APPLIED, O_SOURCE,
	O_URL, O_NO_FOLLOW_UP, O_NEW_COMPANY
};

static const opt_spec add_contact_options[] = {
	{ "company", 0, "C", O_COMPANY, "the company they work for" },
	{ "title", 0, "T", O_TITLE, "their job title" },
	{ "email", 0, "E", O_EMAIL,
	  "their e-mail address, which drafts are addressed to" },
	{ "phone", 0, "P", O_PHONE, "their phone number" },
	{ "address", 0, "A", O_ADDRESS, "their postal address, for letters" },
	{ "prefers", 0, "CHANNEL", O_PREFERS,
	  "how they like to be reached: email, phone, letter, social" },
	{ "no-calls", 0, NULL, O_NO_CALLS,
	  "they take no phone calls: never suggest the phone" },
	{ "social-ok", 0, NULL, O_SOCIAL_OK,
	  "they are fine with being contacted on social media" },
	{ "notes", 0, "TEXT", O_NOTES,
	  "anything worth remembering about them" },
	{ "new-company", 0, NULL, O_NEW_COMPANY,
	  "the company as typed, even when it starts a known one's name" },
	{ NULL, 0, NULL, 0, NULL }
};

static const opt_spec add_application_options[] = {
	{ "contact", 0, "REF", O_CONTACT,
	  "a person to write to, known or new (repeatable)" },
	{ "applied", 0, "DATE", O_APPLIED, "when you applied (default: now)" },
	{ "source", 0, "S", O_SOURCE,
	  "where you found it: board, referral, recruiter, direct, other" },
	{ "url", 0, "U", O_URL, "the posting's address" },
	{ "no-calls", 0, NULL, O_NO_CALLS, "the posting says no phone calls" },
	{ "no-follow-up", 0, NULL, O_NO_FOLLOW_UP,
	  "the posting says not to follow up: no check-ins or nudges" },
	{ "notes", 0, "TEXT", O_NOTES,
	  "anything worth remembering about the application" },
	{ "new-company", 0, NULL, O_NEW_COMPANY,
	  "the company as typed, even when it starts a known one's name" },
	{ NULL, 0, NULL, 0, NULL }
};

/* A string option: set once; "" is refused (say nothing instead). */
static int set_text(cli *c, char **field, const char *opt, const char *v)
{
	(void)c;
	if (!*v)
		return cli_fail(FU_EXIT_INVALID, "%s is empty", opt);
	free(*field);
	*field = strdup(v);
	return *field ? FU_EXIT_OK : cli_fail(FU_EXIT_FAILURE, "out of memory");
}

int cli_parse_prefers(cli *c, fu_channel *out, const char *v)
{
	(void)c;
	if (fu_channel_parse(out, v) != FU_OK || *out == FU_CH_IN_PERSON ||
	    *out == FU_CH_VIDEO)
		return cli_fail(FU_EXIT_INVALID, "--prefers takes email, phone, "
				"letter or social, not '%s'", v);
	return FU_EXIT_OK;
}

static int add_contact(cli *c, int argc, char **argv)
{
	fu_contact ct = { 0 };
	opt_state st;
	const char *arg;
	int id, rc = FU_EXIT_OK, new_company = 0;
	opt_init(&st, argc, argv);
	while (rc == FU_EXIT_OK &&
	       (id = opt_next(c, &st, add_contact_options, &arg)) != OPT_END) {
		switch (id) {
		case OPT_ERROR: rc = FU_EXIT_USAGE; break;
		case OPT_POSITIONAL:
			if (ct.name)
				rc = cli_usage_fail(c, "one name at a time; "
					"quote a name with spaces: \"%s %s\"",
					ct.name, arg);
			else
				rc = set_text(c, &ct.name, "the name", arg);
			break;
		case O_COMPANY: rc = set_text(c, &ct.company, "--company", arg); break;
		case O_TITLE: rc = set_text(c, &ct.title, "--title", arg); break;
		case O_EMAIL: rc = set_text(c, &ct.email, "--email", arg); break;
		case O_PHONE: rc = set_text(c, &ct.phone, "--phone", arg); break;
		case O_ADDRESS: rc = set_text(c, &ct.address, "--address", arg); break;
		case O_NOTES: rc = set_text(c, &ct.notes, "--notes", arg); break;
		case O_NEW_COMPANY: new_company = 1; break;
		case O_PREFERS: rc = cli_parse_prefers(c, &ct.prefers, arg); break;
		case O_NO_CALLS: ct.no_calls = 1; break;
		case O_SOCIAL_OK: ct.social_ok = 1; break;
		}
	}
	if (rc == FU_EXIT_OK && c->help) {
		rc = cli_help(c);
		goto done;
	}
	if (rc == FU_EXIT_OK && !ct.name)
		rc = cli_usage_fail(c, "missing the contact's NAME");
	if (rc == FU_EXIT_OK && ct.prefers == FU_CH_PHONE && ct.no_calls)
		rc = cli_fail(FU_EXIT_INVALID, "--prefers phone and --no-calls "
			      "contradict each other");
	if (rc || (rc = cli_open(c, CLI_WRITE)) ||
	    (ct.company && (rc = cli_company(c, &ct.company, new_company))))
		goto done;
	int lrc = fu_contact_add(c->db, &ct);
	if (lrc) {
		rc = cli_lib_fail(c, lrc);
		goto done;
	}
	if (c->json) {
		rc = cli_json(c, fu_json_contact(&ct));
	} else {
		printf("added contact %lld: ", (long long)ct.id);
		cli_put(stdout, ct.name);
		if (ct.company || ct.title) {
			printf(" (");
			cli_put(stdout, ct.title ? ct.title : "");
			printf("%s", ct.title && ct.company ? ", " : "");
			cli_put(stdout, ct.company ? ct.company : "");
			printf(")");
		}
		printf("\n");
	}
done:
	fu_contact_clear(&ct);
	return rc;
}

static int add_application(cli *c, int argc, char **argv)
{
	fu_application a = { 0 };
	char **refs = NULL;
	size_t nrefs = 0;
	const char *applied = NULL, *arg;
	opt_state st;
	int id, rc = FU_EXIT_OK, npos = 0, new_company = 0;
	opt_init(&st, argc, argv);
	while (rc == FU_EXIT_OK &&
	       (id = opt_next(c, &st, add_application_options, &arg)) != OPT_END) {
		switch (id) {
		case OPT_ERROR: rc = FU_EXIT_USAGE; break;
		case OPT_POSITIONAL:
			if (npos == 0)
				rc = set_text(c, &a.company, "the company", arg);
			else if (npos == 1)
				rc = set_text(c, &a.role, "the role", arg);
			else
				rc = cli_usage_fail(c, "unexpected '%s': quote "
					"a role with spaces", arg);
			npos++;
			break;
		case O_CONTACT:
			if (strlist_push(&refs, &nrefs, arg))
				rc = cli_fail(FU_EXIT_FAILURE, "out of memory");
			break;
		case O_APPLIED: applied = arg; break;
		case O_SOURCE:
			if (fu_source_parse(&a.source, arg) != FU_OK)
				rc = cli_fail(FU_EXIT_INVALID, "--source takes "
					"%s, not '%s'", fu_source_names(), arg);
			break;
		case O_URL: rc = set_text(c, &a.url, "--url", arg); break;
		case O_NOTES: rc = set_text(c, &a.notes, "--notes", arg); break;
		case O_NO_CALLS: a.no_calls = 1; break;
		case O_NO_FOLLOW_UP: a.no_follow_up = 1; break;
		case O_NEW_COMPANY: new_company = 1; break;
		}
	}
	if (rc == FU_EXIT_OK && c->help) {
		rc = cli_help(c);
		goto done;
	}
	if (rc == FU_EXIT_OK && npos < 2)
		rc = cli_usage_fail(c, "missing the %s", npos ? "ROLE" :
				    "COMPANY and ROLE");
	if (rc || (rc = cli_open(c, CLI_WRITE)) ||
	    (rc = cli_company(c, &a.company, new_company)))
		goto done;
	int64_t applied_at = c->now;
	if (applied && (rc = cli_event_time(c, &applied_at, "--applied",
					    applied)))
		goto done;
	for (size_t i = 0; i < nrefs && !rc; i++)
		rc = cli_add_person(c, &a.contact_ids, &a.ncontacts,
				    &a.new_contacts, &a.nnew_contacts, refs[i]);
	if (rc)
		goto done;
	int lrc = fu_application_add(c->db, &a, applied_at);
	if (lrc) {
		rc = cli_lib_fail(c, lrc);
		goto done;
	}
	fu_application *got = NULL;
	if ((lrc = fu_application_get(&got, c->db, a.id))) {
		rc = cli_lib_fail(c, lrc);
		goto done;
	}
	if (c->json) {
		rc = cli_json(c, cli_application_json(c, got));
	} else {
		char h[FU_HUMAN_LEN];
		printf("added application %lld: ", (long long)got->id);
		cli_put(stdout, got->company);
		printf(", ");
		cli_put(stdout, got->role);
		printf(" (applied %s)\n", fu_time_human(h, applied_at, c->now, 0));
		/* people named who were nobody yet: say they were created */
		for (size_t i = got->ncontacts - a.nnew_contacts;
		     i < got->ncontacts; i++) {
			printf("added contact %lld: ", (long long)got->contact_ids[i]);
			cli_put(stdout, a.new_contacts[i - (got->ncontacts -
							    a.nnew_contacts)]);
			printf("\n");
		}
		cli_print_next(c, got->id, 0);
	}
	fu_application_free(got);
done:
	for (size_t i = 0; i < nrefs; i++)
		free(refs[i]);
	free(refs);
	fu_application_clear(&a);
	return rc;
}

/* What fu add takes: each form parses its own options. */
static const cmd add_contact_def = {
	.name = "contact",
	.fn = add_contact,
	.summary = "record a contact",
	.usage = "fu add contact NAME [--company C] [--title T] [--email E] [--phone P]\n"
		 "       [--address A] [--prefers email|phone|letter|social] [--no-calls]\n"
		 "       [--social-ok] [--notes TEXT] [--new-company]",
	.options = add_contact_options,
};

static const cmd add_application_def = {
	.name = "application",
	.alias = "app",
	.fn = add_application,
	.summary = "record an application",
	.usage = "fu add application COMPANY ROLE [--contact REF]... [--applied DATE]\n"
		 "       [--source board|referral|recruiter|direct|other] [--url U]\n"
		 "       [--no-calls] [--no-follow-up] [--notes TEXT] [--new-company]",
	.options = add_application_options,
};

static const cmd *const add_forms[] = {
	&add_contact_def, &add_application_def, NULL
};

static int cmd_add(cli *c, int argc, char **argv)
{
	/* the first word says what to add; options may come before it */
	for (int i = 0; i < argc; i++) {
		if (argv[i][0] == '-') {
			/* skip the value of a global option */
			if (opt_global_takes_next(argv[i]))
				i++;
			continue;
		}
		char **rest = argv;
		const char *what = argv[i];
		/* drop the word, keep everything else in order */
		for (int j = i; j < argc - 1; j++)
			rest[j] = rest[j + 1];
		const cmd *form = cmd_find(add_forms, what);
		c->form = form;
		if (form)
			return form->fn(c, argc - 1, rest);
		return cli_usage_fail(c, "fu add takes 'contact' or "
				      "'application', not '%s'", what);
	}
	opt_state st;
	const char *arg;
	opt_init(&st, argc, argv);
	int id;
	while ((id = opt_next(c, &st, NULL, &arg)) > 0)
		;
	if (id == OPT_ERROR)
		return FU_EXIT_USAGE;
	if (c->help) {
		return cli_help(c);
	}
	return cli_usage_fail(c, "fu add takes 'contact' or 'application'");
}

const cmd cmd_add_def = {
	.name = "add",
	.fn = cmd_add,
	.summary = "record a contact or an application",
	.subs = add_forms,
};
