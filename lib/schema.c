/* SPDX-License-Identifier: MIT */
/*
 * schema.c - the database's shape, in one place, and how older files are
 * brought forward. Each migration takes the file from version i to i+1;
 * they run in order inside one BEGIN IMMEDIATE transaction and set
 * PRAGMA user_version. A file whose version is newer than this fu knows
 * is refused and left untouched.
 *
 * Times are INTEGER seconds since the epoch (UTC instants); local days
 * are worked out from them with the user's time zone when rules count
 * days. Names of kinds, channels, sources and outcomes are stored as the
 * words of model.h, so the file reads well in the sqlite3 shell.
 */
#include <stdio.h>
#include <string.h>

#include "fu/uuid.h"
#include "internal.h"

#define FU__STR2(x) #x
#define FU__STR(x) FU__STR2(x)

/* Version 1: the records. */
static const char schema_v1[] =
"CREATE TABLE companies (\n"
"  id INTEGER PRIMARY KEY,          -- the company's number\n"
"  name TEXT NOT NULL UNIQUE COLLATE NOCASE, -- as first written\n"
"  created_at INTEGER NOT NULL      -- when it was first recorded\n"
");\n"
"CREATE TABLE contacts (\n"
"  id INTEGER PRIMARY KEY,          -- shares its numbers with applications\n"
"  name TEXT NOT NULL,              -- the person's full name\n"
"  company_id INTEGER REFERENCES companies(id), -- where they work\n"
"  title TEXT,                      -- their job title\n"
"  email TEXT,                      -- e-mail address\n"
"  phone TEXT,                      -- telephone number\n"
"  address TEXT,                    -- postal address, for letters\n"
"  prefers TEXT,                    -- preferred channel: email, phone, letter, social\n"
"  no_calls INTEGER NOT NULL DEFAULT 0,  -- 1: never suggest the phone\n"
"  social_ok INTEGER NOT NULL DEFAULT 0, -- 1: fine with social media\n"
"  notes TEXT,                      -- the user's own notes\n"
"  created_at INTEGER NOT NULL      -- when it was recorded\n"
");\n"
"CREATE INDEX contacts_name ON contacts(name COLLATE NOCASE);\n"
"CREATE TABLE applications (\n"
"  id INTEGER PRIMARY KEY,          -- shares its numbers with contacts\n"
"  company_id INTEGER NOT NULL REFERENCES companies(id), -- the employer\n"
"  role TEXT NOT NULL,              -- the job applied for\n"
"  source TEXT,                     -- board, referral, recruiter, direct, other\n"
"  url TEXT,                        -- the posting\n"
"  notes TEXT,                      -- the user's own notes\n"
"  no_calls INTEGER NOT NULL DEFAULT 0,     -- 1: the posting excludes calls\n"
"  no_follow_up INTEGER NOT NULL DEFAULT 0, -- 1: the posting asks not to follow up\n"
"  outcome TEXT,                    -- NULL while open; else how it closed\n"
"                                   -- (kept equal to its last closed event)\n"
"  closed_at INTEGER,               -- when it closed; NULL while open\n"
"  created_at INTEGER NOT NULL      -- when it was recorded\n"
");\n"
"CREATE INDEX applications_company ON applications(company_id);\n"
"CREATE TABLE application_contacts (\n"
"  application_id INTEGER NOT NULL REFERENCES applications(id) ON DELETE CASCADE,\n"
"  contact_id INTEGER NOT NULL REFERENCES contacts(id), -- a person for this role\n"
"  position INTEGER NOT NULL,       -- order added: the first is the main contact\n"
"  PRIMARY KEY (application_id, contact_id)\n"
");\n"
"CREATE INDEX application_contacts_contact ON application_contacts(contact_id);\n"
"CREATE TABLE events (\n"
"  id INTEGER PRIMARY KEY AUTOINCREMENT, -- the event's number, never\n"
"                                   -- reused after an undo\n"
"  kind TEXT NOT NULL,              -- applied, interview, ..., closed\n"
"  at INTEGER NOT NULL,             -- when it happened\n"
"  application_id INTEGER REFERENCES applications(id) ON DELETE CASCADE,\n"
"                                   -- the application it belongs to, or NULL\n"
"  contact_id INTEGER REFERENCES contacts(id), -- logged on this contact\n"
"                                   -- (networking), or NULL\n"
"  channel TEXT,                    -- email, phone, letter, social, in-person\n"
"  expect_at INTEGER,               -- they promised word by then (contact date)\n"
"  until_at INTEGER,                -- snooze until; offer deadline\n"
"  note TEXT,                       -- free text\n"
"  action TEXT,                     -- snooze/dismiss/sent: the action aimed at\n"
"  outcome TEXT,                    -- closed: how it ended\n"
"  urgent INTEGER NOT NULL DEFAULT 0, -- help-promised: time-sensitive\n"
"  created_at INTEGER NOT NULL,     -- when it was recorded\n"
"  CHECK (application_id IS NOT NULL OR contact_id IS NOT NULL)\n"
");\n"
"CREATE INDEX events_application ON events(application_id, at);\n"
"CREATE INDEX events_contact ON events(contact_id, at);\n"
"CREATE TABLE event_contacts (\n"
"  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,\n"
"  position INTEGER NOT NULL,       -- order given with --with\n"
"  contact_id INTEGER NOT NULL REFERENCES contacts(id), -- a person involved\n"
"  PRIMARY KEY (event_id, position)\n"
");\n"
"CREATE INDEX event_contacts_contact ON event_contacts(contact_id);\n"
"CREATE TABLE event_topics (\n"
"  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,\n"
"  position INTEGER NOT NULL,       -- order given with --topic\n"
"  text TEXT NOT NULL,              -- what was discussed\n"
"  PRIMARY KEY (event_id, position)\n"
");\n"
"CREATE TABLE config (\n"
"  key TEXT PRIMARY KEY,            -- user.name, rules.nudge.days, ...\n"
"  value TEXT NOT NULL              -- as validated by fu config\n"
");\n";

/* Version 2: the actions owed, derived from the records and kept up to
 * date on every write, so fu due reads only what is open (actions.c).
 * Created empty: with no stamp (version 4), they are worked out afresh
 * when read and stored by the first write. */
#define ACTIONS_COLUMNS(REFERENCES) \
"  id INTEGER PRIMARY KEY,\n" \
"  key TEXT NOT NULL,               -- stable identity (rules.h)\n" \
"  kind TEXT NOT NULL,              -- thank-you, nudge, ...\n" \
"  rule TEXT NOT NULL,              -- the rule that raised it\n" \
"  application_id INTEGER" REFERENCES(" applications(id) ON DELETE CASCADE") ",\n" \
"  subject_contact_id INTEGER" REFERENCES(" contacts(id)") ", -- networking subject\n" \
"  contact_id INTEGER" REFERENCES(" contacts(id)") ", -- to whom, or NULL\n" \
"  channel TEXT,                    -- how, or NULL\n" \
"  not_before INTEGER NOT NULL,     -- from when\n" \
"  due INTEGER NOT NULL,            -- by when\n" \
"  trigger_event_id INTEGER,        -- the event that raised it\n" \
"  seq INTEGER NOT NULL DEFAULT 0,  -- nudge number\n" \
"  snoozed INTEGER NOT NULL DEFAULT 0, -- moved by a snooze\n" \
"  reason TEXT NOT NULL,            -- one line, why\n" \
"  constraints INTEGER NOT NULL DEFAULT 0, -- bit n: rule n shaped it\n" \
"  expires INTEGER,                 -- advice: not shown after then\n" \
"  raw_not_before INTEGER NOT NULL, -- as its subject's rules gave it,\n" \
"  raw_due INTEGER NOT NULL,        -- before rule 11 placed it among\n" \
"  raw_reason TEXT NOT NULL,        -- the person's other subjects'\n" \
"  joined TEXT,                     -- rule 11: the key of the action\n" \
"                                   -- whose message also serves it\n" \
"  also TEXT                        -- the keys that message also serves\n"

#define IN_MAIN(parent) " REFERENCES" parent
#define IN_TEMP(parent) ""

#define ACTIONS_INDEXES \
"CREATE INDEX actions_due ON actions(due, not_before);\n" \
"CREATE INDEX actions_application ON actions(application_id);\n" \
"CREATE INDEX actions_subject_contact ON actions(subject_contact_id);\n"

/* (In the shape of the latest version: version 5 makes it again.) */
static const char schema_v2[] =
"CREATE TABLE actions (\n" ACTIONS_COLUMNS(IN_MAIN) ");\n"
ACTIONS_INDEXES;

/* Version 3: whether a job was accepted, which every write asks when it
 * brings an application's actions up to date, found by index rather than
 * by reading every application. (IF NOT EXISTS: a file set back to an
 * older version by hand keeps its index.) */
static const char schema_v3[] =
"CREATE INDEX IF NOT EXISTS applications_closed ON applications(outcome,\n"
"  closed_at) WHERE outcome IS NOT NULL;\n";

/* Version 4: what the actions were derived with (actions.c): the
 * rules' version of the fu that wrote them and the time zone, so that a
 * change of either is noticed and the actions worked out again. */
static const char schema_v4[] =
"CREATE TABLE actions_stamp (\n"
"  id INTEGER PRIMARY KEY CHECK (id = 1), -- one row\n"
"  rules INTEGER NOT NULL,          -- FU_RULES_VERSION of rules.h\n"
"  zone TEXT NOT NULL               -- the time zone (TZ, or the system's)\n"
");\n";

/* Version 5: a real hunt is tangled (RULES.md 11-19).
 * - The actions owed gain what rule 11 needs to place one person's
 *   follow-ups among all their subjects (their subject's own window,
 *   and which message serves which), the constraints that shaped them
 *   (fu due --why) and when advice lapses. Derived data: made again.
 * - marks: the messages each subject recognised as sent to a person, so
 *   that the other subjects sharing that person keep to one cadence;
 *   found by person.
 * - Dates given without a time are kept as dates (rule 19), so that
 *   they stay whole days when the time zone changes.
 * - An event's people remember whether it created them, so that undo
 *   removes a person added by mistake. */
#define MARKS_COLUMNS(REFERENCES) \
"  event_id INTEGER NOT NULL" REFERENCES(" events(id) ON DELETE CASCADE") ",\n" \
"                                   -- the sent event\n" \
"  contact_id INTEGER NOT NULL" REFERENCES(" contacts(id)") ", -- to whom\n" \
"  at INTEGER NOT NULL,             -- when\n" \
"  courtesy INTEGER NOT NULL,       -- 1: a thank-you or another courtesy;\n" \
"                                   -- 0: a follow-up (rule 7)\n" \
"  application_id INTEGER,          -- the subject that recognised it:\n" \
"  subject_contact_id INTEGER,      -- an application, or a contact\n" \
"  PRIMARY KEY (event_id, contact_id)\n"

static const char schema_v5[] =
"DROP TABLE actions;\n"
"CREATE TABLE actions (\n" ACTIONS_COLUMNS(IN_MAIN) ");\n"
ACTIONS_INDEXES
"CREATE INDEX actions_contact ON actions(contact_id);\n"
"CREATE TABLE marks (\n" MARKS_COLUMNS(IN_MAIN) ");\n"
"CREATE INDEX marks_contact ON marks(contact_id, at);\n"
"CREATE INDEX marks_subject ON marks(application_id, subject_contact_id);\n"
"ALTER TABLE events ADD COLUMN expect_date TEXT; -- YYYY-MM-DD: expect_at\n"
"                                   -- is the start of that local day\n"
"ALTER TABLE events ADD COLUMN until_date TEXT; -- the same for until_at\n"
"ALTER TABLE event_contacts ADD COLUMN created INTEGER NOT NULL DEFAULT 0;\n"
"                                   -- 1: the event created this contact\n"
"DELETE FROM actions_stamp;\n";

/* Version 6: fu learns what happened from the user's mail (fu mail).
 * - An event remembers the e-mail it was read from or sent as, so that
 *   a reply threads back to it (In-Reply-To, References).
 * - proposals: what fu mail scan found in the mail and would log, until
 *   the user accepts or ignores it; the message's headers, a snippet
 *   and its path, never its body. Local: fu export leaves them out.
 * - proposal_people: the people a proposal names (a reply's sender, an
 *   invitation's attendees), known contacts or new people; and the
 *   applications the user chooses among when no thread decides.
 * - mail_seen: what fu mail scan has read, so that it reads it once: a
 *   hash of each Maildir file's unique name and of each message's
 *   Message-ID (else its header digest), never the text itself.
 * - mail_sources: where the next scan of an mbox file starts. */
static const char schema_v6[] =
"ALTER TABLE events ADD COLUMN message_id TEXT; -- the e-mail it was read\n"
"                                   -- from or sent as (its Message-ID,\n"
"                                   -- without <>), or NULL\n"
"CREATE INDEX events_message_id ON events(message_id)\n"
"  WHERE message_id IS NOT NULL;\n"
"CREATE TABLE proposals (\n"
"  id INTEGER PRIMARY KEY AUTOINCREMENT, -- the number fu mail shows,\n"
"                                   -- never reused\n"
"  state TEXT NOT NULL,             -- open, accepted, ignored, or dropped\n"
"                                   -- (an invitation cancelled first)\n"
"  kind TEXT NOT NULL,              -- the event it logs: reply, sent,\n"
"                                   -- interview, meeting, rejection\n"
"  change TEXT,                     -- NULL; reschedule or cancel: what it\n"
"                                   -- does to target_event_id\n"
"  how TEXT NOT NULL,               -- how it matched: thread, contact,\n"
"                                   -- user, invitation, ats\n"
"  exact INTEGER NOT NULL DEFAULT 0, -- 1: by thread, nothing to choose\n"
"                                   -- (fu mail scan --apply logs it)\n"
"  application_id INTEGER REFERENCES applications(id) ON DELETE SET NULL,\n"
"                                   -- the application it logs on, or NULL\n"
"  contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,\n"
"                                   -- or the networking contact; neither:\n"
"                                   -- the user chooses (candidates)\n"
"  at INTEGER NOT NULL,             -- the event's time: the message's\n"
"                                   -- date, an interview's start\n"
"  channel TEXT,                    -- email, video, in-person, or NULL\n"
"  reason TEXT NOT NULL,            -- how it matched, in one line\n"
"  target_event_id INTEGER REFERENCES events(id) ON DELETE SET NULL,\n"
"                                   -- change: the interview it changes\n"
"  event_id INTEGER REFERENCES events(id) ON DELETE SET NULL,\n"
"                                   -- accepted: the event it logged\n"
"  date INTEGER,                    -- the message: Date\n"
"  from_name TEXT,                  -- From: the name\n"
"  from_address TEXT,               -- and the address\n"
"  recipients TEXT,                 -- To, as \"Name <address>, ...\"\n"
"  subject TEXT,                    -- Subject, decoded\n"
"  message_id TEXT,                 -- Message-ID, without <>\n"
"  in_reply_to TEXT,                -- In-Reply-To, without <>\n"
"  snippet TEXT,                    -- at most 200 characters of its text\n"
"  path TEXT,                       -- the file it was read from (NULL:\n"
"                                   -- standard input)\n"
"  uid TEXT,                        -- an invitation's UID\n"
"  sequence INTEGER,                -- and its SEQUENCE\n"
"  created_at INTEGER NOT NULL,     -- when fu mail scan proposed it\n"
"  decided_at INTEGER               -- when it was accepted or ignored\n"
");\n"
"CREATE INDEX proposals_state ON proposals(state);\n"
"CREATE INDEX proposals_message_id ON proposals(message_id)\n"
"  WHERE message_id IS NOT NULL;\n"
"CREATE INDEX proposals_uid ON proposals(uid) WHERE uid IS NOT NULL;\n"
"CREATE INDEX proposals_event ON proposals(event_id)\n"
"  WHERE event_id IS NOT NULL;\n"
"CREATE TABLE proposal_people (\n"
"  proposal_id INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,\n"
"  position INTEGER NOT NULL,       -- in the order the message names them\n"
"  contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,\n"
"                                   -- a known contact; NULL: a new person\n"
"  name TEXT,                       -- as the message names them\n"
"  address TEXT,                    -- their e-mail address\n"
"  PRIMARY KEY (proposal_id, position)\n"
");\n"
"CREATE TABLE proposal_candidates (\n"
"  proposal_id INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,\n"
"  application_id INTEGER NOT NULL REFERENCES applications(id)\n"
"    ON DELETE CASCADE,             -- one the message may be about\n"
"  PRIMARY KEY (proposal_id, application_id)\n"
");\n"
"CREATE TABLE mail_seen (\n"
"  key INTEGER PRIMARY KEY          -- the first 8 bytes of the SHA-256 of\n"
"                                   -- \"file:\" and a Maildir file's unique\n"
"                                   -- name, \"id:\" and a Message-ID, or\n"
"                                   -- \"digest:\" and a header digest\n"
");\n"
"CREATE TABLE mail_sources (\n"
"  path TEXT PRIMARY KEY,           -- an mbox file (its real path)\n"
"  offset INTEGER NOT NULL,         -- the last message read: its start,\n"
"  length INTEGER NOT NULL,         -- its length in bytes\n"
"  key INTEGER NOT NULL,            -- and its mail_seen key\n"
"  scanned_at INTEGER NOT NULL      -- when\n"
");\n";

/* Version 7: the people at a company, found by index: fu report
 * completes a row without an address from the contact at its employer
 * who can best be reached (contacts.c), once a company, and read every
 * contact to find them (20 s for a year of 10k applications). */
static const char schema_v7[] =
"CREATE INDEX IF NOT EXISTS contacts_company ON contacts(company_id);\n";

/* Version 8: drafts written to the person and the situation.
 * - A topic may be what was discussed with one person of a meeting
 *   (fu log --topic-for), so that each interviewer's thank-you recalls
 *   their own conversation.
 * - An event keeps the occasion of a meeting (where you met someone:
 *   the connect message says so) and why a promise of help is urgent
 *   (the reminder says so). */
static const char schema_v8[] =
"ALTER TABLE event_topics ADD COLUMN contact_id INTEGER REFERENCES\n"
"  contacts(id);                    -- discussed with this person of the\n"
"                                   -- event; NULL: with everyone met\n"
"ALTER TABLE events ADD COLUMN occasion TEXT; -- met, meeting: where you\n"
"                                   -- met, or what the meeting was\n"
"ALTER TABLE events ADD COLUMN because TEXT; -- help-promised: why it\n"
"                                   -- is urgent\n";

/* Version 9: the deliveries of fu notify (notify.c), so that one that
 * failed is seen (fu notify --log). A row per method tried, written
 * once it was tried; a morning with nothing due is one row of its own. */
static const char schema_v9[] =
"CREATE TABLE notify_log (\n"
"  id INTEGER PRIMARY KEY,          -- the delivery's number\n"
"  at INTEGER NOT NULL,             -- when fu notify ran (fu's now)\n"
"  method TEXT NOT NULL,            -- desktop, mail, exec; none: nothing\n"
"                                   -- was due, nothing was sent\n"
"  actions INTEGER NOT NULL,        -- how many actions the digest counted\n"
"  ok INTEGER NOT NULL,             -- 1: delivered; 0: it failed\n"
"  error TEXT                       -- why it failed, as fu said it\n"
");\n";

static int migrate_v1(fu_db *db)
{
	return fu__exec(db, schema_v1);
}

static int migrate_v2(fu_db *db)
{
	return fu__exec(db, schema_v2);
}

static int migrate_v3(fu_db *db)
{
	return fu__exec(db, schema_v3);
}

static int migrate_v4(fu_db *db)
{
	return fu__exec(db, schema_v4);
}

static int migrate_v5(fu_db *db)
{
	return fu__exec(db, schema_v5);
}

static int migrate_v6(fu_db *db)
{
	return fu__exec(db, schema_v6);
}

/* Version 10: completion finds names by index, whatever their case and
 * accents (fu __complete): each company's and contact's name folded as
 * references fold it (fold.c), kept beside the name by its owner, and
 * which folding made them (fold_stamp). Derived data: filled here, and
 * made again when the folding changes (fu__schema_refold). */
static const char schema_v10[] =
"ALTER TABLE companies ADD COLUMN fold TEXT; -- the name folded (fold.c)\n"
"ALTER TABLE contacts ADD COLUMN fold TEXT; -- the name folded (fold.c)\n"
"CREATE INDEX companies_fold ON companies(fold);\n"
"CREATE INDEX contacts_fold ON contacts(fold);\n"
"CREATE TABLE fold_stamp (\n"
"  id INTEGER PRIMARY KEY CHECK (id = 1), -- one row\n"
"  revision TEXT NOT NULL           -- fu__fold_revision() that made them\n"
");\n";

static int migrate_v7(fu_db *db)
{
	return fu__exec(db, schema_v7);
}

static int migrate_v8(fu_db *db)
{
	return fu__exec(db, schema_v8);
}

static int migrate_v9(fu_db *db)
{
	return fu__exec(db, schema_v9);
}

static int migrate_v10(fu_db *db)
{
	return fu__exec(db, schema_v10);
}

/* Version 11: one hunt on several machines (fu sync: changes.c records
 * what each write changes, merge.c applies what other machines
 * changed, sync.c carries it through git).
 * - Every contact, application and event gets an identifier that
 *   travels with it (uuid.h): a random UUID, given by the triggers
 *   below whatever code inserts the row, and never changed; a
 *   company's is its name's (companies.c), so that two machines that
 *   both write "Acme" name the same company. The numbers users type
 *   stay per machine.
 * - events.ord orders the events of one moment the same way on every
 *   machine (the rules replay events by (at, ord)): a Lamport clock in
 *   the high bits (one more than the largest the machine has seen, so
 *   an event sorts after everything its machine knew when it was
 *   logged) and 20 random bits below it, which keep two machines'
 *   events of one moment apart. Older events keep their order: their
 *   number in the high bits.
 * - The sync_ tables are this machine's own (never sent): its identity
 *   in the sync (sync_device), what it recorded and has yet to send
 *   (sync_log), what it knows of the other machines (sync_peers), when
 *   and where each synced value was last written (sync_stamps), the
 *   records removed (sync_graves) and what fu sync has to tell
 *   (sync_reports). */
#define UUID4_SQL \
"lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||" \
" substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', (random() & 3)" \
" + 1, 1) || substr(lower(hex(randomblob(2))), 2) || '-' ||" \
" lower(hex(randomblob(6)))"
#define ORD_SQL \
"(((coalesce((SELECT max(ord) FROM events), 0) >> 20) + 1) << 20) |" \
" (random() & 1048575)"

static const char schema_v11[] =
"ALTER TABLE companies ADD COLUMN uuid TEXT; -- version 5 UUID of the name\n"
"                                   -- (uuid.h): the same on every machine\n"
"ALTER TABLE contacts ADD COLUMN uuid TEXT; -- the contact everywhere\n"
"ALTER TABLE applications ADD COLUMN uuid TEXT; -- the application everywhere\n"
"ALTER TABLE events ADD COLUMN uuid TEXT; -- the event everywhere\n"
"ALTER TABLE events ADD COLUMN ord INTEGER; -- order among events of one\n"
"                                   -- moment, the same on every machine\n"
"UPDATE contacts SET uuid = " UUID4_SQL ";\n"
"UPDATE applications SET uuid = " UUID4_SQL ";\n"
"UPDATE events SET uuid = " UUID4_SQL ", ord = (id << 20) |"
" (random() & 1048575);\n"
"CREATE UNIQUE INDEX companies_uuid ON companies(uuid);\n"
"CREATE UNIQUE INDEX contacts_uuid ON contacts(uuid);\n"
"CREATE UNIQUE INDEX applications_uuid ON applications(uuid);\n"
"CREATE UNIQUE INDEX events_uuid ON events(uuid);\n"
"CREATE INDEX events_ord ON events(ord);\n"
"CREATE TRIGGER contacts_identity AFTER INSERT ON contacts\n"
"  WHEN new.uuid IS NULL BEGIN\n"
"  UPDATE contacts SET uuid = " UUID4_SQL " WHERE id = new.id;\n"
"END;\n"
"CREATE TRIGGER applications_identity AFTER INSERT ON applications\n"
"  WHEN new.uuid IS NULL BEGIN\n"
"  UPDATE applications SET uuid = " UUID4_SQL " WHERE id = new.id;\n"
"END;\n"
"CREATE TRIGGER events_identity AFTER INSERT ON events\n"
"  WHEN new.uuid IS NULL OR new.ord IS NULL BEGIN\n"
"  UPDATE events SET uuid = coalesce(uuid, " UUID4_SQL "),\n"
"    ord = coalesce(ord, " ORD_SQL ") WHERE id = new.id;\n"
"END;\n"
"CREATE TABLE sync_device (\n"
"  id INTEGER PRIMARY KEY CHECK (id = 1), -- one row, once fu sync init ran\n"
"  device TEXT NOT NULL,            -- this machine's identifier (a UUID):\n"
"                                   -- its directory in the repository\n"
"  name TEXT NOT NULL,              -- what the other machines call it\n"
"  remote TEXT NOT NULL,            -- the git remote, as the user gave it\n"
"  branch TEXT NOT NULL,            -- the branch of the repository\n"
"  encrypted INTEGER NOT NULL,      -- 1: change files are sealed with age\n"
"  state TEXT NOT NULL,             -- 'joining' until set up, then 'on'\n"
"  files INTEGER NOT NULL DEFAULT 0, -- change files this machine wrote\n"
"  pushed INTEGER NOT NULL DEFAULT 0, -- of those, known to be pushed\n"
"  clock_t INTEGER NOT NULL DEFAULT 0, -- the latest stamp seen (hybrid\n"
"  clock_c INTEGER NOT NULL DEFAULT 0, -- logical clock: time, counter)\n"
"  last_sync INTEGER,               -- when fu sync last completed\n"
"  created_at INTEGER NOT NULL      -- when fu sync init ran\n"
");\n"
"CREATE TABLE sync_log (\n"
"  seq INTEGER PRIMARY KEY AUTOINCREMENT, -- one write transaction of this\n"
"                                   -- machine: never used twice, also once\n"
"                                   -- its row is gone (the others' deps\n"
"                                   -- and stamps name it)\n"
"  t INTEGER NOT NULL,              -- its stamp: time (0: the records as\n"
"  c INTEGER NOT NULL,              -- they were when sync began), counter\n"
"  changes TEXT NOT NULL,           -- what it changed, as portable change\n"
"                                   -- records (JSON, changes.c)\n"
"  file INTEGER                     -- the change file that carries it;\n"
"                                   -- NULL: not written yet\n"
");\n"
"CREATE INDEX sync_log_file ON sync_log(file);\n"
"CREATE TABLE sync_peers (\n"
"  device TEXT PRIMARY KEY,         -- another machine (or this one)\n"
"  name TEXT,                       -- what it calls itself\n"
"  applied INTEGER NOT NULL DEFAULT 0, -- its change files applied here\n"
"  seq INTEGER NOT NULL DEFAULT 0,  -- its last transaction applied here\n"
"  problem TEXT                     -- why its next file cannot be applied\n"
") WITHOUT ROWID;\n"
"CREATE TABLE sync_stamps (\n"
"  tbl TEXT NOT NULL,               -- a synced table\n"
"  key TEXT NOT NULL,               -- a record's portable key\n"
"  col TEXT NOT NULL,               -- a field; '': the record itself\n"
"  t INTEGER NOT NULL,              -- the stamp of the write that set it\n"
"  c INTEGER NOT NULL,\n"
"  device TEXT NOT NULL,            -- the machine that wrote it\n"
"  seq INTEGER NOT NULL,            -- in its transaction number seq\n"
"  PRIMARY KEY (tbl, key, col)\n"
") WITHOUT ROWID;\n"
"CREATE TABLE sync_graves (\n"
"  tbl TEXT NOT NULL,               -- a synced table\n"
"  key TEXT NOT NULL,               -- a record removed (undo, unset)\n"
"  subject TEXT,                    -- events: their subject's UUID\n"
"  ord INTEGER,                     -- events: their ord\n"
"  data TEXT NOT NULL,              -- its last values, portable (JSON):\n"
"                                   -- a contact another machine still\n"
"                                   -- refers to comes back from them\n"
"  PRIMARY KEY (tbl, key)\n"
") WITHOUT ROWID;\n"
"CREATE TABLE sync_reports (\n"
"  id INTEGER PRIMARY KEY,\n"
"  at INTEGER NOT NULL,             -- when fu sync found it\n"
"  kind TEXT NOT NULL,              -- conflict, undone, kept\n"
"  text TEXT NOT NULL,              -- one line for the user\n"
"  shown INTEGER NOT NULL DEFAULT 0 -- 1: fu sync has printed it\n"
");\n";

/* Every company's identifier, from its name (uuid.h): in C, which
 * SQL cannot compute. */
static int company_uuids(fu_db *db)
{
	sqlite3_stmt *st = NULL, *up = NULL;
	int rc = fu__prepare(db, &st, "SELECT id, name FROM companies WHERE "
			     "uuid IS NULL");
	if (rc || (rc = fu__prepare(db, &up, "UPDATE companies SET uuid = ? "
				    "WHERE id = ?"))) {
		sqlite3_finalize(st);
		return rc;
	}
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		char u[FU_UUID_LEN];
		fu_uuid_company(u, (const char *)sqlite3_column_text(st, 1));
		sqlite3_bind_text(up, 1, u, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(up, 2, sqlite3_column_int64(st, 0));
		int urc = sqlite3_step(up);
		sqlite3_reset(up);
		if (urc != SQLITE_DONE) {
			src = urc;
			break;
		}
	}
	if (src != SQLITE_DONE)
		rc = fu__sqlerr(db, src, "cannot write the database");
	sqlite3_finalize(st);
	sqlite3_finalize(up);
	return rc;
}

static int migrate_v11(fu_db *db)
{
	int rc = fu__exec(db, schema_v11);
	return rc ? rc : company_uuids(db);
}

/* migrations[i] takes the file from version i to i + 1 */
static int (*const migrations[])(fu_db *) = {
	migrate_v1, migrate_v2, migrate_v3, migrate_v4, migrate_v5,
	migrate_v6, migrate_v7, migrate_v8, migrate_v9,
	migrate_v10, migrate_v11
};

_Static_assert(sizeof migrations / sizeof migrations[0] == FU_SCHEMA_VERSION,
	       "one migration per schema version");

static int pragma_int(fu_db *db, const char *sql, int *out)
{
	int64_t v = 0;
	int rc = fu__query_int64(db, &v, sql, 0);
	*out = (int)v;
	return rc;
}

/* 0: the file has no tables at all (new) */
static int count_tables(fu_db *db, int *n)
{
	return pragma_int(db, "SELECT count(*) FROM sqlite_master", n);
}

static int check_identity(fu_db *db, int *version)
{
	int appid = 0, ntables = 0, rc;
	if ((rc = pragma_int(db, "PRAGMA application_id", &appid)) ||
	    (rc = pragma_int(db, "PRAGMA user_version", version)) ||
	    (rc = count_tables(db, &ntables)))
		return rc;
	if (appid != FU_APPLICATION_ID && (appid != 0 || ntables > 0))
		return fu__error(db, FU_EDB, "'%s' is not a fu database",
				 db->path);
	if (*version > FU_SCHEMA_VERSION)
		return fu__error(db, FU_EDB,
			"'%s' was written by a newer fu (schema version %d; "
			"this fu knows up to %d): upgrade fu",
			db->path, *version, FU_SCHEMA_VERSION);
	return FU_OK;
}

/* The folded names (version 10) when they are not what this fu's
 * folding makes: fu_fold() of every name, after a change of the folding
 * (fold_stamp), and of the names another program wrote without one. */
static const char refold_check[] =
	"SELECT coalesce((SELECT revision FROM fold_stamp) IS NOT ?1, 1) * 2 "
	"+ (EXISTS (SELECT 1 FROM companies WHERE fold IS NULL) OR "
	"EXISTS (SELECT 1 FROM contacts WHERE fold IS NULL))";

static int refold(fu_db *db, int all)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__exec(db, all
		? "UPDATE companies SET fold = fu_fold(name); "
		  "UPDATE contacts SET fold = fu_fold(name)"
		: "UPDATE companies SET fold = fu_fold(name) WHERE fold IS NULL; "
		  "UPDATE contacts SET fold = fu_fold(name) WHERE fold IS NULL");
	if (rc || (rc = fu__prepare(db, &st, "INSERT OR REPLACE INTO "
				    "fold_stamp (id, revision) VALUES (1, ?)")))
		return rc;
	fu__bind_text(st, 1, fu__fold_revision());
	return fu__step_done(db, st);
}

/* Whether refold is needed: 0 no, 1 for the missing ones, 2 all. */
static int refold_needed(fu_db *db, int *how)
{
	sqlite3_stmt *st = NULL;
	int rc = fu__prepare(db, &st, refold_check);
	if (rc)
		return rc;
	fu__bind_text(st, 1, fu__fold_revision());
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		int v = sqlite3_column_int(st, 0);
		*how = v >= 2 ? 2 : v;
	} else {
		rc = fu__sqlerr(db, src, "cannot read the database");
	}
	sqlite3_finalize(st);
	return rc;
}

int fu__schema_refold(fu_db *db)
{
	int how = 0, rc = refold_needed(db, &how);
	if (rc || !how)
		return rc;
	if ((rc = fu__begin(db)))
		return rc;
	/* another fu may have done it while we waited for the lock */
	if ((rc = refold_needed(db, &how)) || (how && (rc = refold(db, how == 2))) ||
	    (rc = fu__commit(db))) {
		fu__rollback(db);
		return rc;
	}
	return FU_OK;
}

int fu__schema_migrate(fu_db *db)
{
	int version = 0;
	int rc = check_identity(db, &version);
	if (rc)
		return rc;
	if (version == FU_SCHEMA_VERSION && !(db->flags & FU_OPEN_READONLY)) {
		db->schema_version = version;
		return fu__schema_refold(db);
	}
	if (version == FU_SCHEMA_VERSION || (db->flags & FU_OPEN_READONLY)) {
		db->schema_version = version;
		return FU_OK;
	}
	/* bringing the file forward is not the command's change (a read
	 * that then fails to print has still failed) */
	int changed = db->changed;
	if ((rc = fu__begin(db)))
		return rc;
	/* another fu may have migrated while we waited for the lock */
	if ((rc = check_identity(db, &version)))
		goto fail;
	for (int v = version; v < FU_SCHEMA_VERSION; v++)
		if ((rc = migrations[v](db)))
			goto fail;
	if ((rc = refold(db, 1)))
		goto fail;
	/* pragmas take no parameters: these are compile-time constants */
	if ((rc = fu__exec(db, "PRAGMA user_version = " FU__STR(FU_SCHEMA_VERSION)
			   "; PRAGMA application_id = "
			   FU__STR(FU_APPLICATION_ID))) ||
	    (rc = fu__commit(db)))
		goto fail;
	db->schema_version = FU_SCHEMA_VERSION;
	db->changed = changed;
	return FU_OK;
fail:
	fu__rollback(db);
	return rc;
}

/* For tests: create the schema of an older version, as that fu did. */
int fu__schema_create_version(fu_db *db, int version);
int fu__schema_create_version(fu_db *db, int version)
{
	int rc = FU_OK;
	for (int v = 0; v < version && !rc; v++)
		rc = migrations[v](db);
	if (rc)
		return rc;
	char sql[96];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d; "
		 "PRAGMA application_id = %d", version, FU_APPLICATION_ID);
	return fu__exec(db, sql);
}

/* This connection's stand-ins for the actions and marks tables
 * (actions.c), in memory: the same columns, without the references to
 * main's tables, which a temporary table cannot make. */
int fu__schema_stand_in(fu_db *db)
{
	return fu__exec(db, "PRAGMA temp_store = MEMORY; "
			"CREATE TEMP TABLE IF NOT EXISTS actions (\n"
			ACTIONS_COLUMNS(IN_TEMP) ");\n"
			"CREATE INDEX IF NOT EXISTS temp.actions_contact ON "
			"actions(contact_id);\n"
			"CREATE INDEX IF NOT EXISTS temp.actions_application ON "
			"actions(application_id);\n"
			"CREATE TEMP TABLE IF NOT EXISTS marks (\n"
			MARKS_COLUMNS(IN_TEMP) ");\n"
			"CREATE INDEX IF NOT EXISTS temp.marks_contact ON "
			"marks(contact_id, at);\n");
}
