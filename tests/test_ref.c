/* SPDX-License-Identifier: MIT */
/* test_ref.c - references (lib/ref.c, lib/fold.c): by number and by
 * name, ambiguity, which match wins, Unicode case and accents. */
#include "fu_test.h"

/* The reference text, of one of types, names exactly id; a failure is
 * reported at the caller's line. */
#define assert_ref(db, text, types, id)                                    \
	assert_ref_((db), (text), (types), (id), __FILE__, __LINE__)

static void assert_ref_(fu_db *db, const char *text, int types, int64_t id,
			const char *file, int line)
{
	fu_ref r;
	int rc = fu_ref_resolve(&r, db, text, types);
	if (rc != FU_OK) {
		print_error("'%s': %d: %s\n", text, rc, fu_errmsg(db));
		_fail(file, line);
	}
	if (r.id != id) {
		print_error("'%s' names %lld, not %lld\n", text,
			    (long long)r.id, (long long)id);
		_fail(file, line);
	}
}

static void test_ref_by_number_and_name(void **state)
{
	fu_db *db = *state;
	int64_t dana = fu_test_contact(db, "Dana Reyes", "Acme");
	int64_t a = fu_test_app(db, "Acme", "Backend Engineer", dana, WEEK_AGO);
	int64_t g = fu_test_app(db, "Globex", "Site Reliability Engineer", 0,
				WEEK_AGO);
	fu_ref r;
	assert_fu_ok_db(db, fu_ref_resolve(&r, db, "2", FU_REF_ANY));
	assert_int_equal(r.type, FU_REF_APPLICATION);
	assert_int_equal(r.id, a);
	assert_fu_ok_db(db, fu_ref_resolve(&r, db, "#1", FU_REF_ANY));
	assert_int_equal(r.type, FU_REF_CONTACT);
	assert_ref(db, "acme", FU_REF_ANY, a);
	assert_ref(db, "  GLOB ", FU_REF_ANY, g);
	assert_ref(db, "reliability", FU_REF_ANY, g);
	assert_ref(db, "acme backend", FU_REF_ANY, a);
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
	fu_test_app(db, "Acme", "Backend Engineer", 0, WEEK_AGO);
	fu_test_app(db, "Acme", "Frontend Engineer", 0, WEEK_AGO);
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
	int64_t old = fu_test_app(db, "Acme", "Backend Engineer", 0, WEEK_AGO);
	int64_t labs = fu_test_app(db, "Acme Labs", "Researcher", 0, WEEK_AGO);
	/* "acme" is exactly Acme's name; Acme Labs only contains it */
	assert_ref(db, "acme", FU_REF_ANY, old);
	assert_fu_ok_db(db, fu_application_close(db, old, FU_OUT_REJECTED,
						 NOW, NULL));
	int64_t again = fu_test_app(db, "Acme", "Platform Engineer", 0,
				    WEEK_AGO);
	assert_ref(db, "acme", FU_REF_ANY, again);
	assert_ref(db, "labs", FU_REF_ANY, labs);
}

static void test_ref_folds_unicode_case(void **state)
{
	fu_db *db = *state;
	int64_t e = fu_test_contact(db, "Émilie Dubois", NULL);
	int64_t j = fu_test_contact(db, "Jürgen Groß", NULL);
	int64_t d = fu_test_contact(db, "Дмитрий Орлов", NULL);
	int64_t h = fu_test_app(db, "Hööli Ünïcødé", "Ingénieure", 0,
				WEEK_AGO);
	assert_ref(db, "émilie", FU_REF_ANY, e);
	assert_ref(db, "JÜRGEN", FU_REF_ANY, j);
	assert_ref(db, "дмитрий", FU_REF_ANY, d);
	assert_ref(db, "ÜNÏCØDÉ", FU_REF_ANY, h);
	assert_ref(db, "INGÉNIEURE", FU_REF_ANY, h);
	assert_ref(db, "emilie", FU_REF_ANY, e);
}

static void test_ref_ignores_accents(void **state)
{
	fu_db *db = *state;
	int64_t jose = fu_test_contact(db, "José Álvarez", NULL);
	int64_t gross = fu_test_contact(db, "Jürgen Groß", NULL);
	int64_t strauss = fu_test_contact(db, "Anna Strauss", NULL);
	/* stored decomposed: e and U+0301, as some systems write it */
	int64_t renee = fu_test_contact(db, "Rene\xcc\x81" "e Martin", NULL);
	int64_t francois = fu_test_contact(db, "Francois Dupont", NULL);
	int64_t lukasz = fu_test_contact(db, "Łukasz Wróbel", NULL);
	int64_t stefan = fu_test_contact(db, "Ștefan Țiriac", NULL);
	int64_t nguyen = fu_test_contact(db, "Nguyễn Thị Hương", NULL);
	int64_t muller = fu_test_app(db, "Müller GmbH", "Entwickler", 0,
				     WEEK_AGO);
	int64_t mueller = fu_test_app(db, "Mueller AG", "Tester", 0, WEEK_AGO);
	int64_t soc = fu_test_app(db, "Société Générale", "Développeuse", 0,
				  WEEK_AGO);
	int64_t aero = fu_test_app(db, "Ærø Øresund", "Crew", 0, WEEK_AGO);
	int64_t oeuvre = fu_test_app(db, "Œuvre", "Curator", 0, WEEK_AGO);
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
	int64_t accented = fu_test_contact(db, "José Ruiz", NULL);
	int64_t plain = fu_test_contact(db, "Jose Ruiz", "Acme");
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
	/* written with a combining mark, it is José Ruiz all the same
	 * (Unicode's canonical equivalence) */
	assert_ref(db, "Jose\xcc\x81 Ruiz", aa, accented);
}

/* Other scripts fold case, and Greek its accents too. */
static void test_ref_non_latin_case(void **state)
{
	fu_db *db = *state;
	int64_t g = fu_test_contact(db, "Γιώργος Παπαδόπουλος", NULL);
	int64_t d = fu_test_contact(db, "Дмитрий Орлов", NULL);
	int64_t a = fu_test_app(db, "Ёлка", "Инженер", 0, WEEK_AGO);
	assert_ref(db, "ΓΙΏΡΓΟΣ", FU_REF_ANY, g);
	assert_ref(db, "παπαδόπουλος", FU_REF_ANY, g);
	assert_ref(db, "ОРЛОВ", FU_REF_ANY, d);
	assert_ref(db, "дмитрий орлов", FU_REF_ANY, d);
	assert_ref(db, "ёлка", FU_REF_ANY, a);
	assert_ref(db, "ИНЖЕНЕР", FU_REF_ANY, a);
	int64_t e = fu_test_contact(db, "Ελένη Οικονόμου", NULL);
	assert_ref(db, "ελενη", FU_REF_ANY, e);
	assert_ref(db, "ΟΙΚΟΝΟΜΟΥ", FU_REF_ANY, e);
	assert_ref(db, "王", FU_REF_ANY, fu_test_contact(db, "王小明", NULL));
}

/* Apostrophes do not count: obrien finds O'Brien, however the
 * apostrophe was typed, and O'Brien finds O’Brien. */
static void test_ref_apostrophes(void **state)
{
	fu_db *db = *state;
	int64_t o = fu_test_contact(db, "Siobhán O'Brien", NULL);
	int64_t d = fu_test_app(db, "D\xe2\x80\x99" "Angelo Foods", "Chef", 0,
				WEEK_AGO);
	assert_ref(db, "obrien", FU_REF_ANY, o);
	assert_ref(db, "o'brien", FU_REF_ANY, o);
	assert_ref(db, "O\xe2\x80\x99" "Brien", FU_REF_ANY, o);
	assert_ref(db, "siobhan obrien", FU_REF_ANY, o);
	assert_ref(db, "d'angelo", FU_REF_ANY, d);
	assert_ref(db, "dangelo", FU_REF_ANY, d);
}

/* --- completion (fu_ref_complete) ------------------------------------ */

typedef struct got {
	char text[4096]; /* "word\tdescription\n" each */
	size_t n;
	size_t stop_after; /* non-zero: return 1 after that many */
} got;

static int collect(const fu_ref_candidate *c, void *arg)
{
	got *g = arg;
	size_t len = strlen(g->text);
	snprintf(g->text + len, sizeof g->text - len, "%s\t%s\n", c->word,
		 c->description);
	g->n++;
	return g->stop_after && g->n >= g->stop_after;
}

static got complete(fu_db *db, const char *word, int what, size_t max)
{
	got g = { "", 0, 0 };
	assert_fu_ok_db(db, fu_ref_complete(db, word, what, max, collect, &g));
	return g;
}

static void test_ref_complete_matches_as_references(void **state)
{
	fu_db *db = *state;
	int64_t dana = fu_test_contact(db, "Dana Reyes", "Acme");
	fu_test_app(db, "Acme", "Backend Engineer", dana, WEEK_AGO);
	fu_test_app(db, "Müller GmbH", "Data Engineer", 0, WEEK_AGO);
	fu_test_app(db, "Müller GmbH", "Platform Engineer", 0, WEEK_AGO);
	fu_test_contact(db, "Siobhán O'Brien", "Globex");
	fu_test_contact(db, "Ελένη Παππά", NULL);
	int all = FU_COMPLETE_OPEN | FU_COMPLETE_CLOSED | FU_COMPLETE_CONTACTS;
	got g = complete(db, "AC", all, 100);
	assert_string_equal(g.text, "Acme\t2 Backend Engineer\n");
	/* accents aside; a company with several: each as Company Role */
	g = complete(db, "mu", all, 100);
	assert_string_equal(g.text, "Müller GmbH\t2 applications\n"
			    "Müller GmbH Data Engineer\t3\n"
			    "Müller GmbH Platform Engineer\t4\n");
	g = complete(db, "muller gmbh p", all, 100);
	assert_string_equal(g.text, "Müller GmbH Platform Engineer\t4\n");
	g = complete(db, "siob", all, 100);
	assert_string_equal(g.text, "Siobhán O'Brien\tGlobex\n");
	g = complete(db, "ελ", all, 100);
	assert_string_equal(g.text, "Ελένη Παππά\t\n");
	/* contacts only; companies only */
	g = complete(db, "d", FU_COMPLETE_CONTACTS, 100);
	assert_string_equal(g.text, "Dana Reyes\tAcme\n");
	g = complete(db, "a", FU_COMPLETE_COMPANIES, 100);
	assert_string_equal(g.text, "Acme\t2 Backend Engineer\n");
	/* numbers: by their digits */
	g = complete(db, "1", all, 100);
	assert_string_equal(g.text, "1\tDana Reyes, Acme\n");
	g = complete(db, "#3", all, 100);
	assert_string_equal(g.text, "3\tMüller GmbH, Data Engineer\n");
	g = complete(db, "zz", all, 100);
	assert_string_equal(g.text, "");
}

static void test_ref_complete_bounded(void **state)
{
	fu_db *db = *state;
	char name[64];
	for (int i = 0; i < 30; i++) {
		snprintf(name, sizeof name, "Company %02d", i);
		fu_test_app(db, name, "Engineer", 0, WEEK_AGO);
	}
	got g = complete(db, "comp", FU_COMPLETE_OPEN, 7);
	assert_int_equal(g.n, 7);
	assert_has(g.text, "Company 00\t");
	assert_lacks(g.text, "Company 07\t");
	/* numbers 1, 10-19: eleven, bounded at 5 */
	g = complete(db, "1", FU_COMPLETE_OPEN, 5);
	assert_int_equal(g.n, 5);
	assert_true(strncmp(g.text, "1\t", 2) == 0);
	/* an empty word: numbers (the newest first) and names */
	g = complete(db, "", FU_COMPLETE_OPEN, 10);
	assert_int_equal(g.n, 10);
	assert_true(strncmp(g.text, "30\t", 3) == 0);
	assert_has(g.text, "Company 00\t");
	/* fn stops the walk: its value is returned */
	got s = { "", 0, 3 };
	assert_int_equal(fu_ref_complete(db, "comp", FU_COMPLETE_OPEN, 100,
					 collect, &s), 1);
	assert_int_equal(s.n, 3);
}

static void test_ref_complete_closed_and_open(void **state)
{
	fu_db *db = *state;
	int64_t a = fu_test_app(db, "Initech", "Data Engineer", 0, WEEK_AGO);
	assert_fu_ok_db(db, fu_application_close(db, a, FU_OUT_REJECTED, 0, NULL));
	got g = complete(db, "ini", FU_COMPLETE_OPEN, 100);
	assert_string_equal(g.text, "");
	g = complete(db, "ini", FU_COMPLETE_OPEN | FU_COMPLETE_CLOSED, 100);
	assert_string_equal(g.text, "Initech\t1 Data Engineer (closed)\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FU_TEST(test_ref_by_number_and_name),
		FU_TEST(test_ref_ambiguous_lists_candidates),
		FU_TEST(test_ref_exact_and_open_win),
		FU_TEST(test_ref_folds_unicode_case),
		FU_TEST(test_ref_ignores_accents),
		FU_TEST(test_ref_accented_and_plain_names),
		FU_TEST(test_ref_non_latin_case),
		FU_TEST(test_ref_apostrophes),
		FU_TEST(test_ref_complete_matches_as_references),
		FU_TEST(test_ref_complete_bounded),
		FU_TEST(test_ref_complete_closed_and_open),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
