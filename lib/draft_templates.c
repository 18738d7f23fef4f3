/* SPDX-License-Identifier: MIT */
/*
 * draft_templates.c - the built-in templates of fu draft: one for each
 * action and channel, and the checklists of the actions that are not
 * messages.
 */
#include <string.h>

#include "fu/draft.h"
#include "draft_internal.h"

/* --- the built-in templates ------------------------------------------------
 *
 * One for each action and channel, and where the action answers
 * different situations (an acknowledgement of an offer, of an
 * invitation; a withdrawal after accepting another job), one for each.
 * Nudges have FU_DRAFT_WORDINGS wordings, taken in turn by the number
 * of follow-ups already sent to the person (fu_draft_wording), so that
 * no nudge to them repeats an earlier one, subject included. What each
 * must contain is RULES.md's "Drafts" table; the wording follows the
 * seeds: professional, concise, positive, no slang, a clear question or
 * next step. Written to the person: an agency's recruiter ({#agency})
 * hears of "your client" and the employer by name, never of "your
 * team"; a message to someone who handles several of the user's
 * applications names the others ({also}, {others}: rule 11). Optional
 * details sit in {#x}...{/x} sections, so a built-in never needs a
 * value the user has not logged except the signature (user.name,
 * user.email, user.phone), a letter's user.address, and what the
 * channel needs. Letters only where rule 14 allows them.
 */

#define HELLO "Dear {contact.first_name},\n\n"
#define BYE_EMAIL "\nBest regards,\n{signature}\n"
#define BYE_LETTER "\nSincerely,\n\n{signature}\n"
#define EMAIL(subject, body) "Subject: " subject "\n\n" HELLO body BYE_EMAIL
/* a letter greets as the e-mail of the same action does */
#define LETTER(body) HELLO body BYE_LETTER
#define CALL(points, voicemail)                                              \
	"Call {contact.name}{#contact.title}, {contact.title}{/contact.title}" \
	"{#contact.company} at {contact.company}{/contact.company}: "          \
	"{contact.phone}\n\n"                                                  \
	"Talking points (note them down before you call):\n" points           \
	"\nIf you reach voicemail:\n"                                          \
	"Hello {contact.first_name}, this is {user.name}. " voicemail "\n"

/* The role, named for the person: "the Backend Engineer position at
 * Acme", or to an agency's recruiter "the Ingénieur DevOps position at
 * your client Umbrella". */
#define POSITION "the {role} position at {#agency}your client {/agency}{company}"
/* whom the work is for: the team, or (an agency) the employer */
#define THE_TEAM "{^agency}the team{/agency}{#agency}{company}{/agency}"
#define SUBJECT_ROLE "{role}{#agency} at {company}{/agency}"
/* who decides: the person, or (an agency) their client */
#define YOUR_DECISION "{^agency}your decision{/agency}{#agency}{company}'s decision{/agency}"
#define YOU_DECIDE "{^agency}you expect to decide{/agency}{#agency}{company} expects to decide{/agency}"
#define SUBJECT_POSITION "the {role} position{#agency} at {company}{/agency}"
/* what a follow-up recalls: their reply (a conversation going on),
 * else the interview, else the application */
#define STAGE3(conv, iv, app)                                                \
	"{#reply.on}" conv "{/reply.on}{^reply.on}{#interview.on}" iv       \
	"{/interview.on}{^interview.on}" app "{/interview.on}{/reply.on}"
/* rule 11: the person's other applications, in a follow-up */
#define ALSO_NEWS                                                            \
	"{#also} I would also welcome any news on {also}.{/also}"           \
	"{#others} I remain interested in {others} as well.{/others}"
/* and in the voicemail, before the call-back number */
#define ALSO_VM "{#also}I would also welcome news on {also}. {/also}"
#define ALSO_POINTS                                                          \
	"{#also}\n- Ask about {also} too, in the same call.\n{/also}\n"      \
	"{#others}\n- Say that you remain interested in {others}.\n{/others}\n"

/* --- thank-you ------------------------------------------------------- */

#define THANK_YOU_SUBJECT                                                    \
	"Thank you{#role} for the {event.kind} - " SUBJECT_ROLE "{/role}"   \
	"{^role} for meeting with me{/role}"

#define THANK_YOU_BODY                                                       \
	"{#role}\n"                                                          \
	"Thank you for the {event.kind} {event.on}, about " POSITION ". I "  \
	"appreciated the chance to learn more about the role{^agency} and "  \
	"the team{/agency}{#agency} and about {company}{/agency}.\n"        \
	"\n"                                                                 \
	"{#topic.1}I especially enjoyed our conversation about {topic.1}"   \
	"{#topic.2} and {topic.2}{/topic.2}; it confirmed my interest in "  \
	"the position.{/topic.1}{^topic.1}Our conversation confirmed my "   \
	"interest in the position.{/topic.1} I am confident that my "       \
	"experience would let me contribute to " THE_TEAM " from the "      \
	"start.{#also} Thank you also for your help with {also}.{/also}"    \
	"{#others} I remain interested in {others} as well.{/others}\n"     \
	"\n"                                                                 \
	"I look forward to hearing from you about the next steps.\n"        \
	"{/role}\n"                                                          \
	"{^role}\n"                                                          \
	"Thank you for meeting with me{#occasion} at {occasion}{/occasion} " \
	"{event.on}. I appreciated your time and the advice you shared.\n"  \
	"\n"                                                                 \
	"{#topic.1}I especially valued our conversation about {topic.1}"    \
	"{#topic.2} and {topic.2}{/topic.2}, and I will put your "          \
	"suggestions to good use.{/topic.1}{^topic.1}I will put your "      \
	"suggestions to good use.{/topic.1}{#applied_role} I have applied " \
	"for the {applied_role} position at {contact.company}, and our "    \
	"conversation added to my interest in it.{/applied_role}\n"         \
	"\n"                                                                 \
	"I look forward to hearing from you, and to staying in touch.\n"    \
	"{/role}\n"

#define THANK_YOU_CALL                                                       \
	CALL("- Thank them for the {event.kind} {event.on}{#role}, about "  \
	     POSITION "{/role}.\n"                                           \
	     "{#topic.1}\n"                                                   \
	     "- Mention what stayed with you: {topic.1}{#topic.2}; {topic.2}" \
	     "{/topic.2}.\n"                                                  \
	     "{/topic.1}\n"                                                   \
	     "- {#role}Restate your interest in the role and what you would " \
	     "bring to " THE_TEAM ".{/role}{^role}Say what you took from the " \
	     "conversation, and that you would like to stay in touch.{/role}\n" \
	     "- Say that you look forward to hearing from them.\n",          \
	     "Thank you again for the {event.kind} {event.on}{#role}, about " \
	     "the {role} position at {company}{/role}. I enjoyed our "        \
	     "conversation{#topic.1}, especially about {topic.1}{/topic.1}"   \
	     "{#role}, and I am keen on the role{/role}. I look forward to "  \
	     "hearing from you. You can reach me at {user.phone}. Thank you, " \
	     "and have a good day.")

/* --- acknowledge: each contact, thanked for what it was --------------- */

#define ACK_SUBJECT                                                          \
	"Thank you for your {event.kind}{#role} - " SUBJECT_ROLE "{/role}"

#define ACK_BODY                                                             \
	"Thank you for your {event.kind} {event.on}, about " POSITION ". "   \
	"{#expect_date}I look forward to hearing from you by {expect_date}." \
	"{/expect_date}{^expect_date}I appreciate you keeping me informed."  \
	"{/expect_date} I remain interested in the role{#others}, and in "  \
	"{others}{/others}.{#also} Thank you also for your news about "     \
	"{also}.{/also}\n"                                                  \
	"\n"                                                                 \
	"Please let me know if I can provide anything else. My contact "   \
	"details are below.\n"

#define ACK_CALL                                                             \
	CALL("- Thank them for their {event.kind} {event.on}, about "       \
	     POSITION ".\n"                                                  \
	     "- {#expect_date}Repeat the date they gave: {expect_date}."     \
	     "{/expect_date}{^expect_date}Say that you remain interested in " \
	     "the role.{/expect_date}\n"                                     \
	     "- Ask whether they need anything else from you.\n"            \
	     "- Make sure they have your number and e-mail address: "       \
	     "{user.phone}, {user.email}.\n",                               \
	     "Thank you for your {event.kind} about the {role} position at " \
	     "{company}; I appreciate it.{#expect_date} I look forward to "  \
	     "hearing from you by {expect_date}.{/expect_date} If you need " \
	     "anything else from me, you can reach me at {user.phone}. "     \
	     "Thank you, and have a good day.")

#define ACK_INVITE_SUBJECT                                                   \
	"Confirming the {scheduled.kind} - " SUBJECT_ROLE

#define ACK_INVITE_BODY                                                      \
	"Thank you for your message {event.on}, about " POSITION ". I am "   \
	"glad to confirm the {scheduled.kind} on {scheduled.date}, at "       \
	"{scheduled.time}{#people}, with {people}{/people}, and I look "     \
	"forward to it.\n"                                                  \
	"\n"                                                                 \
	"Please let me know if there is anything I should prepare. My "    \
	"contact details are below.\n"

#define ACK_INVITE_CALL                                                      \
	CALL("- Thank them for the invitation, and confirm the "            \
	     "{scheduled.kind} on {scheduled.date}, at {scheduled.time}"      \
	     "{#people}, with {people}{/people}.\n"                          \
	     "- Ask whom you will meet, and whether there is anything you "  \
	     "should prepare.\n"                                             \
	     "- Make sure they have your number and e-mail address: "       \
	     "{user.phone}, {user.email}.\n",                               \
	     "Thank you for your message about the {role} position at "     \
	     "{company}. I am glad to confirm the {scheduled.kind} on "      \
	     "{scheduled.date}, at {scheduled.time}, and I look forward to "  \
	     "it. You can reach me at {user.phone}. Thank you, and have a "  \
	     "good day.")

#define ACK_OFFER_SUBJECT "Thank you for the offer - " SUBJECT_ROLE

#define ACK_OFFER_BODY                                                       \
	"Thank you for the offer for " POSITION ", which I received "      \
	"{event.on}. I am delighted, and I am reviewing the details now; I " \
	"will give you my answer by {answer_date}.\n"                       \
	"\n"                                                                 \
	"My contact details are below, should you need them before then.\n"

#define ACK_OFFER_CALL                                                       \
	CALL("- Thank them for the offer for " POSITION ".\n"               \
	     "- Say that you are reviewing it, and that you will answer by " \
	     "{answer_date}.\n"                                              \
	     "- Ask what you need to know to decide: salary, benefits, "    \
	     "start date.\n",                                                \
	     "Thank you for your offer for the {role} position at "         \
	     "{company}; I am delighted to receive it. I am reviewing the "  \
	     "details, and I will give you my answer by {answer_date}. You " \
	     "can reach me at {user.phone}. Thank you.")

#define ACK_HELP_SUBJECT "Thank you for your offer of help"

#define ACK_HELP_BODY                                                        \
	"Thank you for offering to help{#topic.1} with {topics}{/topic.1} " \
	"when we spoke {event.on}. I appreciate your generosity, and I "    \
	"will let you know how things develop.\n"                          \
	"\n"                                                                 \
	"My contact details are below, should you need them.\n"

#define ACK_HELP_CALL                                                        \
	CALL("- Thank them for offering to help{#topic.1} with {topics}"   \
	     "{/topic.1}.\n"                                                 \
	     "- Say that you will let them know how things develop.\n"      \
	     "- Make sure they have your number and e-mail address: "       \
	     "{user.phone}, {user.email}.\n",                               \
	     "Thank you for offering to help{#topic.1} with {topics}"       \
	     "{/topic.1}; I appreciate your generosity, and I will let you " \
	     "know how things develop. You can reach me at {user.phone}. "   \
	     "Thank you.")

#define ACK_NET_SUBJECT "Thank you for your {event.kind}"

#define ACK_NET_BODY                                                         \
	"Thank you for your {event.kind} {event.on}. I appreciate you "     \
	"taking the time to get in touch{#expect_date}, and I look forward " \
	"to hearing from you by {expect_date}{/expect_date}.\n"             \
	"\n"                                                                 \
	"My contact details are below, should you need them.\n"

#define ACK_NET_CALL                                                         \
	CALL("- Thank them for their {event.kind} {event.on}.\n"            \
	     "{#expect_date}\n"                                              \
	     "- Repeat the date they gave: {expect_date}.\n"                \
	     "{/expect_date}\n"                                              \
	     "- Make sure they have your number and e-mail address: "       \
	     "{user.phone}, {user.email}.\n",                               \
	     "Thank you for your {event.kind}; I appreciate you taking the " \
	     "time to get in touch. You can reach me at {user.phone}. Thank " \
	     "you, and have a good day.")

/* --- connect --------------------------------------------------------- */

#define CONNECT_SUBJECT "Good to meet you{#occasion} at {occasion}{/occasion}"

#define CONNECT_BODY                                                         \
	"It was a pleasure to meet you{#occasion} at {occasion}{/occasion} " \
	"{event.on}{#topic.1}, and I enjoyed our conversation about "       \
	"{topic.1}{/topic.1}. I would like to stay in touch.\n"             \
	"\n"                                                                 \
	"I am exploring my next role{#contact.company}, and I would be "   \
	"glad to learn more about your work at {contact.company}"          \
	"{/contact.company}{^contact.company}, and I would value your "    \
	"perspective{/contact.company}.{#applied_role} I have also applied " \
	"for the {applied_role} position there.{/applied_role} Would you "  \
	"be open to a short call or a coffee in the next couple of weeks? " \
	"I am happy to work around your schedule.\n"                       \
	"\n"                                                                 \
	"Thank you, and I hope to hear from you soon.\n"

#define CONNECT_CALL                                                         \
	CALL("- Remind them {#occasion}where you met: {occasion}, "         \
	     "{/occasion}{^occasion}when you met: {/occasion}{event.on}"     \
	     "{#topic.1}, when you talked about {topic.1}{/topic.1}.\n"     \
	     "- Say briefly who you are and what kind of role you are "     \
	     "looking for.\n"                                               \
	     "- Suggest a next step: a short call or a coffee in the next " \
	     "couple of weeks.\n",                                          \
	     "We met{#occasion} at {occasion}{/occasion} {event.on}"         \
	     "{#topic.1}, and talked about {topic.1}{/topic.1}. I enjoyed our " \
	     "conversation and would be glad to continue it over a short "  \
	     "call or a coffee. You can reach me at {user.phone}. Thank you, " \
	     "and I hope to talk soon.")

/* --- intro-thanks ---------------------------------------------------- */

#define INTRODUCED                                                           \
	"{#introduced.name}{introduced.name}{/introduced.name}"             \
	"{^introduced.name}your contact{/introduced.name}"

#define INTRO_THANKS_SUBJECT "Thank you for the introduction"

#define INTRO_THANKS_BODY                                                    \
	"Thank you for introducing me to " INTRODUCED "{#topics}"           \
	"{#introduced.name}; I am keen to hear {introduced.first_name}'s "  \
	"perspective on {topics}{/introduced.name}{/topics}. I appreciate " \
	"you thinking of me and taking the time to connect us.\n"           \
	"\n"                                                                 \
	"I will get in touch with {#introduced.name}"                      \
	"{introduced.first_name}{/introduced.name}{^introduced.name}them"  \
	"{/introduced.name} in the next day or two, and I will let you "   \
	"know how it goes.\n"                                               \
	"\n"                                                                 \
	"Thank you again for your help.\n"

#define INTRO_THANKS_CALL                                                    \
	CALL("- Thank them for introducing you to " INTRODUCED ".\n"        \
	     "- Say when you plan to get in touch, and that you will let "  \
	     "them know how it goes.\n"                                     \
	     "- Ask whether there is anything you should know before you "  \
	     "write.\n",                                                    \
	     "I wanted to thank you for introducing me to " INTRODUCED     \
	     "; I appreciate it. I will get in touch this week and let you " \
	     "know how it goes. You can reach me at {user.phone}. Thank "   \
	     "you again.")

/* --- intro-reach-out: who you are, and why you write ------------------ */

#define REACH_OUT_SUBJECT                                                    \
	"{#introducer.name}Introduction through {introducer.name}"          \
	"{/introducer.name}{^introducer.name}Introduction{#role} - {role}"  \
	"{/role}{/introducer.name}"

#define REACH_OUT_BODY                                                       \
	"{#introducer.name}{introducer.name} suggested that I get in touch " \
	"with you, and I am glad for the introduction. {/introducer.name}"  \
	"My name is {user.name}, and I am exploring my next role{#role}; "  \
	"the {role} position at {company} is of real interest to me"       \
	"{/role}.\n"                                                        \
	"\n"                                                                 \
	"{#topics}I am writing because I would value your perspective on "  \
	"{topics}.{/topics}{^topics}I would value the chance to learn "     \
	"about your work{#contact.company} at {contact.company}"           \
	"{/contact.company} and to hear your advice.{/topics} Would you "   \
	"have twenty minutes for a call or a coffee in the coming weeks? I " \
	"am happy to work around your schedule.\n"                         \
	"\n"                                                                 \
	"Thank you for your time, and I look forward to hearing from you.\n"

#define REACH_OUT_CALL                                                       \
	CALL("- Say who you are{#introducer.name}, and that "              \
	     "{introducer.name} suggested you call{/introducer.name}.\n"    \
	     "- Say why you are getting in touch: {#topics}you would value " \
	     "their perspective on {topics}{/topics}{^topics}{#role}the "    \
	     "{role} position at {company}{/role}{^role}you are exploring "  \
	     "your next role{/role}{/topics}.\n"                            \
	     "- Ask for twenty minutes for a call or a coffee in the "      \
	     "coming weeks.\n",                                             \
	     "{#introducer.name}{introducer.name} suggested that I call "   \
	     "you. {/introducer.name}I am exploring my next role"           \
	     "{#topics}, and I would value your perspective on {topics}"    \
	     "{/topics}; could we find twenty minutes for a call or a "     \
	     "coffee? You can reach me at {user.phone}. Thank you, and I "   \
	     "look forward to speaking with you.")

/* --- help-reminder: what was promised, and why now -------------------- */

#define HELP_SUBJECT                                                         \
	"{#topic.1}Following up: {topic.1}{/topic.1}{^topic.1}Following up " \
	"on our conversation{/topic.1}"

#define HELP_URGENT                                                          \
	"{#urgent}I am writing a little sooner than I otherwise would"      \
	"{#because}, as {because}{/because}{^because}, as the timing "      \
	"matters for me{/because}. {/urgent}"

#define HELP_BODY                                                            \
	"Thank you again for offering to help{#topic.1} with {topics}"     \
	"{/topic.1} when we spoke {event.on}. I am grateful for it.\n"      \
	"\n"                                                                 \
	HELP_URGENT "{#expect_date}You mentioned {expect_date}, so I "      \
	"wanted to ask{/expect_date}{^expect_date}I wanted to ask"          \
	"{/expect_date} how it is going, and whether I can send you "       \
	"anything that would make it easier.\n"                             \
	"\n"                                                                 \
	"Thank you for your support.\n"

#define HELP_CALL                                                            \
	CALL("- Thank them again for offering to help{#topic.1} with "     \
	     "{topics}{/topic.1} when you spoke {event.on}.\n"               \
	     "{#urgent}\n"                                                  \
	     "- Say briefly why the timing matters{#because}: {because}"     \
	     "{/because}.\n"                                                \
	     "{/urgent}\n"                                                  \
	     "- Ask, lightly, whether there is any news{#topic.1} on "      \
	     "{topic.1}{/topic.1}, and whether you can send anything that " \
	     "would help.\n",                                               \
	     "Thank you again for offering to help{#topic.1} with {topics}" \
	     "{/topic.1}. {#urgent}{#because}I am calling a little early, "  \
	     "as {because}. {/because}{/urgent}I wanted to ask whether "     \
	     "there is any news, and whether I can send you anything that " \
	     "would help. You can reach me at {user.phone}. Thank you.")

/* --- application-check-in -------------------------------------------- */

#define APP_SUBJECT "Following up on my application - " SUBJECT_ROLE

#define APP_BODY                                                             \
	"I applied for " POSITION " {applied.on}, and I am writing to make " \
	"sure that my application reached you. Please let me know if I can " \
	"provide anything else, such as references or work samples.\n"    \
	"\n"                                                                 \
	"I would also be glad to hear about the next steps in the process " \
	"and their timing. {^agency}The role and the work of your team are " \
	"of real interest to me.{/agency}{#agency}The role, and the work at " \
	"{company}, are of real interest to me.{/agency}" ALSO_NEWS "\n"    \
	"\n"                                                                 \
	"Thank you for your time and consideration.\n"

#define APP_CALL                                                             \
	CALL("- Introduce yourself: you applied for " POSITION " "          \
	     "{applied.on}; if you applied by e-mail, give the subject line " \
	     "of that e-mail.\n"                                            \
	     "- Ask whether your application arrived, and whether they "    \
	     "need anything else.\n"                                        \
	     "- Ask about the next steps and their timing.\n"               \
	     "- Say that the role is of real interest to you.\n"            \
	     ALSO_POINTS,                                                   \
	     "I applied for the {role} position at {company} {applied.on}, " \
	     "and I wanted to make sure that my application reached you and " \
	     "to ask about the next steps. The role is of real interest to " \
	     "me. " ALSO_VM "You can reach me at {user.phone}. Thank you, and have a "  \
	     "good day.")

/* --- interview-check-in ---------------------------------------------- */

#define IV_SUBJECT "Following up on my interview - " SUBJECT_ROLE

#define IV_BODY                                                              \
	"Thank you again for the interview {interview.on}, about " POSITION  \
	". {#expect_date}You said you would get back to me by {expect_date}, " \
	"so I wanted to ask politely whether there is any news, or whether " \
	"the timeline has changed.{/expect_date}{^expect_date}I wanted to "  \
	"ask politely whether a decision has been made, or whether there is " \
	"an updated timeline.{/expect_date}\n"                             \
	"\n"                                                                 \
	"{#topic.1}Our conversation about {topic.1} confirmed my interest: " \
	"it is the kind of work I do well and want to do more of."         \
	"{/topic.1}{^topic.1}Our conversation confirmed my interest, and I " \
	"believe my experience matches what " THE_TEAM " needs.{/topic.1}"  \
	ALSO_NEWS " Please let me know if I can provide anything else.\n"  \
	"\n"                                                                 \
	"Thank you for your time, and I look forward to hearing from you.\n"

#define IV_CALL                                                              \
	CALL("- Thank them again for the interview {interview.on}, about "   \
	     POSITION ".\n"                                                  \
	     "- Ask politely whether a decision has been made, or whether " \
	     "the timeline has changed{#expect_date} (they said they would " \
	     "get back to you by {expect_date}){/expect_date}.\n"            \
	     "- Restate your interest, and how your experience fits what "  \
	     "the role needs{#topic.1} (you discussed {topic.1}){/topic.1}.\n" \
	     "- Ask whether they need anything else from you.\n"            \
	     ALSO_POINTS,                                                   \
	     "Thank you again for the interview {interview.on}, about the "  \
	     "{role} position at {company}. I wanted to ask whether there is " \
	     "any news on your decision, or an updated timeline. I remain "  \
	     "keen on the role. " ALSO_VM "You can reach me at {user.phone}. Thank "    \
	     "you, and have a good day.")

/* --- nudge: eight wordings, in turn ------------------------------------ */

/* for talking points, and for the voicemail */
#define STAGE_YOUR                                                           \
	STAGE3("their message {reply.on}", "your interview {interview.on}",  \
	       "your application {applied.on}")
#define STAGE_OUR                                                            \
	STAGE3("your message {reply.on}", "our interview {interview.on}",    \
	       "my application {applied.on}")

#define NUDGE1_SUBJECT "{#reply.on}Continuing our conversation{/reply.on}{^reply.on}Checking in{/reply.on} - " SUBJECT_ROLE
#define NUDGE1_BODY                                                          \
	STAGE3("Thank you again for your message {reply.on}. I wanted to "  \
	       "pick up our conversation about " POSITION ".",               \
	       "I hope you are well. I am following up on our interview "    \
	       "{interview.on}, for " POSITION ".",                           \
	       "I hope you are well. I am following up on my application "   \
	       "for " POSITION ", which I sent {applied.on}.")               \
	" Is there any news on " YOUR_DECISION ", or an updated timeline "  \
	"you could share?\n"                                                \
	"\n"                                                                 \
	"I remain interested in the role and confident that I could "      \
	"contribute to " THE_TEAM "." ALSO_NEWS " Thank you for your time.\n"
#define NUDGE1_CALL                                                          \
	CALL("- Say who you are, and that you are following up on "        \
	     STAGE3("their message {reply.on}, about",                      \
		    "your interview {interview.on}, for",                   \
		    "your application {applied.on}, for") " " POSITION ".\n" \
	     "- Ask whether there is any news on the decision, or an "      \
	     "updated timeline.\n"                                          \
	     "- Restate your interest and what you would bring to "         \
	     THE_TEAM ".\n" ALSO_POINTS,                                    \
	     "I am following up on " STAGE3("your message {reply.on},"      \
	     " about", "our interview {interview.on}, for", "my application " \
	     "{applied.on}, for") " the {role} position at {company}. I "  \
	     "wanted to ask whether there is any news, or an updated "      \
	     "timeline. I remain interested in the role. " ALSO_VM "You "   \
	     "can reach me at {user.phone}. Thank you, and have a good "    \
	     "day.")

#define NUDGE2_SUBJECT "{#reply.on}Following up on our exchange{/reply.on}{^reply.on}Still interested{/reply.on} - " SUBJECT_ROLE
#define NUDGE2_BODY                                                          \
	STAGE3("I enjoyed our exchange {reply.on}, about " POSITION ", and "  \
	       "I wanted to follow it up.",                                   \
	       "Since our interview {interview.on}, my interest in "         \
	       POSITION " has only grown{#topic.1}, particularly after our "  \
	       "conversation about {topic.1}{/topic.1}.",                     \
	       "Since I applied for " POSITION " {applied.on}, my interest "  \
	       "in the role has only grown.")                                 \
	" I believe my experience matches what " THE_TEAM " needs.\n"      \
	"\n"                                                                 \
	"I would be grateful for a short update on where the process "     \
	"stands, and on whether I can provide anything more." ALSO_NEWS    \
	" Thank you again for your consideration.\n"
#define NUDGE2_CALL                                                          \
	CALL("- Mention " STAGE_YOUR ", and that your interest in the role " \
	     "has only grown{#topic.1} since you talked about {topic.1}"    \
	     "{/topic.1}.\n"                                                \
	     "- Ask for a short update on where the process stands.\n"      \
	     "- Offer to send anything more they need.\n" ALSO_POINTS,       \
	     "I am calling to check in once more about the {role} position " \
	     "at {company}. My interest has only grown since " STAGE_OUR    \
	     ", and I would be grateful for a short update when you have a " \
	     "moment. " ALSO_VM "You can reach me at {user.phone}. Thank you.")

#define NUDGE3_SUBJECT "{#reply.on}Picking up where we left off{/reply.on}{^reply.on}Following up{/reply.on} - " SUBJECT_ROLE
#define NUDGE3_BODY                                                          \
	"I am writing about " POSITION                                       \
	STAGE3(", which we discussed {reply.on}",                            \
	       ", for which I interviewed {interview.on}",                   \
	       ", for which I applied {applied.on}")                         \
	". I understand that hiring takes time, and I do not want to take " \
	"up much of yours: could you let me know whether the position is "  \
	"still open, and if so, when " YOU_DECIDE "?\n"                    \
	"\n"                                                                 \
	"I would still welcome the chance to join " THE_TEAM "." ALSO_NEWS \
	" Thank you for your help.\n"
#define NUDGE3_CALL                                                          \
	CALL("- Acknowledge that hiring takes time, and keep the call "    \
	     "short.\n"                                                     \
	     "- Ask whether " POSITION " is still open, and when "          \
	     "{^agency}they expect{/agency}{#agency}{company} expects"       \
	     "{/agency} to decide.\n"                                       \
	     "- Say that you would still welcome the chance to join "       \
	     THE_TEAM ".\n" ALSO_POINTS,                                    \
	     "I am calling about the {role} position at {company}, "        \
	     "following up on " STAGE_OUR ". I know hiring takes time; "     \
	     "could you let me know whether the position is still open, "   \
	     "and when " YOU_DECIDE "? " ALSO_VM "You can reach me at "                \
	     "{user.phone}. Thank you for your help.")

#define NUDGE4_SUBJECT "Any news on " SUBJECT_POSITION "{#reply.on} since we spoke{/reply.on}?"
#define NUDGE4_BODY                                                          \
	STAGE3("Following your message {reply.on}, I wanted to ask whether " \
	       "there is any news on " POSITION ".",                          \
	       "A few weeks have passed since our interview {interview.on}, " \
	       "and I wanted to ask whether there is any news on " POSITION   \
	       ".",                                                           \
	       "A few weeks have passed since I applied for " POSITION " "    \
	       "{applied.on}, and I wanted to ask whether there is any news.") \
	" If the timeline has moved, an updated estimate would help me "    \
	"plan.\n"                                                           \
	"\n"                                                                 \
	"The role remains a strong fit for my experience{#topic.1}, "       \
	"especially the work on {topic.1}{/topic.1}, and I am keen to "     \
	"contribute." ALSO_NEWS " Thank you for keeping me in mind.\n"
#define NUDGE4_CALL                                                          \
	CALL("- Say that some weeks have passed since " STAGE_YOUR ", and " \
	     "ask whether there is any news.\n"                             \
	     "- If the timeline has moved, ask for an updated estimate.\n"  \
	     "- Say how your experience fits the role{#topic.1}, for "      \
	     "example the work on {topic.1}{/topic.1}.\n" ALSO_POINTS,      \
	     "Some weeks have passed since " STAGE_OUR ", about the {role} " \
	     "position at {company}, and I wanted to ask whether there is "  \
	     "any news or a new timeline. The role remains a strong fit for " \
	     "me. " ALSO_VM "You can reach me at {user.phone}. Thank you.")

#define NUDGE5_SUBJECT "A{#reply.on} further{/reply.on} question about " SUBJECT_POSITION
#define NUDGE5_BODY                                                          \
	"I hope things are going well. I am still keen on " POSITION ", "   \
	"and I have a short question."                                      \
	STAGE3(" We last spoke {reply.on}.",                                 \
	       " We last spoke at the interview {interview.on}.",            \
	       " I applied {applied.on}.")                                   \
	" Has a decision been made, or is there a new date by which "       \
	"{^agency}you expect{/agency}{#agency}{company} expects{/agency} "  \
	"to make one?\n"                                                    \
	"\n"                                                                 \
	"Whatever the answer, I would be glad to hear it, and I am happy "  \
	"to send anything that would help." ALSO_NEWS " Thank you for your " \
	"time.\n"
#define NUDGE5_CALL                                                          \
	CALL("- Mention " STAGE_YOUR ", then ask one short question: has a " \
	     "decision been made, or is there a new date for one?\n"        \
	     "- Say that you would be glad of an answer either way.\n"      \
	     "- Offer to send anything that would help.\n" ALSO_POINTS,      \
	     "I have a short question about the {role} position at "        \
	     "{company}, following " STAGE_OUR ": has a decision been made, " \
	     "or is there a new date "                                      \
	     "by which {^agency}you expect{/agency}{#agency}{company} "     \
	     "expects{/agency} one? I would be glad to hear either way. "   \
	     ALSO_VM "You can reach me at {user.phone}. Thank you for your " \
	     "time.")

#define NUDGE6_SUBJECT "{#reply.on}Next steps after our conversation{/reply.on}{^reply.on}Where things stand{/reply.on} - " SUBJECT_ROLE
#define NUDGE6_BODY                                                          \
	"I wanted to ask where things stand with " POSITION "."             \
	STAGE3(" Since our conversation {reply.on}, I have been keen to "    \
	       "continue it.",                                                \
	       " Since our interview {interview.on}, I have been keen to "   \
	       "join " THE_TEAM ".",                                          \
	       " My application, sent {applied.on}, still stands, and my "   \
	       "interest has not changed.")                                  \
	" Is there a next step I should prepare for, or would you rather I " \
	"checked back later?\n"                                             \
	"\n"                                                                 \
	"I remain available for a conversation whenever it suits you"       \
	"{#topic.1}, and glad to talk further about {topic.1}{/topic.1}."   \
	ALSO_NEWS " Thank you for your patience with my questions.\n"
#define NUDGE6_CALL                                                          \
	CALL("- Ask where things stand with " POSITION " since "            \
	     STAGE_YOUR ", and whether there is a next step to prepare "    \
	     "for.\n"                                                       \
	     "- Say that you remain available and interested.\n"            \
	     "- Ask whether they would rather you checked back later, and " \
	     "when.\n" ALSO_POINTS,                                         \
	     "I wanted to ask where things stand with the {role} position " \
	     "at {company} since " STAGE_OUR ", and whether there is a next " \
	     "step I should "                                               \
	     "prepare for. I remain available and interested. " ALSO_VM     \
	     "You can reach me at {user.phone}. Thank you.")

#define NUDGE7_SUBJECT "{#reply.on}Still in touch{/reply.on}{^reply.on}Keeping in touch{/reply.on} - " SUBJECT_ROLE
#define NUDGE7_BODY                                                          \
	"I am following up once more on " POSITION                          \
	STAGE3(", after your message {reply.on}",                            \
	       ", after our interview {interview.on}",                       \
	       ", after my application {applied.on}")                        \
	". If there is any news, or if " YOU_DECIDE " within the "          \
	"next few weeks, I would be grateful to know.\n"                   \
	"\n"                                                                 \
	"I am confident that my experience would serve " THE_TEAM " well."  \
	ALSO_NEWS " Thank you for your consideration.\n"
#define NUDGE7_CALL                                                          \
	CALL("- Say that you are following up once more, after "           \
	     STAGE_YOUR ".\n"                                               \
	     "- Ask whether {^agency}they expect{/agency}{#agency}{company} " \
	     "expects{/agency} to decide within the next few "              \
	     "weeks.\n"                                                     \
	     "- Say why your experience would serve " THE_TEAM " well.\n"    \
	     ALSO_POINTS,                                                   \
	     "I am following up once more on the {role} position at "       \
	     "{company}, after " STAGE_OUR ". If " YOU_DECIDE " "           \
	     "within the next few weeks, I would be grateful to know. " ALSO_VM "You "  \
	     "can reach me at {user.phone}. Thank you for your "            \
	     "consideration.")

#define NUDGE8_SUBJECT "{#reply.on}Hoping to hear more{/reply.on}{^reply.on}Hoping for an update{/reply.on} - " SUBJECT_ROLE
#define NUDGE8_BODY                                                          \
	"I know how busy hiring can be, so I will keep this short. My "    \
	"interest in " POSITION " is as strong as it was"                   \
	STAGE3(" when we last spoke {reply.on}",                             \
	       " after our interview {interview.on}",                        \
	       " when I applied {applied.on}")                               \
	". Could you let me know whether the position is still open and, "  \
	"if so, what the next step would be?" ALSO_NEWS "\n"               \
	"\n"                                                                 \
	"Thank you, and I look forward to hearing from you.\n"
#define NUDGE8_CALL                                                          \
	CALL("- Keep it short: your interest in " POSITION " is as strong " \
	     "as it was after " STAGE_YOUR ".\n"                            \
	     "- Ask whether the position is still open and, if so, what "   \
	     "the next step would be.\n"                                    \
	     "- Thank them for their time.\n" ALSO_POINTS,                   \
	     "I know how busy hiring can be, so I will keep this short. I "  \
	     "am as keen on the {role} position at {company} as I was after " \
	     STAGE_OUR "; could you "                                       \
	     "let me know whether it is still open, and what the next step " \
	     "would be? " ALSO_VM "You can reach me at {user.phone}. Thank you.")

/* --- rejection-response ---------------------------------------------- */

#define REJ_SUBJECT "Thank you - " SUBJECT_ROLE

#define REJ_BODY                                                             \
	"Thank you for letting me know your decision about " POSITION ". I " \
	"appreciate the time you{^agency} and your colleagues{/agency} gave " \
	"me{#interview_date} during the interview process{/interview_date}" \
	"{^interview_date} in considering my application{/interview_date}.\n" \
	"\n"                                                                 \
	"{^agency}I enjoyed learning about {company}, and I would be glad "  \
	"to be considered for future roles that match my experience."       \
	"{/agency}{#agency}I enjoyed learning about {company} through you, " \
	"and I would be glad to hear about future roles that match my "     \
	"experience, there or with your other clients.{/agency}{#others} I " \
	"remain interested in {others}.{/others}{#also} Thank you also for " \
	"your news about {also}.{/also} I hope we can stay in touch.\n"     \
	"\n"                                                                 \
	"Thank you again for your consideration.\n"

#define REJ_CALL                                                             \
	CALL("- Thank them for letting you know, and for their time"       \
	     "{#interview_date} during the interview process"               \
	     "{/interview_date}.\n"                                          \
	     "- Ask to be kept in mind for future roles that match your "   \
	     "experience{#agency}, at {company} or with their other "        \
	     "clients{/agency}.\n"                                          \
	     "- If it feels right, ask whether they have any feedback for " \
	     "you.\n",                                                      \
	     "Thank you for letting me know your decision about the {role} " \
	     "position at {company}. I appreciated the chance to learn about " \
	     "{company}, and I would be glad to be considered for future "   \
	     "roles. You can reach me at {user.phone}. Thank you, and best " \
	     "wishes.")

/* --- withdraw-notice: after accepting a job, or a courtesy ------------- */

#define WD_SUBJECT "Withdrawing my application - " SUBJECT_ROLE

#define WD_THANKS                                                            \
	"Thank you for your time and consideration{#interview_date}, and "  \
	"for the conversations we had during the process{/interview_date}."

#define WD_ACCEPTED_BODY                                                     \
	"I am writing to let you know that I have accepted another "       \
	"position, and so I am withdrawing my application for " POSITION    \
	"{#also}, and from consideration for {also}{/also}.\n"              \
	"\n"                                                                 \
	WD_THANKS " I enjoyed learning about {company}{#agency} through "   \
	"you{/agency}, and I hope our paths cross again.\n"                 \
	"\n"                                                                 \
	"I wish you every success in filling the role{#also}s{/also}.\n"

#define WD_ACCEPTED_CALL                                                     \
	CALL("- Say that you have accepted another position, and that you " \
	     "are withdrawing from " POSITION "{#also} and from {also}"      \
	     "{/also}.\n"                                                    \
	     "- Thank them for their time and consideration.\n"             \
	     "- Say that you hope your paths cross again.\n",               \
	     "I am calling to let you know that I have accepted another "   \
	     "position, so I am withdrawing my application for the {role} " \
	     "position at {company}. Thank you for your time and "           \
	     "consideration. You can reach me at {user.phone} if you need "  \
	     "anything. Best wishes.")

#define WD_BODY                                                              \
	"After careful thought, I have decided to withdraw my application " \
	"for " POSITION "{#also}, and from consideration for {also}"        \
	"{/also}. " WD_THANKS "\n"                                          \
	"\n"                                                                 \
	"{#others}This does not change my interest in {others}, which I "  \
	"would be glad to pursue. {/others}I have enjoyed learning about "  \
	"{company}{#agency} through you{/agency}, and I hope our paths "    \
	"cross again.\n"

#define WD_CALL                                                              \
	CALL("- Say that, after careful thought, you are withdrawing from " \
	     POSITION ".\n"                                                  \
	     "- Thank them for their time and consideration"               \
	     "{#interview_date}, and for the conversations during the "     \
	     "process{/interview_date}.\n"                                   \
	     "{#others}\n"                                                  \
	     "- Say that you remain interested in {others}.\n"             \
	     "{/others}\n"                                                  \
	     "- Say that you hope your paths cross again.\n",               \
	     "I am calling to let you know that, after careful thought, I "  \
	     "am withdrawing my application for the {role} position at "   \
	     "{company}. Thank you for your time and consideration. You can " \
	     "reach me at {user.phone}. Best wishes.")

/* --- decline-offer: thanks, a clear no, the door left open ------------- */

/* an agency's recruiter passes the offer on: it is not theirs */
#define YOUR_OFFER "{^agency}your offer{/agency}{#agency}the offer{/agency}"
#define DECLINE_SUBJECT "{^agency}Your offer{/agency}{#agency}The offer{/agency} for " SUBJECT_POSITION

#define DECLINE_THANKS                                                       \
	"Thank you for " YOUR_OFFER " for " POSITION ", and for the time "  \
	"you"                                                                \
	"{^agency} and your colleagues{/agency} gave me during the process."

#define DECLINE_DOOR                                                         \
	"It was not an easy decision. I enjoyed getting to know {company}" \
	"{#agency} through you{/agency}, and I would be glad to stay in "   \
	"touch. I hope our paths cross again.\n"

#define DECLINE_ACCEPTED_BODY                                                \
	DECLINE_THANKS " After careful thought, I have accepted another "   \
	"position, so I must decline " YOUR_OFFER "{#also}; I am also "     \
	"withdrawing from consideration for {also}{/also}.\n"               \
	"\n" DECLINE_DOOR

#define DECLINE_BODY                                                         \
	DECLINE_THANKS " After careful consideration, I have decided to "   \
	"decline it{#also}, and to withdraw from consideration for {also}"  \
	"{/also}.\n"                                                        \
	"\n" DECLINE_DOOR

#define DECLINE_CALL                                                         \
	CALL("- Thank them for the offer for " POSITION ", and for their "  \
	     "time.\n"                                                      \
	     "- Say clearly and kindly that you {#accepted_date}have "      \
	     "accepted another position and {/accepted_date}must decline.\n" \
	     "- Say that you enjoyed getting to know {company}, and that "   \
	     "you would be glad to stay in touch.\n",                       \
	     "I am calling about " YOUR_OFFER " for the {role} position at " \
	     "{company}. Thank you again for it. After careful thought, I "  \
	     "must decline{#accepted_date}, as I have accepted another "     \
	     "position{/accepted_date}. I enjoyed getting to know {company}, " \
	     "and I would be glad to stay in touch. You can reach me at "    \
	     "{user.phone}. Thank you.")

/* --- checklists: actions that are not messages ----------------------- */

#define FIND_CONTACT_LIST                                                    \
	"Find the person who hires for the {role} position at {company}:\n" \
	"- See who posted the job: the posting{#url} ({url}){/url}, or "   \
	"{company}'s page on LinkedIn.\n"                                  \
	"- Look on {company}'s website for the team's manager, or a "      \
	"recruiter for the role.\n"                                         \
	"- Ask your network whether anyone knows someone at {company}.\n"  \
	"- Once you have a name, record it, and fu suggests the check-in:\n" \
	"    fu add contact NAME --company \"{company}\" --email ADDRESS\n" \
	"    fu edit {application.id} --contact NAME\n"

#define CLOSURE_LIST                                                         \
	"Decide about the {role} position at {company}.\n"                 \
	"Why now: {reason}.\n"                                              \
	"\n"                                                                 \
	"- To keep going: follow up every two weeks or so, each time "     \
	"worded differently, and look for someone else at {company} to "   \
	"write to:\n"                                                       \
	"    fu edit {application.id} --contact NAME\n"                     \
	"- To stop: if you wish, send a short note thanking them for their " \
	"time, then record it:\n"                                          \
	"    fu close {application.id} --outcome withdrawn\n"               \
	"  (or --outcome no-response if you simply stop)\n"

#define OFFER_LIST                                                           \
	"Review the offer for the {role} position at {company} before you " \
	"answer{#deadline_date}; they expect your answer by "              \
	"{deadline_date}{/deadline_date}:\n"                               \
	"- Compare the salary with the usual range for a role of this "    \
	"responsibility, and for your experience and skills.\n"           \
	"- Review the benefits: health cover, retirement, paid leave, "    \
	"bonus and equity, flexibility.\n"                                  \
	"- Read up on negotiation, and decide what you would ask for and " \
	"why.\n"                                                            \
	"- Do not decide at once: thank them, and say when you will "  \
	"answer.\n"                                                         \
	"- When you have decided, record it (accepting lists the "         \
	"withdraw-notices you then owe):\n"                                \
	"    fu close {application.id} --outcome accepted\n"               \
	"    fu close {application.id} --outcome declined\n"

#define PREPARE_LIST                                                         \
	"Prepare for the {scheduled.kind} for the {role} position at "       \
	"{company}, on {scheduled.date}, at {scheduled.time}:\n"              \
	"{#people}\n"                                                        \
	"- Whom you will meet; each thank-you needs a name and a title, a "  \
	"letter a postal address:\n"                                         \
	"{people.list}\n"                                                    \
	"{/people}\n"                                                        \
	"{^people}\n"                                                        \
	"- Ask whom you will meet, with their titles, and collect their "    \
	"addresses for the thank-you notes; record each on the "             \
	"application:\n"                                                     \
	"    fu edit {application.id} --contact NAME\n"                      \
	"{/people}\n"                                                        \
	"- Ask how each of them likes to be reached (e-mail, phone, "        \
	"letter), and note it:\n"                                            \
	"    fu edit NAME --prefers email|phone|letter\n"                    \
	"- Plan your questions about the timeline: how many candidates "     \
	"there are, when they will decide, when you should hear back, and "  \
	"whether there is another round.\n"                                  \
	"- Right after it, note what you discussed with each person, for "   \
	"their thank-you:\n"                                                 \
	"    fu log {application.id} topic --topic-for 'NAME: what you "     \
	"discussed'\n"                                                       \
	"- If they name a date to hear back by, record it:\n"                \
	"    fu log {application.id} timeline --expect DATE\n"

typedef struct builtin {
	const char *action;
	const char *channel;   /* "email", "phone", "letter", "checklist" */
	const char *situation; /* the situation it is for; NULL: any */
	const char *text;
} builtin;

/* An action and channel's entries for a situation come before its
 * general one; several general entries are wordings taken in turn
 * (nudges). */
static const builtin builtins[] = {
	{ "thank-you", "email", NULL, EMAIL(THANK_YOU_SUBJECT, THANK_YOU_BODY) },
	{ "thank-you", "letter", NULL, LETTER(THANK_YOU_BODY) },
	{ "thank-you", "phone", NULL, THANK_YOU_CALL },
	{ "acknowledge", "email", "invitation",
	  EMAIL(ACK_INVITE_SUBJECT, ACK_INVITE_BODY) },
	{ "acknowledge", "phone", "invitation", ACK_INVITE_CALL },
	{ "acknowledge", "email", "offer",
	  EMAIL(ACK_OFFER_SUBJECT, ACK_OFFER_BODY) },
	{ "acknowledge", "phone", "offer", ACK_OFFER_CALL },
	{ "acknowledge", "email", "help", EMAIL(ACK_HELP_SUBJECT, ACK_HELP_BODY) },
	{ "acknowledge", "phone", "help", ACK_HELP_CALL },
	{ "acknowledge", "email", "networking",
	  EMAIL(ACK_NET_SUBJECT, ACK_NET_BODY) },
	{ "acknowledge", "phone", "networking", ACK_NET_CALL },
	{ "acknowledge", "email", NULL, EMAIL(ACK_SUBJECT, ACK_BODY) },
	{ "acknowledge", "phone", NULL, ACK_CALL },
	{ "connect", "email", NULL, EMAIL(CONNECT_SUBJECT, CONNECT_BODY) },
	{ "connect", "phone", NULL, CONNECT_CALL },
	{ "intro-thanks", "email", NULL,
	  EMAIL(INTRO_THANKS_SUBJECT, INTRO_THANKS_BODY) },
	{ "intro-thanks", "phone", NULL, INTRO_THANKS_CALL },
	{ "intro-reach-out", "email", NULL,
	  EMAIL(REACH_OUT_SUBJECT, REACH_OUT_BODY) },
	{ "intro-reach-out", "phone", NULL, REACH_OUT_CALL },
	{ "help-reminder", "email", NULL, EMAIL(HELP_SUBJECT, HELP_BODY) },
	{ "help-reminder", "phone", NULL, HELP_CALL },
	{ "application-check-in", "email", NULL, EMAIL(APP_SUBJECT, APP_BODY) },
	{ "application-check-in", "phone", NULL, APP_CALL },
	{ "interview-check-in", "email", NULL, EMAIL(IV_SUBJECT, IV_BODY) },
	{ "interview-check-in", "phone", NULL, IV_CALL },
	{ "nudge", "email", NULL, EMAIL(NUDGE1_SUBJECT, NUDGE1_BODY) },
	{ "nudge", "email", NULL, EMAIL(NUDGE2_SUBJECT, NUDGE2_BODY) },
	{ "nudge", "email", NULL, EMAIL(NUDGE3_SUBJECT, NUDGE3_BODY) },
	{ "nudge", "email", NULL, EMAIL(NUDGE4_SUBJECT, NUDGE4_BODY) },
	{ "nudge", "email", NULL, EMAIL(NUDGE5_SUBJECT, NUDGE5_BODY) },
	{ "nudge", "email", NULL, EMAIL(NUDGE6_SUBJECT, NUDGE6_BODY) },
	{ "nudge", "email", NULL, EMAIL(NUDGE7_SUBJECT, NUDGE7_BODY) },
	{ "nudge", "email", NULL, EMAIL(NUDGE8_SUBJECT, NUDGE8_BODY) },
	{ "nudge", "phone", NULL, NUDGE1_CALL },
	{ "nudge", "phone", NULL, NUDGE2_CALL },
	{ "nudge", "phone", NULL, NUDGE3_CALL },
	{ "nudge", "phone", NULL, NUDGE4_CALL },
	{ "nudge", "phone", NULL, NUDGE5_CALL },
	{ "nudge", "phone", NULL, NUDGE6_CALL },
	{ "nudge", "phone", NULL, NUDGE7_CALL },
	{ "nudge", "phone", NULL, NUDGE8_CALL },
	{ "rejection-response", "email", NULL, EMAIL(REJ_SUBJECT, REJ_BODY) },
	{ "rejection-response", "letter", NULL, LETTER(REJ_BODY) },
	{ "rejection-response", "phone", NULL, REJ_CALL },
	{ "withdraw-notice", "email", "accepted",
	  EMAIL(WD_SUBJECT, WD_ACCEPTED_BODY) },
	{ "withdraw-notice", "letter", "accepted", LETTER(WD_ACCEPTED_BODY) },
	{ "withdraw-notice", "phone", "accepted", WD_ACCEPTED_CALL },
	{ "withdraw-notice", "email", NULL, EMAIL(WD_SUBJECT, WD_BODY) },
	{ "withdraw-notice", "letter", NULL, LETTER(WD_BODY) },
	{ "withdraw-notice", "phone", NULL, WD_CALL },
	{ "decline-offer", "email", "accepted",
	  EMAIL(DECLINE_SUBJECT, DECLINE_ACCEPTED_BODY) },
	{ "decline-offer", "letter", "accepted", LETTER(DECLINE_ACCEPTED_BODY) },
	{ "decline-offer", "email", NULL, EMAIL(DECLINE_SUBJECT, DECLINE_BODY) },
	{ "decline-offer", "letter", NULL, LETTER(DECLINE_BODY) },
	{ "decline-offer", "phone", NULL, DECLINE_CALL },
	{ "find-contact", "checklist", NULL, FIND_CONTACT_LIST },
	{ "closure", "checklist", NULL, CLOSURE_LIST },
	{ "offer-review", "checklist", NULL, OFFER_LIST },
	{ "prepare", "checklist", NULL, PREPARE_LIST },
};

#define NBUILTINS (sizeof builtins / sizeof builtins[0])

_Static_assert(FU_DRAFT_WORDINGS == 8, "eight nudge wordings per channel");

/* The file-name word of a channel: "email", "phone", "letter",
 * "checklist" (a social message reads the e-mail template). */
const char *fu__draft_channel_file(fu_channel ch)
{
	switch (ch) {
	case FU_CH_EMAIL:
	case FU_CH_SOCIAL: return "email";
	case FU_CH_PHONE: return "phone";
	case FU_CH_LETTER: return "letter";
	case FU_CH_NONE: return "checklist";
	default: return NULL;
	}
}

int fu_draft_wording(const fu_draft_input *in)
{
	int w = in->wording > 0 ? in->wording : in->seq > 0 ? in->seq : 1;
	return (w - 1) % FU_DRAFT_WORDINGS + 1;
}

const char *fu_draft_builtin(const fu_draft_input *in)
{
	const char *ch = fu__draft_channel_file(in->channel);
	if (!in->action || !ch)
		return "";
	for (int pass = 0; pass < 2; pass++) {
		size_t count = 0, first = 0;
		for (size_t i = 0; i < NBUILTINS; i++) {
			const builtin *b = &builtins[i];
			if (strcmp(b->action, in->action) ||
			    strcmp(b->channel, ch) ||
			    (pass == 0 ? !b->situation || !in->situation ||
					 strcmp(b->situation, in->situation)
				       : b->situation != NULL))
				continue;
			if (!count)
				first = i;
			count++;
		}
		if (count)
			return builtins[first + (size_t)(fu_draft_wording(in) - 1) %
					count].text;
	}
	return "";
}
