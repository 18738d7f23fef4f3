/* test_store.c - storage, references, migrations and configuration. */
#include "fu_test.h"

#include <sys/stat.h>
#include <unistd.h>

#include "fu/date.h"
#include "fu/store.h"
#include "internal.h"

int fu__schema_create_version(fu_db *db, int version);

/* 2026-11-09 09:00 Europe/Berlin, a Monday */
#define NOW 1794211200

static int setup(void **state)
{
	fu_test_tz("Europe/Berlin");
	fu_db *db = NULL;
	int rc = fu_db_open(&db, NULL, FU_OPEN_MEMORY);
	if (rc != FU_OK) {
		fu_db_close(db);
		return -1;
	}
	fu_db_set_now(db, NOW);
	*state = db;
	return 0;
}

static int teardown(void **state)
{
	fu_db_close(*state);
	return 0;
}

static int64_t add_contact(fu_db *db, const char *name, const char *company)
{
	fu_contact c = { 0 };
	c.name = (char *)name;
	c.company = (char *)company;
	assert_fu_ok_db(db, fu_contact_add(db, &c));
	return c.id;
}

static int64_t add_app(fu_db *db, const char *company, const char *role,
		       int64_t contact)
{
	fu_application a = { 0 };
	a.company = (char *)company;
	a.role = (char *)role;
	if (contact) {
		a.contact_ids = &contact;
		a.ncontacts = 1;
	}
	assert_fu_ok_db(db, fu_application_add(db, &a, NOW - 7 * 86400));
	return a.id;
}

static int64_t count(fu_db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void test_store_contact_round_trip(void **state)
{
	fu_db *db = *state;
	fu_contact c = { 0 };
	c.name = "Dana Reyes";
	c.company = "Acme";
	c.title = "Engineering Manager";
	c.email = "dana@acme.example";
	c.prefers = FU_CH_EMAIL;
	c.no_calls = 1;
	assert_fu_ok_db(db, fu_contact_add(db, &c));
	assert_true(c.id > 0);
	fu_contact *got = NULL;
	assert_fu_ok_db(db, fu_contact_get(&got, db, c.id));
	assert_string_equal(got->name, "Dana Reyes");
	assert_string_equal(got->company, "Acme");
	assert_string_equal(got->title, "Engineering Manager");
	assert_string_equal(got->email, "dana@acme.example");
	assert_null(got->phone);
	assert_int_equal(got->prefers, FU_CH_EMAIL);
	assert_int_equal(got->no_calls, 1);
	assert_int_equal(got->created_at, NOW);
	fu_contact_free(got);
}

static void test_store_numbers_shared(void **state)
{
	fu_db *db = *state;
	int64_t c1 = add_contact(db, "Dana Reyes", "Acme");
	int64_t a1 = add_app(db, "Acme", "Backend Engineer", c1);
	int64_t c2 = add_contact(db, "Sam Lee", NULL);
	assert_int_equal(c1, 1);
	assert_int_equal(a1, 2);
	assert_int_equal(c2, 3);
}

static void test_store_company_found_case_insensitively(void **state)
{
	fu_db *db = *state;
	add_app(db, "Acme", "Backend Engineer", 0);
	add_app(db, "ACME", "Frontend Engineer", 0);
	assert_int_equal(count(db, "SELECT count(*) FROM companies"), 1);
	fu_application *a = NULL;
	assert_fu_ok_db(db, fu_application_get(&a, db, 2));
	assert_string_equal(a->company, "Acme");
	fu_application_free(a);
}

static void test_store_rejects_bad_text(void **state)
{
	fu_db *db = *state;
	fu_contact c = { 0 };
	c.name = "";
	assert_int_equal(fu_contact_add(db, &c), FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "the contact's name is empty");
	c.name = "Dana\033[31mRed";
	assert_int_equal(fu_contact_add(db, &c), FU_EINVALID);
	assert_non_null(strstr(fu_errmsg(db), "control character"));
	c.name = "Bad \xff\xfe UTF-8";
	assert_int_equal(fu_contact_add(db, &c), FU_EINVALID);
	assert_non_null(strstr(fu_errmsg(db), "UTF-8"));
	char *big = malloc(1 << 20);
	assert_non_null(big);
	memset(big, 'a', (1 << 20) - 1);
	big[(1 << 20) - 1] = '\0';
	c.name = big;
	assert_int_equal(fu_contact_add(db, &c), FU_EINVALID);
	assert_non_null(strstr(fu_errmsg(db), "too long"));
	free(big);
	c.name = "Dana";
	c.email = "not an address";
	assert_int_equal(fu_contact_add(db, &c), FU_EINVALID);
	assert_int_equal(count(db, "SELECT count(*) FROM contacts"), 0);
}

static void test_store_sql_text_is_data(void **state)
{
	fu_db *db = *state;
	int64_t id = add_contact(db, "Robert'); DROP TABLE contacts;--",
				 "x' OR '1'='1");
	fu_contact *got = NULL;
	assert_fu_ok_db(db, fu_contact_get(&got, db, id));
	assert_string_equal(got->name, "Robert'); DROP TABLE contacts;--");
	assert_string_equal(got->company, "x' OR '1'='1");
	fu_contact_free(got);
}

static void test_store_application_applied_event(void **state)
{
	fu_db *db = *state;
	int64_t c = add_contact(db, "Dana Reyes", "Acme");
	int64_t a = add_app(db, "Acme", "Backend Engineer", c);
	fu_application *got = NULL;
	assert_fu_ok_db(db, fu_application_get(&got, db, a));
	assert_int_equal(got->applied_at, NOW - 7 * 86400);
	assert_string_equal(fu_application_stage_name(got), "applied");
	assert_int_equal(got->ncontacts, 1);
	assert_int_equal(got->contact_ids[0], c);
	fu_application_free(got);
	fu_event *ev = NULL;
	size_t n = 0;
	assert_fu_ok_db(db, fu_event_list(&ev, &n, db, a, 0));
	assert_int_equal(n, 1);
	assert_int_equal(ev[0].kind, FU_EV_APPLIED);
	fu_event_list_free(ev, n);
}

static void test_store_unknown_contact_leaves_nothing(void **state)
{
	fu_db *db = *state;
	fu_application a = { 0 };
	int64_t ghost = 99;
	a.company = "Acme";
	a.role = "Backend Engineer";
	a.contact_ids = &ghost;
	a.ncontacts = 1;
	assert_int_equal(fu_application_add(db, &a, NOW), FU_ENOTFOUND);
	assert_int_equal(count(db, "SELECT count(*) FROM applications"), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM companies"), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM events"), 0);
}

static void test_store_event_with_new_people(void **state)
{
	fu_db *db = *state;
	int64_t dana = add_contact(db, "Dana Reyes", "Acme");
	int64_t a = add_app(db, "Acme", "Backend Engineer", dana);
	fu_event e = { 0 };
	char *topics[] = { "moving billing to Go", NULL };
	char *names[] = { "Sam Lee", NULL };
	e.kind = FU_EV_INTERVIEW;
	e.at = NOW + 86400;
	e.application_id = a;
	e.with = malloc(sizeof *e.with);
	e.with[0] = dana;
	e.nwith = 1;
	e.topics = topics;
	e.ntopics = 1;
	e.with_new = names;
	e.nwith_new = 1;
	assert_fu_ok_db(db, fu_event_add(db, &e));
	assert_int_equal(e.nwith, 2);
	fu_event *got = NULL;
	assert_fu_ok_db(db, fu_event_get(&got, db, e.id));
	assert_int_equal(got->nwith, 2);
	assert_int_equal(got->with[0], dana);
	assert_int_equal(got->ntopics, 1);
	assert_string_equal(got->topics[0], "moving billing to Go");
	fu_contact *sam = NULL;
	assert_fu_ok_db(db, fu_contact_get(&sam, db, got->with[1]));
	assert_string_equal(sam->name, "Sam Lee");
	assert_string_equal(sam->company, "Acme");
	fu_contact_free(sam);
	/* people met become the application's contacts */
	fu_application *app = NULL;
	assert_fu_ok_db(db, fu_application_get(&app, db, a));
	assert_int_equal(app->ncontacts, 2);
	assert_string_equal(fu_application_stage_name(app), "interviewing");
	fu_application_free(app);
	fu_event_free(got);
	free(e.with);
}

static void test_store_event_kind_must_fit_subject(void **state)
{
	fu_db *db = *state;
	int64_t dana = add_contact(db, "Dana Reyes", NULL);
	fu_event e = { 0 };
	e.kind = FU_EV_OFFER;
	e.at = NOW;
	e.contact_id = dana;
	assert_int_equal(fu_event_add(db, &e), FU_EINVALID);
	assert_string_equal(fu_errmsg(db),
			    "'offer' is logged on an application, not on a contact");
	e.kind = FU_EV_SNOOZE;
	assert_int_equal(fu_event_add(db, &e), FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "snooze needs --until DATE");
	e.kind = FU_EV_MET;
	assert_fu_ok_db(db, fu_event_add(db, &e));
	assert_int_equal(count(db, "SELECT count(*) FROM events"), 1);
}

static void test_store_close_and_undo(void **state)
{
	fu_db *db = *state;
	int64_t a = add_app(db, "Acme", "Backend Engineer", 0);
	assert_fu_ok_db(db, fu_application_close(db, a, FU_OUT_REJECTED, NOW,
						 NULL));
	fu_application *got = NULL;
	assert_fu_ok_db(db, fu_application_get(&got, db, a));
	assert_int_equal(got->outcome, FU_OUT_REJECTED);
	assert_int_equal(got->closed_at, NOW);
	assert_string_equal(fu_application_stage_name(got), "rejected");
	fu_application_free(got);
	assert_int_equal(fu_application_close(db, a, FU_OUT_WITHDRAWN, NOW,
					      NULL), FU_EINVALID);
	assert_non_null(strstr(fu_errmsg(db), "already closed as rejected"));
	fu_event *removed = NULL;
	assert_fu_ok_db(db, fu_event_undo(&removed, db, 0, 0));
	assert_int_equal(removed->kind, FU_EV_CLOSED);
	fu_event_free(removed);
	assert_fu_ok_db(db, fu_application_get(&got, db, a));
	assert_int_equal(got->outcome, FU_OUT_NONE);
	assert_int_equal(got->closed_at, 0);
	fu_application_free(got);
}

static void test_store_undo_scoped_and_empty(void **state)
{
	fu_db *db = *state;
	int64_t a = add_app(db, "Acme", "Backend Engineer", 0);
	int64_t b = add_app(db, "Globex", "SRE", 0);
	fu_event *removed = NULL;
	assert_fu_ok_db(db, fu_event_undo(&removed, db, a, 0));
	assert_int_equal(removed->application_id, a);
	fu_event_free(removed);
	assert_int_equal(fu_event_undo(NULL, db, a, 0), FU_ENOTFOUND);
	assert_fu_ok_db(db, fu_event_undo(NULL, db, b, 0));
	assert_int_equal(fu_event_undo(NULL, db, 0, 0), FU_ENOTFOUND);
	assert_string_equal(fu_errmsg(db), "there is no event to undo");
}

static void test_store_edit_application(void **state)
{
	fu_db *db = *state;
	int64_t a = add_app(db, "Acme", "Backend Engineer", 0);
	fu_application *got = NULL;
	assert_fu_ok_db(db, fu_application_get(&got, db, a));
	free(got->role);
	got->role = strdup("Senior Backend Engineer");
	got->no_follow_up = 1;
	got->applied_at = NOW - 3 * 86400;
	assert_fu_ok_db(db, fu_application_update(db, got));
	fu_application_free(got);
	assert_fu_ok_db(db, fu_application_get(&got, db, a));
	assert_string_equal(got->role, "Senior Backend Engineer");
	assert_int_equal(got->no_follow_up, 1);
	assert_int_equal(got->applied_at, NOW - 3 * 86400);
	fu_application_free(got);
	/* moved, not duplicated */
	assert_int_equal(count(db, "SELECT count(*) FROM events"), 1);
}

static void test_ref_by_number_and_name(void **state)
{
	fu_db *db = *state;
	int64_t dana = add_contact(db, "Dana Reyes", "Acme");
	int64_t a = add_app(db, "Acme", "Backend Engineer", dana);
	int64_t g = add_app(db, "Globex", "Site Reliability Engineer", 0);
	fu_ref r;
	assert_fu_ok_db(db, fu_ref_resolve(&r, db, "2", FU_REF_ANY));
	assert_int_equal(r.type, FU_REF_APPLICATION);
	assert_int_equal(r.id, a);
	assert_fu_ok_db(db, fu_ref_resolve(&r, db, "#1", FU_REF_ANY));
	assert_int_equal(r.type, FU_REF_CONTACT);
	assert_fu_ok_db(db, fu_ref_resolve(&r, db, "acme", FU_REF_ANY));
	assert_int_equal(r.id, a);
	assert_fu_ok_db(db, fu_ref_resolve(&r, db, "  GLOB ", FU_REF_ANY));
	assert_int_equal(r.id, g);
	assert_fu_ok_db(db, fu_ref_resolve(&r, db, "reliability", FU_REF_ANY));
	assert_int_equal(r.id, g);
	assert_fu_ok_db(db, fu_ref_resolve(&r, db, "acme backend", FU_REF_ANY));
	assert_int_equal(r.id, a);
	assert_fu_ok_db(db, fu_ref_resolve(&r, db, "dana", FU_REF_ANY));
	assert_int_equal(r.type, FU_REF_CONTACT);
	assert_int_equal(r.id, dana);
	assert_int_equal(fu_ref_resolve(&r, db, "1", FU_REF_APPLICATION),
			 FU_ENOTFOUND);
	assert_string_equal(fu_errmsg(db), "1 is a contact, not an application");
	assert_int_equal(fu_ref_resolve(&r, db, "42", FU_REF_ANY), FU_ENOTFOUND);
	assert_int_equal(fu_ref_resolve(&r, db, "initech", FU_REF_ANY),
			 FU_ENOTFOUND);
	assert_string_equal(fu_errmsg(db),
			    "no application or contact matches 'initech'");
	assert_int_equal(fu_ref_resolve(&r, db, "", FU_REF_ANY), FU_EINVALID);
}

static void test_ref_ambiguous_lists_candidates(void **state)
{
	fu_db *db = *state;
	add_app(db, "Acme", "Backend Engineer", 0);
	add_app(db, "Acme", "Frontend Engineer", 0);
	fu_ref r;
	assert_int_equal(fu_ref_resolve(&r, db, "acme", FU_REF_APPLICATION),
			 FU_EAMBIGUOUS);
	assert_string_equal(fu_errmsg(db), "'acme' matches more than one "
			    "application: 1 Acme, Backend Engineer; 2 Acme, "
			    "Frontend Engineer (use the number)");
	assert_fu_ok_db(db, fu_ref_resolve(&r, db, "acme front",
					   FU_REF_APPLICATION));
	assert_int_equal(r.id, 2);
	assert_int_equal(fu_ref_resolve(&r, db, "engineer", FU_REF_ANY),
			 FU_EAMBIGUOUS);
}

static void test_ref_exact_and_open_win(void **state)
{
	fu_db *db = *state;
	int64_t old = add_app(db, "Acme", "Backend Engineer", 0);
	int64_t labs = add_app(db, "Acme Labs", "Researcher", 0);
	fu_ref r;
	/* "acme" is exactly Acme's name; Acme Labs only contains it */
	assert_fu_ok_db(db, fu_ref_resolve(&r, db, "acme", FU_REF_ANY));
	assert_int_equal(r.id, old);
	assert_fu_ok_db(db, fu_application_close(db, old, FU_OUT_REJECTED,
						 NOW, NULL));
	int64_t again = add_app(db, "Acme", "Platform Engineer", 0);
	assert_fu_ok_db(db, fu_ref_resolve(&r, db, "acme", FU_REF_ANY));
	assert_int_equal(r.id, again);
	assert_fu_ok_db(db, fu_ref_resolve(&r, db, "labs", FU_REF_ANY));
	assert_int_equal(r.id, labs);
}

static void test_ref_folds_unicode_case(void **state)
{
	fu_db *db = *state;
	int64_t e = add_contact(db, "Émilie Dubois", NULL);
	int64_t j = add_contact(db, "Jürgen Groß", NULL);
	int64_t d = add_contact(db, "Дмитрий Орлов", NULL);
	int64_t h = add_app(db, "Hööli Ünïcødé", "Ingénieure", 0);
	fu_ref r;
	assert_fu_ok_db(db, fu_ref_resolve(&r, db, "émilie", FU_REF_ANY));
	assert_int_equal(r.id, e);
	assert_fu_ok_db(db, fu_ref_resolve(&r, db, "JÜRGEN", FU_REF_ANY));
	assert_int_equal(r.id, j);
	assert_fu_ok_db(db, fu_ref_resolve(&r, db, "дмитрий", FU_REF_ANY));
	assert_int_equal(r.id, d);
	assert_fu_ok_db(db, fu_ref_resolve(&r, db, "ÜNÏCØDÉ", FU_REF_ANY));
	assert_int_equal(r.id, h);
	assert_fu_ok_db(db, fu_ref_resolve(&r, db, "INGÉNIEURE", FU_REF_ANY));
	assert_int_equal(r.id, h);
	assert_fu_ok_db(db, fu_ref_resolve(&r, db, "emilie", FU_REF_ANY));
	assert_int_equal(r.id, e);
}

/* A helper: the reference must name exactly `id`. */
static void assert_ref(fu_db *db, const char *text, int types, int64_t id)
{
	fu_ref r;
	int rc = fu_ref_resolve(&r, db, text, types);
	if (rc != FU_OK)
		print_error("'%s': %s\n", text, fu_errmsg(db));
	assert_int_equal(rc, FU_OK);
	assert_int_equal(r.id, id);
}

static void test_ref_ignores_accents(void **state)
{
	fu_db *db = *state;
	int64_t jose = add_contact(db, "José Álvarez", NULL);
	int64_t gross = add_contact(db, "Jürgen Groß", NULL);
	int64_t strauss = add_contact(db, "Anna Strauss", NULL);
	/* stored decomposed: e and U+0301, as some systems write it */
	int64_t renee = add_contact(db, "Rene\xcc\x81" "e Martin", NULL);
	int64_t francois = add_contact(db, "Francois Dupont", NULL);
	int64_t lukasz = add_contact(db, "Łukasz Wróbel", NULL);
	int64_t stefan = add_contact(db, "Ștefan Țiriac", NULL);
	int64_t nguyen = add_contact(db, "Nguyễn Thị Hương", NULL);
	int64_t muller = add_app(db, "Müller GmbH", "Entwickler", 0);
	int64_t mueller = add_app(db, "Mueller AG", "Tester", 0);
	int64_t soc = add_app(db, "Société Générale", "Développeuse", 0);
	int64_t aero = add_app(db, "Ærø Øresund", "Crew", 0);
	int64_t oeuvre = add_app(db, "Œuvre", "Curator", 0);
	int64_t aa = FU_REF_ANY;

	/* typed without the accents */
	assert_ref(db, "jose", aa, jose);
	assert_ref(db, "alvarez", aa, jose);
	assert_ref(db, "jose alvarez", aa, jose);
	assert_ref(db, "muller", aa, muller);
	assert_ref(db, "Muller", aa, muller);
	assert_ref(db, "MULLER GMBH", aa, muller);
	assert_ref(db, "lukasz wrobel", aa, lukasz);
	assert_ref(db, "stefan", aa, stefan);
	assert_ref(db, "tiriac", aa, stefan);
	assert_ref(db, "nguyen", aa, nguyen);
	assert_ref(db, "huong", aa, nguyen);
	assert_ref(db, "societe generale", aa, soc);
	assert_ref(db, "developpeuse", aa, soc);
	assert_ref(db, "aero", aa, aero);
	assert_ref(db, "oresund", aa, aero);
	assert_ref(db, "oeuvre", aa, oeuvre);
	/* ß is ss, both ways */
	assert_ref(db, "gross", aa, gross);
	assert_ref(db, "GROSS", aa, gross);
	assert_ref(db, "jurgen gross", aa, gross);
	assert_ref(db, "strauß", aa, strauss);
	/* in any case, accents typed or not */
	assert_ref(db, "JOSÉ", aa, jose);
	assert_ref(db, "JOSE", aa, jose);
	assert_ref(db, "ÁLVAREZ", aa, jose);
	assert_ref(db, "MÜLLER", aa, muller);
	assert_ref(db, "ŁUKASZ", aa, lukasz);
	/* an accent typed where the name has none */
	assert_ref(db, "françois", aa, francois);
	assert_ref(db, "FRANÇOIS DUPONT", aa, francois);
	assert_ref(db, "jösé", aa, jose);
	/* combining marks and precomposed letters meet */
	assert_ref(db, "Jose\xcc\x81", aa, jose);
	assert_ref(db, "JOSE\xcc\x81 A\xcc\x81LVAREZ", aa, jose);
	assert_ref(db, "renée", aa, renee);
	assert_ref(db, "renee martin", aa, renee);
	/* the accents are removed, nothing is transliterated: ü is u, not
	 * ue, so Mueller and Müller stay two companies */
	assert_ref(db, "mueller", aa, mueller);
	assert_ref(db, "müeller", aa, mueller);
	fu_ref r;
	assert_int_equal(fu_ref_resolve(&r, db, "mueller gmbh", aa),
			 FU_ENOTFOUND);
	/* a lone accent folds to nothing, and names nothing */
	assert_int_equal(fu_ref_resolve(&r, db, "\xcc\x81", aa), FU_ENOTFOUND);
	assert_string_equal(fu_errmsg(db), "no application or contact "
			    "matches '\xcc\x81'");
	/* other types still hold */
	assert_int_equal(fu_ref_resolve(&r, db, "jose", FU_REF_APPLICATION),
			 FU_ENOTFOUND);
}

/* With a José Ruiz and a Jose Ruiz, each can still be named: a name typed
 * as it is written, accents and all, beats one that is the same only
 * without accents; anything less than the whole name is ambiguous. */
static void test_ref_accented_and_plain_names(void **state)
{
	fu_db *db = *state;
	int64_t accented = add_contact(db, "José Ruiz", NULL);
	int64_t plain = add_contact(db, "Jose Ruiz", "Acme");
	int64_t aa = FU_REF_ANY;
	assert_ref(db, "jose ruiz", aa, plain);
	assert_ref(db, "JOSE RUIZ", aa, plain);
	assert_ref(db, "josé ruiz", aa, accented);
	assert_ref(db, "JOSÉ RUIZ", aa, accented); /* É folds case only */
	fu_ref r;
	assert_int_equal(fu_ref_resolve(&r, db, "ruiz", aa), FU_EAMBIGUOUS);
	assert_string_equal(fu_errmsg(db), "'ruiz' matches more than one "
			    "thing: 1 José Ruiz; 2 Jose Ruiz, Acme (use the "
			    "number)");
	assert_int_equal(fu_ref_resolve(&r, db, "jose", aa), FU_EAMBIGUOUS);
	assert_int_equal(fu_ref_resolve(&r, db, "josé", aa), FU_EAMBIGUOUS);
	assert_int_equal(fu_ref_resolve(&r, db, "jose ruíz", aa),
			 FU_EAMBIGUOUS); /* neither is written so */
	/* written with a combining mark, José Ruiz is not the same text as
	 * either until accents are folded away: both, then */
	assert_int_equal(fu_ref_resolve(&r, db, "Jose\xcc\x81 Ruiz", aa),
			 FU_EAMBIGUOUS);
}

/* Scripts without Latin accents fold case as they did. */
static void test_ref_non_latin_case(void **state)
{
	fu_db *db = *state;
	int64_t g = add_contact(db, "Γιώργος Παπαδόπουλος", NULL);
	int64_t d = add_contact(db, "Дмитрий Орлов", NULL);
	int64_t a = add_app(db, "Ёлка", "Инженер", 0);
	assert_ref(db, "ΓΙΏΡΓΟΣ", FU_REF_ANY, g);
	assert_ref(db, "παπαδόπουλος", FU_REF_ANY, g);
	assert_ref(db, "ОРЛОВ", FU_REF_ANY, d);
	assert_ref(db, "дмитрий орлов", FU_REF_ANY, d);
	assert_ref(db, "ёлка", FU_REF_ANY, a);
	assert_ref(db, "ИНЖЕНЕР", FU_REF_ANY, a);
}

static void test_store_event_numbers_not_reused(void **state)
{
	fu_db *db = *state;
	int64_t a = add_app(db, "Acme", "Backend Engineer", 0);
	fu_event e = { 0 };
	e.kind = FU_EV_SENT;
	e.at = NOW;
	e.application_id = a;
	assert_fu_ok_db(db, fu_event_add(db, &e));
	int64_t first = e.id;
	assert_fu_ok_db(db, fu_event_undo(NULL, db, a, 0));
	e.id = 0;
	assert_fu_ok_db(db, fu_event_add(db, &e));
	assert_true(e.id > first); /* a saved action key cannot hit it */
}

static void test_store_snooze_must_end_later(void **state)
{
	fu_db *db = *state;
	int64_t a = add_app(db, "Acme", "Backend Engineer", 0);
	fu_event e = { 0 };
	e.kind = FU_EV_SNOOZE;
	e.at = NOW;
	e.application_id = a;
	e.until_at = NOW - 86400;
	assert_int_equal(fu_event_add(db, &e), FU_EINVALID);
	assert_non_null(strstr(fu_errmsg(db), "must be in the future"));
	e.until_at = NOW + 86400;
	assert_fu_ok_db(db, fu_event_add(db, &e));
}

static void test_config_validates(void **state)
{
	fu_db *db = *state;
	assert_fu_ok_db(db, fu_config_set(db, "user.name", "Alex Doe"));
	char *v = NULL;
	assert_fu_ok_db(db, fu_config_get(&v, db, "user.name"));
	assert_string_equal(v, "Alex Doe");
	free(v);
	assert_int_equal(fu_config_set(db, "user.email", "nope"), FU_EINVALID);
	assert_int_equal(fu_config_set(db, "user.employed", "maybe"),
			 FU_EINVALID);
	assert_fu_ok_db(db, fu_config_set(db, "user.employed", "YES"));
	assert_fu_ok_db(db, fu_config_get(&v, db, "user.employed"));
	assert_string_equal(v, "true");
	free(v);
	assert_int_equal(fu_config_set(db, "rules.nudge.days", "-1"),
			 FU_EINVALID);
	assert_int_equal(fu_config_set(db, "rules.nudge.days", "ten"),
			 FU_EINVALID);
	assert_int_equal(fu_config_set(db, "no.such.key", "1"), FU_EINVALID);
	assert_fu_ok_db(db, fu_config_set(db, "rules.nudge.days", "10"));
	fu_rule_params p;
	assert_fu_ok_db(db, fu_config_params(&p, db));
	assert_int_equal(p.v[FU_P_NUDGE_DAYS], 10);
	assert_int_equal(p.employed, 1);
	assert_fu_ok_db(db, fu_config_unset(db, "rules.nudge.days"));
	assert_int_equal(fu_config_unset(db, "rules.nudge.days"), FU_ENOTFOUND);
	assert_fu_ok_db(db, fu_config_params(&p, db));
	assert_int_equal(p.v[FU_P_NUDGE_DAYS], 14);
	assert_int_equal(fu_config_get(&v, db, "user.phone"), FU_ENOTFOUND);
	assert_null(v);
}

static void test_store_actions_kept_on_write(void **state)
{
	fu_db *db = *state;
	int64_t dana = add_contact(db, "Dana Reyes", "Acme");
	int64_t a = add_app(db, "Acme", "Backend Engineer", dana);
	fu_action_row *rows = NULL;
	size_t n = 0;
	assert_fu_ok_db(db, fu_action_list(&rows, &n, db, NULL));
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].a.kind, FU_ACT_APP_CHECK_IN);
	assert_int_equal(rows[0].a.application_id, a);
	assert_int_equal(rows[0].a.contact_id, dana);
	assert_string_equal(rows[0].company, "Acme");
	assert_string_equal(rows[0].contact_name, "Dana Reyes");
	fu_action_list_free(rows, n);
	/* closing removes the check-in */
	assert_fu_ok_db(db, fu_application_close(db, a, FU_OUT_WITHDRAWN, NOW,
						 NULL));
	assert_fu_ok_db(db, fu_action_list(&rows, &n, db, NULL));
	assert_int_equal(n, 0);
	fu_action_list_free(rows, n);
}

static void temp_path(char *buf, size_t len, const char *name)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(buf, len, "%s/fu-test-%ld-%s", tmp ? tmp : "/tmp",
		 (long)getpid(), name);
	unlink(buf);
}

/* A file as fu 0.1 before the actions table (schema 1) left it. */
static void make_v1_file(const char *path)
{
	struct fu_db raw = { 0 };
	raw.path = (char *)path;
	assert_int_equal(sqlite3_open(path, &raw.sql), SQLITE_OK);
	assert_fu_ok(fu__schema_create_version(&raw, 1));
	assert_int_equal(sqlite3_exec(raw.sql,
		"INSERT INTO companies VALUES (1, 'Acme', 1793600000);"
		"INSERT INTO contacts (id, name, company_id, created_at) "
		"VALUES (1, 'Dana Reyes', 1, 1793600000);"
		"INSERT INTO applications (id, company_id, role, created_at) "
		"VALUES (2, 1, 'Backend Engineer', 1793600000);"
		"INSERT INTO application_contacts VALUES (2, 1, 1);"
		"INSERT INTO events (kind, at, application_id, created_at) "
		"VALUES ('applied', 1793606400, 2, 1793606400);",
		NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw.sql);
}

static void test_store_migrates_v1(void **state)
{
	(void)state;
	char path[512];
	temp_path(path, sizeof path, "v1.db");
	make_v1_file(path);
	fu_db *db = NULL;
	assert_fu_ok_db(db, fu_db_open(&db, path, 0));
	assert_int_equal(fu_db_schema_version(db), FU_SCHEMA_VERSION);
	fu_application *a = NULL;
	assert_fu_ok_db(db, fu_application_get(&a, db, 2));
	assert_string_equal(a->company, "Acme");
	assert_int_equal(a->applied_at, 1793606400);
	fu_application_free(a);
	assert_int_equal(count(db, "PRAGMA user_version"), FU_SCHEMA_VERSION);
	/* the migration derives nothing: a read works the actions out for
	 * itself (the file stays as the migration left it), the first
	 * write stores them */
	assert_int_equal(count(db, "SELECT count(*) FROM main.actions"), 0);
	fu_action_row *rows = NULL;
	size_t n = 0;
	assert_fu_ok_db(db, fu_action_list(&rows, &n, db, NULL));
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].a.kind, FU_ACT_APP_CHECK_IN);
	fu_action_list_free(rows, n);
	assert_int_equal(count(db, "SELECT count(*) FROM main.actions"), 0);
	assert_fu_ok_db(db, fu_config_set(db, "user.name", "Alex Morgan"));
	assert_int_equal(count(db, "SELECT count(*) FROM main.actions WHERE "
			       "kind = 'application-check-in'"), 1);
	fu_db_close(db);
	unlink(path);
}

/* Schema 3 adds an index: a file of schema 2 keeps its data and gains it. */
static void test_store_migrates_v2(void **state)
{
	(void)state;
	char path[512];
	temp_path(path, sizeof path, "v2.db");
	struct fu_db raw = { 0 };
	raw.path = path;
	assert_int_equal(sqlite3_open(path, &raw.sql), SQLITE_OK);
	assert_fu_ok(fu__schema_create_version(&raw, 2));
	assert_int_equal(sqlite3_exec(raw.sql,
		"INSERT INTO companies VALUES (1, 'Acme', 1793600000);"
		"INSERT INTO applications (id, company_id, role, outcome, "
		"closed_at, created_at) VALUES (2, 1, 'Backend Engineer', "
		"'accepted', 1793606400, 1793600000);",
		NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw.sql);
	fu_db *db = NULL;
	assert_fu_ok_db(db, fu_db_open(&db, path, 0));
	assert_int_equal(fu_db_schema_version(db), FU_SCHEMA_VERSION);
	assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master WHERE "
			       "type = 'index' AND name = "
			       "'applications_closed'"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM applications WHERE "
			       "outcome = 'accepted'"), 1);
	fu_db_close(db);
	unlink(path);
}

/* Accepting a job owes a withdrawal to the other open applications,
 * whether one application is refreshed or all of them. */
static void test_store_accepted_owes_withdrawal(void **state)
{
	fu_db *db = *state;
	int64_t dana = add_contact(db, "Dana Reyes", "Acme");
	int64_t sam = add_contact(db, "Sam Lee", "Hooli");
	int64_t a = add_app(db, "Acme", "Backend Engineer", dana);
	int64_t h = add_app(db, "Hooli", "Data Engineer", sam);
	const char *sql = "SELECT count(*) FROM actions WHERE kind = "
			  "'withdraw-notice'";
	assert_fu_ok_db(db, fu_application_close(db, a, FU_OUT_ACCEPTED, NOW,
						 NULL));
	assert_int_equal(count(db, sql), 1);
	assert_fu_ok_db(db, fu_actions_recompute_all(db));
	assert_int_equal(count(db, sql), 1);
	/* one refreshed on its own (a write) sees the accepted job too */
	fu_event e = { 0 };
	e.kind = FU_EV_REPLY;
	e.at = NOW + 3600;
	e.application_id = h;
	assert_fu_ok_db(db, fu_event_add(db, &e));
	char q[128];
	snprintf(q, sizeof q, "%s AND application_id = %lld", sql,
		 (long long)h);
	assert_int_equal(count(db, q), 1);
	(void)sam;
}

static void test_store_refuses_newer_and_foreign(void **state)
{
	(void)state;
	char path[512];
	temp_path(path, sizeof path, "newer.db");
	fu_db *db = NULL;
	assert_fu_ok_db(db, fu_db_open(&db, path, 0));
	assert_int_equal(sqlite3_exec(db->sql, "PRAGMA user_version = 99",
				      NULL, NULL, NULL), SQLITE_OK);
	fu_db_close(db);
	assert_int_equal(fu_db_open(&db, path, 0), FU_EDB);
	assert_non_null(strstr(fu_errmsg(db), "written by a newer fu"));
	fu_db_close(db);
	unlink(path);

	temp_path(path, sizeof path, "foreign.db");
	sqlite3 *raw = NULL;
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "CREATE TABLE t (x)", NULL, NULL,
				      NULL), SQLITE_OK);
	sqlite3_close(raw);
	assert_int_equal(fu_db_open(&db, path, 0), FU_EDB);
	assert_non_null(strstr(fu_errmsg(db), "is not a fu database"));
	fu_db_close(db);
	unlink(path);

	temp_path(path, sizeof path, "garbage.db");
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("this is not a database, just text that is long enough to be "
	      "read as a header by sqlite when it opens it.........\n", f);
	fclose(f);
	assert_int_equal(fu_db_open(&db, path, 0), FU_EDB);
	fu_db_close(db);
	unlink(path);
}

static void test_store_creates_private_file(void **state)
{
	(void)state;
	char dir[512], path[600];
	temp_path(dir, sizeof dir, "dir");
	snprintf(path, sizeof path, "%s/sub/fu.db", dir);
	mode_t old = umask(022);
	fu_db *db = NULL;
	assert_fu_ok_db(db, fu_db_open(&db, path, 0));
	fu_db_close(db);
	umask(old);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	char sub[600];
	snprintf(sub, sizeof sub, "%s/sub", dir);
	assert_int_equal(stat(sub, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	unlink(path);
	rmdir(sub);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_store_contact_round_trip),
		T(test_store_numbers_shared),
		T(test_store_company_found_case_insensitively),
		T(test_store_rejects_bad_text),
		T(test_store_sql_text_is_data),
		T(test_store_application_applied_event),
		T(test_store_unknown_contact_leaves_nothing),
		T(test_store_event_with_new_people),
		T(test_store_event_kind_must_fit_subject),
		T(test_store_close_and_undo),
		T(test_store_undo_scoped_and_empty),
		T(test_store_edit_application),
		T(test_ref_by_number_and_name),
		T(test_ref_ambiguous_lists_candidates),
		T(test_ref_exact_and_open_win),
		T(test_ref_folds_unicode_case),
		T(test_ref_ignores_accents),
		T(test_ref_accented_and_plain_names),
		T(test_ref_non_latin_case),
		T(test_store_event_numbers_not_reused),
		T(test_store_snooze_must_end_later),
		T(test_config_validates),
		T(test_store_actions_kept_on_write),
		cmocka_unit_test(test_store_migrates_v1),
		cmocka_unit_test(test_store_migrates_v2),
		T(test_store_accepted_owes_withdrawal),
		cmocka_unit_test(test_store_refuses_newer_and_foreign),
		cmocka_unit_test(test_store_creates_private_file),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
