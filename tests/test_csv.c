/* SPDX-License-Identifier: MIT */
/* test_csv.c - spreadsheets (lib/csv.c): RFC 4180 parsing and its errors,
 * fu import --csv of rows and their mistakes. */
#include "fu_test.h"

#include "fu/csv.h"
#include "fu/date.h"

static fu_csv *parse_ok(fu_db *db, const char *text)
{
	fu_csv *csv = NULL;
	assert_fu_ok_db(db, fu_csv_parse(&csv, db, text, strlen(text)));
	return csv;
}

static void test_csv_quoting(void **state)
{
	fu_db *db = *state;
	static const char text[] =
		"\xef\xbb\xbfname,note,n\r\n"
		"plain,\"with, comma\",1\r\n"
		"\"doubled \"\"quotes\"\"\",\"line\r\nbreak\",2\n"
		"\n"
		"\"\",5\" screen,\r\n"
		"last,\"lf\nonly\",\"\"\"\"";
	fu_csv *csv = parse_ok(db, text);
	assert_int_equal(csv->nrows, 5);
	fu_csv_row *r = csv->rows;
	assert_int_equal(r[0].line, 1);
	assert_int_equal(r[0].nfields, 3);
	assert_string_equal(r[0].fields[0], "name"); /* the BOM is gone */
	assert_int_equal(r[1].line, 2);
	assert_string_equal(r[1].fields[1], "with, comma");
	assert_int_equal(r[2].line, 3);
	assert_string_equal(r[2].fields[0], "doubled \"quotes\"");
	assert_string_equal(r[2].fields[1], "line\nbreak");
	assert_string_equal(r[2].fields[2], "2");
	/* the blank line 5 is no record; a quote inside a bare field stays */
	assert_int_equal(r[3].line, 6);
	assert_int_equal(r[3].nfields, 3);
	assert_string_equal(r[3].fields[0], "");
	assert_string_equal(r[3].fields[1], "5\" screen");
	assert_string_equal(r[3].fields[2], "");
	assert_int_equal(r[4].line, 7);
	assert_string_equal(r[4].fields[1], "lf\nonly");
	assert_string_equal(r[4].fields[2], "\"");
	fu_csv_free(csv);

	/* lone CRs end lines too (old spreadsheets) */
	csv = parse_ok(db, "a,b\rc,d\r");
	assert_int_equal(csv->nrows, 2);
	assert_int_equal(csv->rows[1].line, 2);
	assert_string_equal(csv->rows[1].fields[1], "d");
	fu_csv_free(csv);
	csv = parse_ok(db, "");
	assert_int_equal(csv->nrows, 0);
	fu_csv_free(csv);
}

static void test_csv_errors(void **state)
{
	fu_db *db = *state;
	static const struct { const char *text; const char *msg; } cases[] = {
		{ "a,b\n\"x\"y,2\n", "line 2: text after a closing quote "
		  "(inside a quoted field, write a quote twice: \"\")" },
		{ "a,b\n1,2\n\"open\n\nstill", "line 5: a quoted field is not "
		  "closed (it opens on line 3)" },
		{ "a,b\r\n1,2\r\nbad \xc3\x28,3\r\n", "line 3: not valid UTF-8 "
		  "(save the spreadsheet as CSV UTF-8)" },
		{ "a,b\n\"multi\nline\",\xe2\x82\n", "line 3: not valid UTF-8 "
		  "(save the spreadsheet as CSV UTF-8)" },
		{ "a,b\n1,2\xed\xa0\x80\n", "line 2: not valid UTF-8 (save the "
		  "spreadsheet as CSV UTF-8)" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		fu_csv *csv = NULL;
		assert_int_equal(fu_csv_parse(&csv, db, cases[i].text,
					      strlen(cases[i].text)), FU_EINVALID);
		assert_null(csv);
		assert_string_equal(fu_errmsg(db), cases[i].msg);
	}
	static const char nul[] = "a,b\n1\0,2\n";
	fu_csv *csv = NULL;
	assert_int_equal(fu_csv_parse(&csv, db, nul, sizeof nul - 1),
			 FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "line 2: a NUL byte (is this a text "
			    "file?)");
}

static void test_csv_import(void **state)
{
	fu_db *db = *state;
	int64_t dana = fu_test_contact(db, "Dana Reyes", "Acme");
	static const char text[] =
		"Company,Job Title,Date Applied,Contact Name,Contact E-mail,"
		"Status,Link,Notes,Salary\r\n"
		"Acme,Backend Engineer,2026-11-02,dana reyes,,applied,"
		"https://acme.example/1,\"remote, maybe\",90k\r\n"
		"Globex,SRE,2026-10-20,Sam Lee,sam@globex.example,rejected,,,\r\n"
		"Globex,Platform,2026-10-22,Sam Lee,sam@globex.example,"
		"Interviewing,,,\r\n"
		"Initech,Data Engineer,,,,,,,\r\n"
		",,,,,,,,\r\n";
	fu_csv_report rep;
	assert_fu_ok_db(db, fu_import_csv(db, text, strlen(text), 0, &rep));
	assert_int_equal(rep.rows, 4);
	assert_int_equal(rep.applications, 4);
	assert_int_equal(rep.contacts_created, 1); /* Sam, once */
	assert_int_equal(rep.contacts_reused, 2);  /* Dana; Sam again */
	assert_int_equal(rep.nunknown, 1);
	assert_string_equal(rep.unknown_columns[0], "Salary");
	assert_int_equal(rep.nbad, 0);
	fu_csv_report_clear(&rep);

	fu_application *list[4];
	for (int i = 0; i < 4; i++)
		assert_fu_ok_db(db, fu_application_get(&list[i], db,
						       dana + 1 + i + (i > 0)));
	assert_string_equal(list[0]->company, "Acme");
	assert_string_equal(fu_application_stage_name(list[0]), "applied");
	assert_int_equal(list[0]->applied_at, fu_test_at("2026-11-02 12:00"));
	assert_int_equal(list[0]->ncontacts, 1);
	assert_int_equal(list[0]->contact_ids[0], dana);
	assert_string_equal(list[0]->url, "https://acme.example/1");
	assert_string_equal(list[0]->notes, "remote, maybe");
	assert_string_equal(list[1]->company, "Globex");
	assert_string_equal(fu_application_stage_name(list[1]), "rejected");
	assert_int_equal(list[1]->closed_at, fu_test_at("2026-10-20 12:00"));
	assert_string_equal(fu_application_stage_name(list[2]), "interviewing");
	assert_int_equal(list[2]->contact_ids[0], list[1]->contact_ids[0]);
	assert_string_equal(list[3]->company, "Initech");
	assert_string_equal(fu_application_stage_name(list[3]), "planned");
	assert_int_equal(list[3]->applied_at, 0);
	for (int i = 0; i < 4; i++)
		fu_application_free(list[i]);
	fu_contact *sam = NULL;
	assert_fu_ok_db(db, fu_contact_get(&sam, db, dana + 2));
	assert_string_equal(sam->name, "Sam Lee");
	assert_string_equal(sam->email, "sam@globex.example");
	assert_string_equal(sam->company, "Globex");
	fu_contact_free(sam);
}

static void test_csv_bad_rows(void **state)
{
	fu_db *db = *state;
	static const char text[] =
		"company,role,applied,contact,email,status\n"
		"Acme,Backend Engineer,2026-11-02,,,\n"
		"Globex,SRE,31/02/2026,,,\n"
		"Hooli,\"\",,,,\n"
		"Initech,Data,,,x@y.example,\n"
		"Umbrella,QA,,,,ghosted\n"
		"Stark,Dev,,,,open\n";
	char *before = fu_test_dump(db);
	fu_csv_report rep;
	assert_int_equal(fu_import_csv(db, text, strlen(text), 0, &rep),
			 FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "line 3, column applied: cannot read "
		"date '31/02/2026': use " FU_DATE_FORMS " (and 3 more bad rows; "
		"nothing imported: --skip-bad imports the good ones)");
	char *after = fu_test_dump(db);
	assert_string_equal(before, after);
	free(before);
	free(after);
	fu_csv_report_clear(&rep);

	assert_fu_ok_db(db, fu_import_csv(db, text, strlen(text),
					  FU_IMPORT_SKIP_BAD, &rep));
	assert_int_equal(rep.applications, 2);
	assert_int_equal(rep.nbad, 4);
	assert_int_equal(rep.bad[0].line, 3);
	assert_int_equal(rep.bad[1].line, 4);
	assert_string_equal(rep.bad[1].message, "line 4, column role: empty; "
			    "every row needs the role");
	assert_string_equal(rep.bad[2].message, "line 5, column email: "
			    "'x@y.example' has no contact name beside it "
			    "(column contact)");
	assert_string_equal(rep.bad[3].message, "line 6, column status: "
			    "'ghosted' is not a status (open, applied, "
			    "interviewing, offer, accepted, declined, rejected, "
			    "withdrawn, no-response, filled)");
	fu_csv_report_clear(&rep);

	/* a header without the columns fu needs, or a duplicate */
	static const char nocompany[] = "employer name,role\nAcme,Dev\n";
	assert_int_equal(fu_import_csv(db, nocompany, strlen(nocompany), 0,
				       &rep), FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "line 1: no 'company' column (fu "
			    "reads company, role, applied, contact, email, "
			    "status, source, url, notes)");
	fu_csv_report_clear(&rep);
	static const char twice[] = "Role,company,Position\nDev,Acme,Dev\n";
	assert_int_equal(fu_import_csv(db, twice, strlen(twice), 0, &rep),
			 FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "line 1: columns 'Role' and "
			    "'Position' both give the role");
	fu_csv_report_clear(&rep);
	/* semicolons said to be commas */
	static const char semi[] = "company;role\nAcme;Dev\n";
	assert_int_equal(fu_import_csv(db, semi, strlen(semi),
				       FU_IMPORT_COMMA, &rep), FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "line 1: the columns are separated "
			    "by semicolons, not by commas (leave the separator "
			    "out, and fu reads it from this line)");
	fu_csv_report_clear(&rep);
	static const char wide[] = "company,role\nAcme,Dev,extra\n";
	assert_int_equal(fu_import_csv(db, wide, strlen(wide), 0, &rep),
			 FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "line 2: 3 fields, but the header "
			    "names 2 columns (nothing imported)");
	fu_csv_report_clear(&rep);
}

/* Spreadsheets saved in French or German separate columns with ';',
 * and tab-separated files with tabs: fu reads the separator from the
 * header line, or is told. */
static void test_csv_separators(void **state)
{
	fu_db *db = *state;
	assert_int_equal(fu_csv_separator("a,b;c;d\n", 8), ';');
	assert_int_equal(fu_csv_separator("a\tb\tc,d\n", 9), '\t');
	assert_int_equal(fu_csv_separator("\"a;b;c\",d\n1;2;3;4;5", 19), ',');
	assert_int_equal(fu_csv_separator("company", 7), ',');
	assert_int_equal(fu_csv_separator("a;b,c", 5), ','); /* a tie */
	fu_csv *csv = NULL;
	static const char tabs[] = "a\tb\n\"x\ty\"\tz\n";
	assert_fu_ok_db(db, fu_csv_parse_sep(&csv, db, tabs, strlen(tabs), 0));
	assert_int_equal(csv->nrows, 2);
	assert_string_equal(csv->rows[1].fields[0], "x\ty");
	assert_string_equal(csv->rows[1].fields[1], "z");
	fu_csv_free(csv);
	assert_int_equal(fu_csv_parse_sep(&csv, db, tabs, strlen(tabs), '|'),
			 FU_EINVALID);

	fu_csv_report rep;
	static const char semi[] =
		"Unternehmen;Company;Role;Applied;Notes\n"
		"x;Müller GmbH;Entwickler;2026-11-02;\"eins; zwei\"\n";
	assert_fu_ok_db(db, fu_import_csv(db, semi, strlen(semi), 0, &rep));
	assert_int_equal(rep.applications, 1);
	assert_int_equal(rep.nunknown, 1);
	fu_csv_report_clear(&rep);
	static const char tab[] = "company\trole\nInitech\tQA, nights\n";
	assert_fu_ok_db(db, fu_import_csv(db, tab, strlen(tab), 0, &rep));
	assert_int_equal(rep.applications, 1);
	fu_csv_report_clear(&rep);
	/* told: a comma file read as semicolons is one column */
	static const char commas[] = "company,role\nHooli,Dev\n";
	assert_int_equal(fu_import_csv(db, commas, strlen(commas),
				       FU_IMPORT_SEMICOLON, &rep), FU_EINVALID);
	assert_string_equal(fu_errmsg(db), "line 1: the columns are separated "
			    "by commas, not by semicolons (leave the separator "
			    "out, and fu reads it from this line)");
	fu_csv_report_clear(&rep);
	assert_fu_ok_db(db, fu_import_csv(db, commas, strlen(commas),
					  FU_IMPORT_COMMA, &rep));
	fu_csv_report_clear(&rep);
	fu_application *list = NULL;
	size_t n = 0;
	assert_fu_ok_db(db, fu_application_list(&list, &n, db, NULL));
	assert_int_equal(n, 3);
	assert_string_equal(list[0].company, "Müller GmbH");
	assert_string_equal(list[0].notes, "eins; zwei");
	assert_string_equal(list[1].role, "QA, nights");
	assert_string_equal(list[2].company, "Hooli");
	fu_application_list_free(list, n);
}

/* A line break typed inside a cell of one line (a company, a role, a
 * name) is a space; notes keep their lines. */
static void test_csv_line_breaks_in_cells(void **state)
{
	fu_db *db = *state;
	static const char text[] =
		"company,role,contact,notes\r\n"
		"\"Acme\r\nLabs\",\"Senior \n  Backend\nEngineer\",\"Dana\n"
		"Reyes\",\"first line\r\nsecond line\"\r\n";
	fu_csv_report rep;
	assert_fu_ok_db(db, fu_import_csv(db, text, strlen(text), 0, &rep));
	assert_int_equal(rep.applications, 1);
	fu_csv_report_clear(&rep);
	fu_application *list = NULL;
	size_t n = 0;
	assert_fu_ok_db(db, fu_application_list(&list, &n, db, NULL));
	assert_int_equal(n, 1);
	assert_string_equal(list[0].company, "Acme Labs");
	assert_string_equal(list[0].role, "Senior Backend Engineer");
	assert_string_equal(list[0].notes, "first line\nsecond line");
	fu_application_list_free(list, n);
	fu_ref r;
	assert_fu_ok_db(db, fu_ref_resolve(&r, db, "dana reyes",
					   FU_REF_CONTACT));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FU_TEST(test_csv_separators),
		FU_TEST(test_csv_line_breaks_in_cells),
		FU_TEST(test_csv_quoting),
		FU_TEST(test_csv_errors),
		FU_TEST(test_csv_import),
		FU_TEST(test_csv_bad_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
