/* SPDX-License-Identifier: MIT */
/*
 * fuzz_ref.c - libFuzzer harness for fu_ref_resolve() against an
 * in-memory database seeded with a few applications and contacts.
 *
 * Input: byte 0 picks which things may match (applications, contacts or
 * both); the rest is what a person typed. The resolver must answer
 * FU_OK with a thing that exists, or FU_ENOTFOUND, FU_EAMBIGUOUS or
 * FU_EINVALID with a message, and never touch the data.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fu/fu.h"
#include "fu/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static fu_db *db;

static void close_db(void)
{
	fu_db_close(db);
	db = NULL;
}

static void add_contact(const char *name, const char *company)
{
	fu_contact c = { 0 };
	c.name = (char *)name;
	c.company = (char *)company;
	if (fu_contact_add(db, &c) != FU_OK)
		abort();
}

static void add_application(const char *company, const char *role,
			    int close_it)
{
	fu_application a = { 0 };
	a.company = (char *)company;
	a.role = (char *)role;
	if (fu_application_add(db, &a, fu_db_now(db)) != FU_OK)
		abort();
	if (close_it && fu_application_close(db, a.id, FU_OUT_REJECTED,
					     fu_db_now(db), NULL) != FU_OK)
		abort();
}

static void seed(void)
{
	if (fu_db_open(&db, NULL, FU_OPEN_MEMORY) != FU_OK)
		abort();
	atexit(close_db);
	fu_db_set_now(db, 1794214800); /* 2026-11-09 09:00 +01:00 */
	add_contact("Dana Reyes", "Acme");
	add_contact("Sam Lee", "Acme");
	add_contact("Sam Leeds", NULL);
	add_contact("Zo\xc3\xab M\xc3\xbcller", "Gl\xc3\xbc" "ckauf GmbH");
	add_application("Acme", "Backend Engineer", 0);
	add_application("Acme", "Data Engineer", 1);
	add_application("Hooli", "Backend Engineer", 0);
	add_application("Initech", "Platform Engineer", 1);
	add_application("Initech", "Platform Engineer", 0);
	add_application("100% Co", "SRE_ops [x]", 0);
	add_application("Gl\xc3\xbc" "ckauf GmbH", "Entwickler", 0);
}

static int exists(const fu_ref *r)
{
	if (r->type == FU_REF_APPLICATION) {
		fu_application *a = NULL;
		int rc = fu_application_get(&a, db, r->id);
		fu_application_free(a);
		return rc == FU_OK;
	}
	if (r->type == FU_REF_CONTACT) {
		fu_contact *c = NULL;
		int rc = fu_contact_get(&c, db, r->id);
		fu_contact_free(c);
		return rc == FU_OK;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 4096)
		return 0;
	if (!db)
		seed();
	int types = (data[0] % 3) + 1; /* 1, 2 or 3: FU_REF_* */
	char *text = malloc(size);
	if (!text)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';

	fu_ref r = { 99, 99 };
	int rc = fu_ref_resolve(&r, db, text, types);
	switch (rc) {
	case FU_OK:
		if (!(r.type & types) || !exists(&r))
			abort();
		break;
	case FU_ENOTFOUND:
	case FU_EAMBIGUOUS:
	case FU_EINVALID:
		if (!fu_errmsg(db)[0])
			abort();
		break;
	default:
		fprintf(stderr, "unexpected %d: %s\n", rc, fu_errmsg(db));
		abort();
	}
	free(text);
	return 0;
}
