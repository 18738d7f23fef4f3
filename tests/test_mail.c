/* SPDX-License-Identifier: MIT */
/* test_mail.c - what a message is to the job hunt (lib/mailmsg.c,
 * lib/mailmatch.c): fu-mail-read's records read into plain structs,
 * matched against a context built by hand, without a database. */
#include "fu_test.h"

#include "fu/mail.h"
#include "internal.h"

/* 2026-11-03 10:15 +0100 */
#define T_REPLY 1793697300

/* --- a context: Alex Morgan's hunt ------------------------------------- */

enum {
	C_DANA = 1, C_SAM = 2, C_JONAS = 3, C_LUCAS = 4, C_MEI = 5,
	A_ACME = 10, A_GLOBEX = 11, A_INITECH = 12, A_HOOLI = 13,
	A_GLOBEX2 = 14
};

static fu_mail_ctx *hunt(void)
{
	fu_mail_ctx *x = fu_mail_ctx_new();
	assert_non_null(x);
	assert_fu_ok(fu_mail_ctx_user(x, "alex@example.org"));
	assert_fu_ok(fu_mail_ctx_user(x, "Alex.Morgan@Phone.Example"));
	assert_fu_ok(fu_mail_ctx_contact(x, C_DANA, "Dana Reyes",
					 " Dana.Reyes@Acme.Example ", 1, "Acme"));
	assert_fu_ok(fu_mail_ctx_contact(x, C_SAM, "Sam Lee", NULL, 1, "Acme"));
	assert_fu_ok(fu_mail_ctx_contact(x, C_JONAS, "Jonas Berg",
					 "jonas.berg@globex.example", 2,
					 "Globex"));
	assert_fu_ok(fu_mail_ctx_contact(x, C_LUCAS, "Lucas Silva",
					 "lucas@wonka.example", 0, NULL));
	assert_fu_ok(fu_mail_ctx_contact(x, C_MEI, "Mei Chen",
					 "mei.chen@gmail.com", 2, "Globex"));
	int64_t acme[] = { C_DANA, C_SAM }, globex[] = { C_JONAS };
	assert_fu_ok(fu_mail_ctx_app(x, A_ACME, 1, "Acme", "Backend Engineer",
				     1, acme, 2));
	assert_fu_ok(fu_mail_ctx_app(x, A_GLOBEX, 2, "Globex", "Data Engineer",
				     1, globex, 1));
	assert_fu_ok(fu_mail_ctx_app(x, A_INITECH, 3, "Initech",
				     "Backend Engineer", 1, NULL, 0));
	assert_fu_ok(fu_mail_ctx_app(x, A_HOOLI, 4, "Hooli", "Data Engineer",
				     1, NULL, 0));
	fu_mail_known k = { 0 };
	k.message_id = "fu.1.1793600000@example.org";
	k.event_id = 7;
	k.kind = FU_EV_SENT;
	k.application_id = A_ACME;
	k.person = C_DANA;
	assert_fu_ok(fu_mail_ctx_known(x, &k));
	return x;
}

/* A record as fu-mail-read writes it (single quotes for double). */
static void msg(fu_mail_msg *m, const char *json)
{
	char *text = strdup(json);
	for (char *p = text; *p; p++)
		if (*p == '\'')
			*p = '"';
	cJSON *r = cJSON_Parse(text);
	free(text);
	assert_non_null(r);
	assert_fu_ok(fu_mail_msg_from_json(m, r));
	cJSON_Delete(r);
}

static fu_mail_match match(const fu_mail_ctx *x, const char *json)
{
	fu_mail_msg m;
	fu_mail_match mt;
	msg(&m, json);
	assert_fu_ok(fu_mail_match_msg(&mt, x, &m));
	fu_mail_msg_clear(&m);
	return mt;
}

#define HEAD "{'type':'message','req':0,'path':'/m/1','digest':'ab'," \
	"'date':1793697300,'date_offset':60,'sender':null,'reply_to':[]," \
	"'cc':[],'content_type':'text/plain'"

/* --- records ------------------------------------------------------------- */

static void test_mail_record(void **state)
{
	(void)state;
	fu_mail_msg m;
	msg(&m, "{'type':'message','req':3,'path':'/x/cur/1.M1:2,RS',"
	    "'flags':'RS','message_id':'a@b','digest':'ff','date':1793697300,"
	    "'date_offset':60,'from':{'name':'Dana Reyes','address':"
	    "'dana.reyes@acme.example'},'sender':null,'reply_to':[],"
	    "'to':[{'name':null,'address':'alex@example.org'}],'cc':[],"
	    "'subject':'Re: hi','in_reply_to':['x@y'],'references':['w@v','x@y'],"
	    "'hints':{'auto-submitted':'auto-replied','list-id':'<l>'},"
	    "'content_type':'multipart/mixed','snippet':'Hi Alex',"
	    "'truncated':false,'calendar':{'method':'request','events':[{"
	    "'uid':'u1','sequence':2,'status':'CONFIRMED','summary':'Interview',"
	    "'location':null,'start':{'utc':null,'local':'2026-11-10T14:00:00',"
	    "'tzid':null,'zone':null,'all_day':false},'end':null,"
	    "'recurrence_id':null,'recurring':false,'organizer':{'name':'Dana',"
	    "'address':'dana.reyes@acme.example'},'attendees':[{'name':null,"
	    "'address':'sam@acme.example','role':'REQ-PARTICIPANT','partstat':"
	    "null,'cutype':'INDIVIDUAL','rsvp':null}]}]}}");
	assert_string_equal(m.message_id, "a@b");
	assert_string_equal(m.flags, "RS");
	assert_true(m.has_date);
	assert_int_equal(m.date, 1793697300);
	assert_string_equal(m.from.address, "dana.reyes@acme.example");
	assert_int_equal(m.nto, 1);
	assert_null(m.to[0].name);
	assert_int_equal(m.nreferences, 2);
	assert_true(m.hints & FU_MAIL_AUTOREPLY);
	assert_true(m.hints & FU_MAIL_LIST);
	assert_true(m.full);
	assert_string_equal(m.snippet, "Hi Alex");
	assert_non_null(m.calendar);
	assert_string_equal(m.calendar->method, "REQUEST");
	assert_int_equal(m.calendar->nevents, 1);
	const fu_mail_vevent *e = &m.calendar->events[0];
	assert_int_equal(e->sequence, 2);
	assert_false(e->start.has_utc);
	assert_string_equal(e->start.local, "2026-11-10T14:00:00");
	assert_false(e->end.known);
	assert_string_equal(e->organizer.name, "Dana");
	assert_int_equal(e->nattendees, 1);
	assert_string_equal(e->attendees[0].cutype, "INDIVIDUAL");
	fu_mail_msg_clear(&m);

	/* headers only: no snippet, not full; a skip record is no message */
	msg(&m, HEAD ",'message_id':null,'from':null,'to':[],'subject':null,"
	    "'in_reply_to':[],'hints':{}}");
	assert_false(m.full);
	assert_null(m.from.address);
	assert_int_equal(fu_mail_msg_key(&m), fu_mail_key("digest:", "ab"));
	fu_mail_msg_clear(&m);
	cJSON *skip = cJSON_Parse("{\"type\":\"skip\",\"req\":0,\"path\":\"x\","
				  "\"error\":\"not mail\"}");
	assert_int_equal(fu_mail_msg_from_json(&m, skip), FU_EINVALID);
	cJSON_Delete(skip);
	fu_mail_msg_clear(&m);
}

static void test_mail_keys(void **state)
{
	(void)state;
	unsigned char h[32];
	fu__sha256(h, "abc", 3);
	static const unsigned char abc[8] = { 0xba, 0x78, 0x16, 0xbf, 0x8f,
					      0x01, 0xcf, 0xea };
	assert_memory_equal(h, abc, 8);
	/* two blocks of padding */
	fu__sha256(h, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		   56);
	static const unsigned char two[4] = { 0x24, 0x8d, 0x6a, 0x61 };
	assert_memory_equal(h, two, 4);
	assert_true(fu_mail_key("id:", "a@b") == fu_mail_key("id:", "a@b"));
	assert_true(fu_mail_key("id:", "a@b") != fu_mail_key("digest:", "a@b"));
	assert_true(fu_mail_key("id:", "a@b") != 0);
	char u[64];
	assert_string_equal(fu_mail_unique_name(u, sizeof u,
						"1793697302.M1P100.host:2,RS"),
			    "1793697302.M1P100.host");
	assert_string_equal(fu_mail_unique_name(u, sizeof u,
						"1794066300.M5P100.host!2,S"),
			    "1794066300.M5P100.host");
	assert_string_equal(fu_mail_unique_name(u, sizeof u, "x;2,"), "x");
	assert_string_equal(fu_mail_unique_name(u, sizeof u, "new.M4.host"),
			    "new.M4.host");
	assert_null(fu_mail_unique_name(u, 4, "toolong:2,"));
}

static void test_mail_words(void **state)
{
	(void)state;
	assert_true(fu_mail_names("Your application to Initech", "initech"));
	assert_true(fu_mail_names("Bewerbung bei Müller & Söhne", "Muller"));
	assert_false(fu_mail_names("Initechnology news", "Initech"));
	assert_false(fu_mail_names("anything", ""));
	assert_string_equal(fu_mail_declines("Unfortunately, we have decided "
					     "not to move forward."),
			    "unfortunately");
	assert_non_null(fu_mail_declines("We won’t be moving forward"));
	assert_non_null(fu_mail_declines("we decided to move forward with "
					 "other candidates"));
	assert_string_equal(fu_mail_declines("Leider müssen wir Ihnen "
					     "mitteilen"), "leider");
	assert_non_null(fu_mail_declines("dass wir Sie nicht weiter "
					 "berücksichtigen können"));
	assert_non_null(fu_mail_declines("wir haben uns für einen anderen "
					 "Bewerber entschieden"));
	assert_null(fu_mail_declines("We would love to move forward: are you "
				     "free on Tuesday?"));
	assert_null(fu_mail_declines("Thank you for applying, under review"));
	assert_null(fu_mail_declines(NULL));
}

/* --- replies ------------------------------------------------------------------ */

static void test_mail_thread_reply(void **state)
{
	(void)state;
	fu_mail_ctx *x = hunt();
	/* Dana answers fu's message: the exact match */
	fu_mail_match mt = match(x, HEAD ",'message_id':'r1@acme',"
		"'from':{'name':'Dana Reyes','address':'dana.reyes@acme.example'},"
		"'to':[{'name':null,'address':'alex@example.org'}],"
		"'subject':'Re: Backend Engineer','in_reply_to':["
		"'fu.1.1793600000@example.org'],'hints':{},'snippet':'Yes, "
		"Tuesday works','calendar':null,'truncated':false}");
	assert_int_equal(mt.kind, FU_EV_REPLY);
	assert_int_equal(mt.how, FU_MATCH_THREAD);
	assert_true(mt.exact);
	assert_int_equal(mt.application_id, A_ACME);
	assert_int_equal(mt.npeople, 1);
	assert_int_equal(mt.people[0].contact_id, C_DANA);
	assert_int_equal(mt.at, T_REPLY);
	assert_int_equal(mt.channel, FU_CH_EMAIL);
	assert_has(mt.reason, "in reply to your sent of event 7");
	fu_mail_match_clear(&mt);

	/* a colleague fu does not know, in the thread (References only):
	 * proposed with a new person, not exact */
	mt = match(x, HEAD ",'message_id':'r2@acme',"
		   "'from':{'name':'Priya Patel','address':'priya@acme.example'},"
		   "'to':[],'subject':'Re: x','in_reply_to':[],'references':["
		   "'zz@else','fu.1.1793600000@example.org'],'hints':{}}");
	assert_int_equal(mt.kind, FU_EV_REPLY);
	assert_false(mt.exact);
	assert_int_equal(mt.people[0].contact_id, 0);
	assert_string_equal(mt.people[0].name, "Priya Patel");
	assert_string_equal(mt.people[0].address, "priya@acme.example");
	fu_mail_match_clear(&mt);

	/* a thread reply that declines: a rejection, never exact */
	mt = match(x, HEAD ",'message_id':'r3@acme',"
		   "'from':{'name':'Dana','address':'dana.reyes@acme.example'},"
		   "'to':[],'subject':'Re: x','in_reply_to':["
		   "'fu.1.1793600000@example.org'],'hints':{},'snippet':"
		   "'Unfortunately we went with another candidate.',"
		   "'calendar':null,'truncated':false}");
	assert_int_equal(mt.kind, FU_EV_REJECTION);
	assert_false(mt.exact);
	assert_has(mt.reason, "it declines (\"unfortunately\")");
	fu_mail_match_clear(&mt);

	/* the user, in the thread, to Dana: a sent, exact */
	mt = match(x, HEAD ",'message_id':'s1@example.org',"
		   "'from':{'name':'Alex','address':'alex.morgan@phone.example'},"
		   "'to':[{'name':'Dana','address':'dana.reyes@acme.example'}],"
		   "'subject':'Re: x','in_reply_to':['fu.1.1793600000@example.org'],"
		   "'hints':{}}");
	assert_int_equal(mt.kind, FU_EV_SENT);
	assert_true(mt.exact);
	assert_int_equal(mt.people[0].contact_id, C_DANA);
	fu_mail_match_clear(&mt);

	/* an automatic reply, even in the thread, is nothing */
	mt = match(x, HEAD ",'message_id':'oof@acme',"
		   "'from':{'name':'Dana','address':'dana.reyes@acme.example'},"
		   "'to':[],'subject':'Automatic reply: x','in_reply_to':["
		   "'fu.1.1793600000@example.org'],'hints':{}}");
	assert_int_equal(mt.kind, FU_EV_NONE);
	assert_string_equal(mt.why, "an automatic reply");
	fu_mail_match_clear(&mt);

	/* fu's own message, met again: nothing new */
	mt = match(x, HEAD ",'message_id':'fu.1.1793600000@example.org',"
		   "'from':{'name':'Alex','address':'alex@example.org'},"
		   "'to':[{'name':null,'address':'dana.reyes@acme.example'}],"
		   "'subject':'x','in_reply_to':[],'hints':{}}");
	assert_int_equal(mt.kind, FU_EV_NONE);
	fu_mail_match_clear(&mt);
	fu_mail_ctx_free(x);
}

static void test_mail_contact(void **state)
{
	(void)state;
	fu_mail_ctx *x = hunt();
	/* from a known contact, no thread: a reply on their one open
	 * application, for review */
	fu_mail_match mt = match(x, HEAD ",'message_id':'c1@globex',"
		"'from':{'name':'Jonas Berg','address':'jonas.berg@globex.example'},"
		"'to':[],'subject':'RE: Data Engineer application',"
		"'in_reply_to':['unknown@x'],'hints':{}}");
	assert_int_equal(mt.kind, FU_EV_REPLY);
	assert_int_equal(mt.how, FU_MATCH_CONTACT);
	assert_false(mt.exact);
	assert_int_equal(mt.application_id, A_GLOBEX);
	assert_has(mt.reason, "from Jonas Berg, a contact on 11 Globex, "
		   "Data Engineer");
	fu_mail_match_clear(&mt);

	/* a second open application for Jonas: the user chooses ... */
	int64_t j[] = { C_JONAS };
	assert_fu_ok(fu_mail_ctx_app(x, A_GLOBEX2, 2, "Globex",
				     "Platform Engineer", 1, j, 1));
	mt = match(x, HEAD ",'message_id':'c2@globex',"
		   "'from':{'name':'Jonas','address':'jonas.berg@globex.example'},"
		   "'to':[],'subject':'Next steps','in_reply_to':[],'hints':{}}");
	assert_int_equal(mt.kind, FU_EV_REPLY);
	assert_int_equal(mt.application_id, 0);
	assert_int_equal(mt.contact_id, 0);
	assert_int_equal(mt.ncandidates, 2);
	assert_int_equal(mt.candidates[0], A_GLOBEX);
	assert_int_equal(mt.candidates[1], A_GLOBEX2);
	fu_mail_match_clear(&mt);
	/* ... unless the subject names one role */
	mt = match(x, HEAD ",'message_id':'c3@globex',"
		   "'from':{'name':'Jonas','address':'jonas.berg@globex.example'},"
		   "'to':[],'subject':'Your Platform Engineer interview',"
		   "'in_reply_to':[],'hints':{}}");
	assert_int_equal(mt.application_id, A_GLOBEX2);
	assert_int_equal(mt.ncandidates, 0);
	fu_mail_match_clear(&mt);

	/* a networking contact (no application): the reply is theirs */
	mt = match(x, HEAD ",'message_id':'c4@wonka',"
		   "'from':{'name':'Lucas','address':'lucas@wonka.example'},"
		   "'to':[],'subject':'Re: Coffee?','in_reply_to':[],'hints':{},"
		   "'snippet':'Unfortunately I am away','calendar':null,"
		   "'truncated':false}");
	assert_int_equal(mt.kind, FU_EV_REPLY); /* nothing to reject */
	assert_int_equal(mt.contact_id, C_LUCAS);
	assert_int_equal(mt.application_id, 0);
	fu_mail_match_clear(&mt);

	/* a known contact's newsletter: a list, passed over */
	mt = match(x, HEAD ",'message_id':'c5@globex',"
		   "'from':{'name':'Jonas','address':'jonas.berg@globex.example'},"
		   "'to':[],'subject':'Our news','in_reply_to':[],"
		   "'hints':{'list-unsubscribe':'<mailto:u@x>'}}");
	assert_int_equal(mt.kind, FU_EV_NONE);
	fu_mail_match_clear(&mt);

	/* the user writes to Dana from another of their addresses: a sent */
	mt = match(x, HEAD ",'message_id':'u1@phone',"
		   "'from':{'name':'Alex','address':'alex.morgan@phone.example'},"
		   "'to':[{'name':'Dana','address':'dana.reyes@acme.example'}],"
		   "'subject':'Following up','in_reply_to':[],'hints':{}}");
	assert_int_equal(mt.kind, FU_EV_SENT);
	assert_int_equal(mt.how, FU_MATCH_USER);
	assert_false(mt.exact);
	assert_int_equal(mt.application_id, A_ACME);
	assert_int_equal(mt.people[0].contact_id, C_DANA);
	fu_mail_match_clear(&mt);

	/* to nobody fu knows; from nobody fu knows */
	mt = match(x, HEAD ",'message_id':'u2@phone',"
		   "'from':{'name':'Alex','address':'alex@example.org'},"
		   "'to':[{'name':'Mum','address':'mum@home.example'}],"
		   "'subject':'Sunday','in_reply_to':[],'hints':{}}");
	assert_int_equal(mt.kind, FU_EV_NONE);
	fu_mail_match_clear(&mt);
	mt = match(x, HEAD ",'message_id':'n@linkedin',"
		   "'from':{'name':'LinkedIn','address':"
		   "'notifications-noreply@linkedin.com'},'to':[],'subject':"
		   "'Alex, you appeared in 12 searches','in_reply_to':[],"
		   "'hints':{'precedence':'bulk'}}");
	assert_int_equal(mt.kind, FU_EV_NONE);
	fu_mail_match_clear(&mt);
	fu_mail_ctx_free(x);
}

static void test_mail_ats(void **state)
{
	(void)state;
	fu_mail_ctx *x = hunt();
	fu_mail_match mt = match(x, HEAD ",'message_id':'gh@greenhouse',"
		"'from':{'name':'Initech Recruiting','address':"
		"'no-reply@greenhouse.io'},'to':[],'subject':'Your application "
		"to Initech','in_reply_to':[],'hints':{'feedback-id':'x'},"
		"'snippet':'Unfortunately, we have decided not to move forward "
		"with your candidacy','calendar':null,'truncated':false}");
	assert_int_equal(mt.kind, FU_EV_REJECTION);
	assert_int_equal(mt.how, FU_MATCH_ATS);
	assert_false(mt.exact);
	assert_int_equal(mt.application_id, A_INITECH);
	assert_int_equal(mt.npeople, 0);
	assert_has(mt.reason, "from greenhouse.io, an applicant tracking "
		   "system, about 12 Initech, Backend Engineer; it declines");
	fu_mail_match_clear(&mt);

	/* Workday names the company in the address; a status update is a
	 * reply, proposed */
	mt = match(x, HEAD ",'message_id':'wd@myworkday',"
		   "'from':{'name':'Workday','address':'hooli@myworkday.com'},"
		   "'to':[],'subject':'Application status update: Data Engineer',"
		   "'in_reply_to':[],'hints':{'auto-submitted':'auto-generated'}}");
	assert_int_equal(mt.kind, FU_EV_REPLY);
	assert_int_equal(mt.application_id, A_HOOLI);
	fu_mail_match_clear(&mt);

	/* an ATS message naming none of the companies; a domain the user
	 * added to the table */
	mt = match(x, HEAD ",'message_id':'lv@lever',"
		   "'from':{'name':'Vandelay','address':'no-reply@hire.lever.co'},"
		   "'to':[],'subject':'Thanks for applying','in_reply_to':[],"
		   "'hints':{}}");
	assert_int_equal(mt.kind, FU_EV_NONE);
	fu_mail_match_clear(&mt);
	const char *rec = HEAD ",'message_id':'ex@jobs',"
		"'from':{'name':'Acme Careers','address':'talent@jobs.example'},"
		"'to':[],'subject':'Update','in_reply_to':[],'hints':{}}";
	mt = match(x, rec);
	assert_int_equal(mt.kind, FU_EV_NONE);
	fu_mail_match_clear(&mt);
	assert_fu_ok(fu_mail_ctx_ats(x, "@jobs.example"));
	mt = match(x, rec);
	assert_int_equal(mt.kind, FU_EV_REPLY);
	assert_int_equal(mt.application_id, A_ACME);
	fu_mail_match_clear(&mt);
	fu_mail_ctx_free(x);
}

/* --- invitations ---------------------------------------------------------------- */

#define INVITE(method, seq, start, status) \
	HEAD ",'message_id':'inv" #seq method "@google',"                     \
	"'from':{'name':'Dana Reyes','address':'dana.reyes@acme.example'},"  \
	"'to':[],'subject':'Invitation: Interview','in_reply_to':[],"        \
	"'hints':{},'snippet':null,'truncated':false,'calendar':{'method':'" \
	method "','events':[{'uid':'u-1','sequence':" #seq ",'status':'"     \
	status "','summary':'Interview: Backend Engineer','location':"       \
	"'Acme HQ, Room 4','start':" start ",'end':null,'recurrence_id':"    \
	"null,'recurring':false,'organizer':{'name':'Dana Reyes','address':" \
	"'dana.reyes@acme.example'},'attendees':[{'name':'Dana Reyes',"      \
	"'address':'dana.reyes@acme.example','cutype':'INDIVIDUAL'},"        \
	"{'name':'Sam Lee','address':'sam.lee@acme.example'},{'name':"       \
	"'priya.patel@acme.example','address':'priya.patel@acme.example'},"  \
	"{'name':'Room 4','address':'room4@acme.example','cutype':'ROOM'},"  \
	"{'name':'alex@example.org','address':'alex@example.org'}]}]}}"

#define AT_14 "{'utc':1794315600,'local':'2026-11-10T14:00:00','all_day':false}"
#define AT_16 "{'utc':1794322800,'local':'2026-11-10T16:00:00','all_day':false}"

static void test_mail_invitation(void **state)
{
	(void)state;
	fu_mail_ctx *x = hunt();
	fu_mail_match mt = match(x, INVITE("REQUEST", 0, AT_14, "CONFIRMED"));
	assert_int_equal(mt.kind, FU_EV_INTERVIEW);
	assert_int_equal(mt.how, FU_MATCH_INVITATION);
	assert_false(mt.exact);
	assert_int_equal(mt.application_id, A_ACME);
	assert_int_equal(mt.at, 1794315600);
	assert_int_equal(mt.channel, FU_CH_IN_PERSON);
	assert_string_equal(mt.uid, "u-1");
	/* the organizer (once), the attendees but the user and the room */
	assert_int_equal(mt.npeople, 3);
	assert_int_equal(mt.people[0].contact_id, C_DANA);
	assert_int_equal(mt.people[1].contact_id, 0);
	assert_string_equal(mt.people[1].name, "Sam Lee");
	assert_string_equal(mt.people[2].name, "Priya Patel");
	assert_string_equal(mt.people[2].address, "priya.patel@acme.example");
	fu_mail_match_clear(&mt);

	/* seen, waiting: the same again is nothing; a CANCEL withdraws it;
	 * a new SEQUENCE replaces it; an older one is nothing */
	fu_mail_invite v = { .uid = "u-1", .sequence = 0,
			     .state = FU_INVITE_OPEN, .proposal_id = 3,
			     .start = 1794315600 };
	assert_fu_ok(fu_mail_ctx_invite(x, &v));
	mt = match(x, INVITE("REQUEST", 0, AT_14, "CONFIRMED"));
	assert_int_equal(mt.kind, FU_EV_NONE);
	fu_mail_match_clear(&mt);
	mt = match(x, INVITE("CANCEL", 1, AT_14, "CANCELLED"));
	assert_int_equal(mt.kind, FU_EV_NONE);
	assert_int_equal(mt.drop_proposal, 3);
	fu_mail_match_clear(&mt);
	mt = match(x, INVITE("REQUEST", 1, AT_16, "CONFIRMED"));
	assert_int_equal(mt.kind, FU_EV_INTERVIEW);
	assert_int_equal(mt.update_proposal, 3);
	assert_int_equal(mt.change, FU_CHANGE_NONE);
	assert_int_equal(mt.at, 1794322800);
	fu_mail_match_clear(&mt);

	/* accepted (event 20) at sequence 1: a later CANCEL removes the
	 * interview; a move proposes to move it; an older one is nothing */
	fu_mail_ctx_invite_state(x, 3, FU_INVITE_DROPPED);
	fu_mail_invite acc = { .uid = "u-1", .sequence = 1,
			       .state = FU_INVITE_ACCEPTED, .proposal_id = 4,
			       .event_id = 20, .start = 1794322800 };
	assert_fu_ok(fu_mail_ctx_invite(x, &acc));
	mt = match(x, INVITE("REQUEST", 0, AT_14, "CONFIRMED"));
	assert_int_equal(mt.kind, FU_EV_NONE);
	assert_string_equal(mt.why, "an older version of an invitation fu "
			    "has seen");
	fu_mail_match_clear(&mt);
	mt = match(x, INVITE("REQUEST", 2, AT_14, "CONFIRMED"));
	assert_int_equal(mt.change, FU_CHANGE_RESCHEDULE);
	assert_int_equal(mt.event_id, 20);
	assert_int_equal(mt.at, 1794315600);
	fu_mail_match_clear(&mt);
	mt = match(x, INVITE("REQUEST", 2, AT_16, "CONFIRMED"));
	assert_int_equal(mt.kind, FU_EV_NONE); /* the time did not change */
	fu_mail_match_clear(&mt);
	mt = match(x, INVITE("CANCEL", 2, AT_16, "CANCELLED"));
	assert_int_equal(mt.kind, FU_EV_INTERVIEW);
	assert_int_equal(mt.change, FU_CHANGE_CANCEL);
	assert_int_equal(mt.event_id, 20);
	assert_has(mt.reason, "removes the interview of event 20");
	fu_mail_match_clear(&mt);
	fu_mail_ctx_free(x);

	/* a cancellation of an invitation never seen is nothing; one the
	 * user ignored stays ignored */
	x = hunt();
	mt = match(x, INVITE("CANCEL", 1, AT_14, "CANCELLED"));
	assert_int_equal(mt.kind, FU_EV_NONE);
	fu_mail_match_clear(&mt);
	fu_mail_invite ign = { .uid = "u-1", .sequence = 0,
			       .state = FU_INVITE_IGNORED, .proposal_id = 9 };
	assert_fu_ok(fu_mail_ctx_invite(x, &ign));
	mt = match(x, INVITE("REQUEST", 5, AT_16, "CONFIRMED"));
	assert_int_equal(mt.kind, FU_EV_NONE);
	fu_mail_match_clear(&mt);
	fu_mail_ctx_free(x);
}

static void test_mail_invitation_company(void **state)
{
	(void)state;
	fu_mail_ctx *x = hunt();
	/* an organizer fu does not know, at a Globex contact's domain; a
	 * floating time read in the user's zone; a video call */
	fu_mail_match mt = match(x, HEAD ",'message_id':'o1@globex',"
		"'from':{'name':'Recruiting','address':'rec@globex.example'},"
		"'to':[],'subject':'Technical interview','in_reply_to':[],"
		"'hints':{},'snippet':null,'truncated':false,'calendar':{"
		"'method':'REQUEST','events':[{'uid':'w1','sequence':0,"
		"'summary':'Technical interview','location':'Microsoft Teams "
		"Meeting','start':{'utc':null,'local':'2026-11-12T10:00:00',"
		"'all_day':false},'organizer':{'name':'Rita','address':"
		"'rita@globex.example'},'attendees':[]}]}}");
	assert_int_equal(mt.kind, FU_EV_INTERVIEW);
	assert_int_equal(mt.application_id, A_GLOBEX);
	assert_int_equal(mt.at, fu_test_at("2026-11-12 10:00"));
	assert_int_equal(mt.channel, FU_CH_VIDEO);
	assert_int_equal(mt.npeople, 1);
	assert_string_equal(mt.people[0].name, "Rita");
	fu_mail_match_clear(&mt);

	/* nobody fu knows, no company named: nothing; an .ics given alone
	 * naming Initech in its summary is an invitation to Initech's */
	mt = match(x, HEAD ",'message_id':'o2@x','from':{'name':'X','address':"
		   "'x@nowhere.example'},'to':[],'subject':'Party',"
		   "'in_reply_to':[],'hints':{},'snippet':null,'truncated':false,"
		   "'calendar':{'method':'REQUEST','events':[{'uid':'p1',"
		   "'start':{'utc':1794315600,'local':'x'},'organizer':{'name':"
		   "'X','address':'x@nowhere.example'},'attendees':[]}]}}");
	assert_int_equal(mt.kind, FU_EV_NONE);
	assert_string_equal(mt.why, "an invitation from nobody fu knows");
	fu_mail_match_clear(&mt);
	mt = match(x, "{'type':'calendar','req':0,'path':'/x/i.ics','calendar':"
		   "{'method':null,'events':[{'uid':'i1','sequence':0,"
		   "'summary':'Phone screen with Initech','start':{'utc':null,"
		   "'local':'2026-11-13','all_day':true},'organizer':null,"
		   "'attendees':[]}]}}");
	assert_int_equal(mt.kind, FU_EV_INTERVIEW);
	assert_int_equal(mt.application_id, A_INITECH);
	assert_int_equal(mt.channel, FU_CH_PHONE);
	assert_int_equal(mt.at, fu_test_at("2026-11-13 12:00"));
	fu_mail_match_clear(&mt);
	fu_mail_ctx_free(x);
}

static void test_mail_worth_reading(void **state)
{
	(void)state;
	fu_mail_ctx *x = hunt();
	struct {
		const char *json;
		int want;
	} cases[] = {
		/* a thread, a contact, an ATS, the user to a contact */
		{ HEAD ",'message_id':'1','from':{'name':null,'address':"
		  "'a@b.example'},'to':[],'subject':'x','in_reply_to':[],"
		  "'references':['fu.1.1793600000@example.org'],'hints':{}}", 1 },
		{ HEAD ",'message_id':'2','from':{'name':null,'address':"
		  "'jonas.berg@globex.example'},'to':[],'subject':'x',"
		  "'in_reply_to':[],'hints':{}}", 1 },
		{ HEAD ",'message_id':'3','from':{'name':null,'address':"
		  "'x@us.greenhouse-mail.io'},'to':[],'subject':'x',"
		  "'in_reply_to':[],'hints':{}}", 1 },
		{ HEAD ",'message_id':'4','from':{'name':null,'address':"
		  "'alex@example.org'},'to':[{'name':null,'address':"
		  "'dana.reyes@acme.example'}],'subject':'x','in_reply_to':[],"
		  "'hints':{}}", 1 },
		/* a stranger's multipart from a contact's domain (an
		 * invitation, maybe); one naming a company; one not */
		{ "{'type':'message','path':'p','digest':'d','from':{'name':"
		  "null,'address':'hr@acme.example'},'to':[],'subject':'x',"
		  "'hints':{},'content_type':'multipart/mixed'}", 1 },
		{ "{'type':'message','path':'p','digest':'d','from':{'name':"
		  "null,'address':'x@y.example'},'to':[],'subject':"
		  "'Invitation: Interview with Hooli','hints':{},"
		  "'content_type':'multipart/alternative'}", 1 },
		{ "{'type':'message','path':'p','digest':'d','from':{'name':"
		  "null,'address':'x@y.example'},'to':[],'subject':"
		  "'Weekly digest','hints':{},'content_type':"
		  "'multipart/alternative'}", 0 },
		/* a public provider's domain says nothing */
		{ "{'type':'message','path':'p','digest':'d','from':{'name':"
		  "null,'address':'someone@gmail.com'},'to':[],'subject':'x',"
		  "'hints':{},'content_type':'multipart/mixed'}", 0 },
		/* bulk mail from a stranger */
		{ "{'type':'message','path':'p','digest':'d','from':{'name':"
		  "null,'address':'news@acme.example'},'to':[],'subject':"
		  "'Acme news','hints':{'list-id':'<x>'},'content_type':"
		  "'multipart/alternative'}", 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		fu_mail_msg m;
		msg(&m, cases[i].json);
		if (fu_mail_worth_reading(x, &m) != cases[i].want)
			fail_msg("case %zu: want %d", i, cases[i].want);
		fu_mail_msg_clear(&m);
	}
	fu_mail_ctx_free(x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FU_TEST(test_mail_record),
		FU_TEST(test_mail_keys),
		FU_TEST(test_mail_words),
		FU_TEST(test_mail_thread_reply),
		FU_TEST(test_mail_contact),
		FU_TEST(test_mail_ats),
		FU_TEST(test_mail_invitation),
		FU_TEST(test_mail_invitation_company),
		FU_TEST(test_mail_worth_reading),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
