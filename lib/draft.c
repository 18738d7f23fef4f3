/*
 * draft.c - fu draft: the follow-up message for an action (draft.h).
 *
 * The renderer is a pure function of a fu_draft_input and a template;
 * fu_draft_gather() is the only part that reads the database (through
 * the public store API), fu_draft_write_eml() the only one that writes
 * a file. Nothing here prints.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fu/buf.h"
#include "fu/date.h"
#include "fu/draft.h"
#include "fu/rules.h"
#include "fu/store.h"
#include "internal.h"

/* --- the built-in templates ------------------------------------------------
 *
 * One for each action and channel (nudges have three wordings, taken in
 * turn by the nudge's number, so each differs from the one before). What
 * each must contain is RULES.md's "Drafts" table; the wording follows the
 * seeds: professional, concise, positive, no slang, a clear question or
 * next step. Optional details sit in {#x}...{/x} sections, so a built-in
 * never needs a value the user has not logged except the signature
 * (user.name, user.email, user.phone) and what the channel needs.
 */

#define HELLO_EMAIL "Dear {contact.first_name},\n\n"
#define HELLO_LETTER "Dear {contact.name},\n\n"
#define BYE_EMAIL "\nBest regards,\n{signature}\n"
#define BYE_LETTER "\nSincerely,\n\n{signature}\n"
#define EMAIL(subject, body) \
	"Subject: " subject "\n\n" HELLO_EMAIL body BYE_EMAIL
#define LETTER(body) HELLO_LETTER body BYE_LETTER
#define CALL(points, voicemail)                                              \
	"Call {contact.name}{#contact.title}, {contact.title}{/contact.title}" \
	"{#contact.company} at {contact.company}{/contact.company}: "          \
	"{contact.phone}\n\n"                                                  \
	"Talking points (note them down before you call):\n" points           \
	"\nIf you reach voicemail:\n"                                          \
	"Hello {contact.first_name}, this is {user.name}. " voicemail "\n"

/* "our interview on ..." or "my application of ..."; for talking
 * points, "your interview ..." */
#define STAGE_OUR                                                            \
	"{#interview_date}our interview on {interview_date}{/interview_date}" \
	"{^interview_date}my application of {applied_date}{/interview_date}"
#define STAGE_YOUR                                                           \
	"{#interview_date}your interview on {interview_date}{/interview_date}" \
	"{^interview_date}your application of {applied_date}"               \
	"{/interview_date}"

/* --- thank-you ------------------------------------------------------- */

#define THANK_YOU_SUBJECT                                                    \
	"Thank you{#role} - {role} {event.kind}{/role}{^role} for meeting " \
	"with me{/role}"

#define THANK_YOU_BODY                                                       \
	"{#role}\n"                                                          \
	"Thank you for the {event.kind} on {event.date}, about the {role} " \
	"position at {company}. I appreciated the chance to learn more "    \
	"about the role and the team.\n"                                    \
	"\n"                                                                 \
	"{#topic.1}I especially enjoyed our conversation about {topic.1}"   \
	"{#topic.2} and {topic.2}{/topic.2}, and it confirmed my interest "  \
	"in the position.{/topic.1}{^topic.1}Our conversation confirmed my " \
	"interest in the position.{/topic.1} I am confident that my "       \
	"experience would let me contribute to the team from the start.\n"  \
	"\n"                                                                 \
	"I look forward to hearing from you about the next steps.\n"        \
	"{/role}\n"                                                          \
	"{^role}\n"                                                          \
	"Thank you for meeting with me on {event.date}. I appreciated your " \
	"time and the advice you shared.\n"                                 \
	"\n"                                                                 \
	"{#topic.1}I especially valued our conversation about {topic.1}"    \
	"{#topic.2} and {topic.2}{/topic.2}, and I will put your "          \
	"suggestions to good use. {/topic.1}Our meeting added to my "       \
	"interest in {#contact.company}{contact.company}{/contact.company}" \
	"{^contact.company}your field{/contact.company}.\n"                 \
	"\n"                                                                 \
	"I look forward to hearing from you, and to staying in touch.\n"    \
	"{/role}\n"

#define THANK_YOU_CALL                                                       \
	CALL("- Thank them for the {event.kind} on {event.date}{#role}, "   \
	     "about the {role} position{/role}.\n"                            \
	     "{#topic.1}\n"                                                   \
	     "- Mention what stayed with you: {topic.1}{#topic.2}; {topic.2}" \
	     "{/topic.2}.\n"                                                  \
	     "{/topic.1}\n"                                                   \
	     "- {#role}Restate your interest in the role and what you would " \
	     "bring to the team.{/role}{^role}Say what you took from the "    \
	     "conversation, and that you would like to stay in touch.{/role}\n" \
	     "- Say that you look forward to hearing from them.\n",          \
	     "Thank you again for the {event.kind} on {event.date}{#role}, "  \
	     "about the {role} position{/role}. I enjoyed our conversation"   \
	     "{#role}, and I am very interested in the role{/role}. I look "  \
	     "forward to hearing from you. You can reach me at {user.phone}. " \
	     "Thank you, and have a good day.")

/* --- acknowledge ------------------------------------------------------ */

#define ACK_SUBJECT "Thank you for your {event.kind}{#role} - {role}{/role}"

#define ACK_BODY                                                             \
	"Thank you for your {event.kind} on {event.date}{#role}, about the " \
	"{role} position{/role}. {#role}I appreciate you keeping me "       \
	"informed, and I remain very interested in the role.{/role}"        \
	"{^role}I appreciate you taking the time to get in touch.{/role}"   \
	"{#expect_date} I look forward to hearing from you by "             \
	"{expect_date}.{/expect_date}\n"                                    \
	"\n"                                                                 \
	"Please let me know if I can provide anything else. My contact "   \
	"details are below.\n"

#define ACK_CALL                                                             \
	CALL("- Thank them for their {event.kind} on {event.date}{#role}, " \
	     "about the {role} position{/role}.\n"                          \
	     "- {#role}Say that you remain very interested in the role."   \
	     "{/role}{^role}Say that you appreciate their time.{/role}\n"   \
	     "- Ask whether they need anything else from you.\n"            \
	     "- Make sure they have your number and e-mail address: "       \
	     "{user.phone}, {user.email}.\n",                               \
	     "Thank you for your {event.kind}{#role} about the {role} "     \
	     "position{/role}; I appreciate it. If you need anything else " \
	     "from me, you can reach me at {user.phone}. Thank you, and "   \
	     "have a good day.")

/* --- connect --------------------------------------------------------- */

#define CONNECT_SUBJECT "Good to meet you"

#define CONNECT_BODY                                                         \
	"It was a pleasure to meet you on {event.date}{#topic.1}, and I "  \
	"enjoyed our conversation about {topic.1}{/topic.1}. I would like " \
	"to stay in touch.\n"                                               \
	"\n"                                                                 \
	"I am exploring my next role{#contact.company}, and I would be "   \
	"glad to learn more about your work at {contact.company}"          \
	"{/contact.company}{^contact.company}, and I would value your "    \
	"perspective{/contact.company}. Would you be open to a short call " \
	"or a coffee "                                                      \
	"in the next couple of weeks? I am happy to work around your "     \
	"schedule.\n"                                                       \
	"\n"                                                                 \
	"Thank you, and I hope to hear from you soon.\n"

#define CONNECT_CALL                                                         \
	CALL("- Remind them where you met: on {event.date}{#topic.1}, when " \
	     "you talked about {topic.1}{/topic.1}.\n"                      \
	     "- Say briefly who you are and what kind of role you are "     \
	     "looking for.\n"                                               \
	     "- Suggest a next step: a short call or a coffee in the next " \
	     "couple of weeks.\n",                                          \
	     "We met on {event.date}{#topic.1}, and talked about {topic.1}" \
	     "{/topic.1}. I enjoyed our conversation and would be glad to " \
	     "continue it over a short call or a coffee. You can reach me " \
	     "at {user.phone}. Thank you, and I hope to talk soon.")

/* --- intro-thanks ---------------------------------------------------- */

#define INTRODUCED                                                           \
	"{#introduced.name}{introduced.name}{/introduced.name}"             \
	"{^introduced.name}your contact{/introduced.name}"

#define INTRO_THANKS_SUBJECT "Thank you for the introduction"

#define INTRO_THANKS_BODY                                                    \
	"Thank you for introducing me to " INTRODUCED ". I appreciate you " \
	"thinking of me and taking the time to connect us.\n"               \
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
	     "reach out.\n",                                                \
	     "I wanted to thank you for introducing me to " INTRODUCED     \
	     "; I really appreciate it. I will get in touch this week and " \
	     "let you know how it goes. You can reach me at {user.phone}. " \
	     "Thank you again.")

/* --- intro-reach-out ------------------------------------------------- */

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
	"I would value the chance to learn about your work"                \
	"{#contact.company} at {contact.company}{/contact.company} and to " \
	"hear your advice. Would you have twenty minutes for a call or a "  \
	"coffee in the coming weeks? I am happy to work around your "      \
	"schedule.\n"                                                       \
	"\n"                                                                 \
	"Thank you for your time, and I look forward to hearing from you.\n"

#define REACH_OUT_CALL                                                       \
	CALL("- Say who you are{#introducer.name}, and that "              \
	     "{introducer.name} suggested you call{/introducer.name}.\n"    \
	     "- Explain briefly why you are getting in touch{#role}: the "  \
	     "{role} position at {company}{/role}.\n"                       \
	     "- Ask for twenty minutes for a call or a coffee in the "      \
	     "coming weeks.\n",                                             \
	     "{#introducer.name}{introducer.name} suggested that I call "   \
	     "you. {/introducer.name}I am exploring my next role and would " \
	     "value twenty minutes of your time for a call or a coffee. "   \
	     "You can reach me at {user.phone}. Thank you, and I look "     \
	     "forward to speaking with you.")

/* --- help-reminder --------------------------------------------------- */

#define HELP_SUBJECT "Following up on our conversation"

#define HELP_BODY                                                            \
	"Thank you again for offering to help{#topic.1} with {topics}"     \
	"{/topic.1} when we spoke on {event.date}. I really appreciate "    \
	"it.\n"                                                             \
	"\n"                                                                 \
	"{#urgent}I am writing a little sooner than I otherwise would, as " \
	"the timing matters for me. {/urgent}{#expect_date}You mentioned "  \
	"{expect_date}, so I wanted to follow up gently{/expect_date}"      \
	"{^expect_date}I wanted to follow up gently{/expect_date} and ask " \
	"whether I can send you anything that would help.\n"               \
	"\n"                                                                 \
	"I am grateful for your support.\n"

#define HELP_CALL                                                            \
	CALL("- Thank them again for offering to help{#topic.1} with "     \
	     "{topics}{/topic.1} when you spoke on {event.date}.\n"         \
	     "{#urgent}\n"                                                  \
	     "- Explain briefly why the timing matters.\n"                  \
	     "{/urgent}\n"                                                  \
	     "- Ask, lightly, how it is going, and whether you can send "   \
	     "anything that would help.\n",                                 \
	     "Thank you again for offering to help{#topic.1} with {topics}" \
	     "{/topic.1}. I wanted to check in gently and ask whether I can " \
	     "send you anything that would help. You can reach me at "      \
	     "{user.phone}. Thank you so much.")

/* --- application-check-in -------------------------------------------- */

#define APP_SUBJECT "Following up on my application - {role}"

#define APP_BODY                                                             \
	"I applied for the {role} position at {company} on {applied_date}, " \
	"and I am writing to make sure that my application reached you. "  \
	"Please let me know if I can provide anything else, such as "      \
	"references or work samples.\n"                                    \
	"\n"                                                                 \
	"I would also be glad to hear about the next steps in the process " \
	"and their timing. I remain very interested in the role and in the " \
	"work of your team.\n"                                             \
	"\n"                                                                 \
	"Thank you for your time and consideration.\n"

#define APP_CALL                                                             \
	CALL("- Introduce yourself: you applied for the {role} position on " \
	     "{applied_date}; if you applied by e-mail, give the subject "  \
	     "line of that e-mail.\n"                                       \
	     "- Ask whether your application arrived, and whether they "    \
	     "need anything else.\n"                                        \
	     "- Ask about the next steps and their timing.\n"               \
	     "- Say that you remain very interested in the role.\n",        \
	     "I applied for the {role} position on {applied_date}, and I "  \
	     "wanted to make sure that my application reached you and to "  \
	     "ask about the next steps. I remain very interested in the "   \
	     "role. You can reach me at {user.phone}. Thank you, and have " \
	     "a good day.")

/* --- interview-check-in ---------------------------------------------- */

#define IV_SUBJECT "Following up on my interview - {role}"

#define IV_BODY                                                              \
	"Thank you again for the interview on {interview_date}, about the " \
	"{role} position at {company}. {#expect_date}You mentioned that I " \
	"could expect to hear back by {expect_date}, so I wanted to ask "   \
	"politely whether there is any news, or whether the timeline has " \
	"changed.{/expect_date}{^expect_date}I wanted to ask politely "     \
	"whether a decision has been made, or whether there is an updated " \
	"timeline.{/expect_date}\n"                                        \
	"\n"                                                                 \
	"{#topic.1}Our conversation about {topic.1} confirmed my interest: " \
	"it is the kind of work I do well and want to do more of."         \
	"{/topic.1}{^topic.1}Our conversation confirmed my interest, and I " \
	"believe my experience matches what the team needs.{/topic.1} "    \
	"Please let me know if I can provide anything else.\n"             \
	"\n"                                                                 \
	"Thank you for your time, and I look forward to hearing from you.\n"

#define IV_CALL                                                              \
	CALL("- Thank them again for the interview on {interview_date}.\n" \
	     "- Ask politely whether a decision has been made, or whether " \
	     "the timeline has changed{#expect_date} (you were to hear "    \
	     "back by {expect_date}){/expect_date}.\n"                      \
	     "- Restate your interest, and how your experience fits what "  \
	     "the role needs{#topic.1} (you discussed {topic.1}){/topic.1}.\n" \
	     "- Ask whether they need anything else from you.\n",           \
	     "Thank you again for the interview on {interview_date}, about " \
	     "the {role} position. I wanted to ask whether there is any "   \
	     "news on your decision, or an updated timeline. I remain very " \
	     "interested in the role. You can reach me at {user.phone}. "   \
	     "Thank you, and have a good day.")

/* --- nudge: three wordings, in turn ---------------------------------- */

#define NUDGE1_SUBJECT "Checking in - {role}"
#define NUDGE1_BODY                                                          \
	"I hope you are well. I am following up on " STAGE_OUR ", for the " \
	"{role} position at {company}. Is there any news on your "         \
	"decision, or an updated timeline you could share?\n"              \
	"\n"                                                                 \
	"I remain very interested in the role and confident that I could " \
	"contribute to your team. Thank you for your time.\n"
#define NUDGE1_CALL                                                          \
	CALL("- Say who you are, and that you are following up on "        \
	     STAGE_YOUR ", for the {role} position.\n"                      \
	     "- Ask whether there is any news on the decision, or an "      \
	     "updated timeline.\n"                                          \
	     "- Restate your interest and what you would bring to the "     \
	     "team.\n",                                                     \
	     "I am following up on " STAGE_OUR ", for the {role} position. " \
	     "I wanted to ask whether there is any news, or an updated "    \
	     "timeline. I remain very interested. You can reach me at "     \
	     "{user.phone}. Thank you, and have a good day.")

#define NUDGE2_SUBJECT "Still very interested - {role}"
#define NUDGE2_BODY                                                          \
	"I wanted to check in once more about the {role} position at "     \
	"{company}. Since {#interview_date}our interview on "              \
	"{interview_date}{/interview_date}{^interview_date}I applied on "   \
	"{applied_date}{/interview_date}, my interest in the role has only " \
	"grown{#topic.1}, particularly after our conversation about "      \
	"{topic.1}{/topic.1}, and I believe my experience matches what the " \
	"team needs.\n"                                                     \
	"\n"                                                                 \
	"I would be grateful for a short update on where the process "     \
	"stands, and on whether I can provide anything more. Thank you "   \
	"again for your consideration.\n"
#define NUDGE2_CALL                                                          \
	CALL("- Mention " STAGE_YOUR ", and that your interest in the role " \
	     "has only grown{#topic.1} since you talked about {topic.1}"    \
	     "{/topic.1}.\n"                                                \
	     "- Ask for a short update on where the process stands.\n"      \
	     "- Offer to send anything more they need.\n",                  \
	     "I am calling to check in once more about the {role} "         \
	     "position{#interview_date}, for which I interviewed on "       \
	     "{interview_date}{/interview_date}. I am still very "          \
	     "interested, and I would be grateful for a short update when " \
	     "you have a moment. You can reach me at {user.phone}. Thank "  \
	     "you.")

#define NUDGE3_SUBJECT "Following up - {role}"
#define NUDGE3_STAGE                                                         \
	"{#interview_date}, for which I interviewed on {interview_date}"    \
	"{/interview_date}{^interview_date}, for which I applied on "      \
	"{applied_date}{/interview_date}"
#define NUDGE3_BODY                                                          \
	"I am following up on the {role} position at {company}"            \
	NUDGE3_STAGE ". I understand that hiring takes time, and I do not " \
	"want to take up much of yours: could you let me know whether the " \
	"position is still open, and if so, when you expect to decide?\n"  \
	"\n"                                                                 \
	"I would still very much welcome the chance to join your team. "   \
	"Thank you for your help.\n"
#define NUDGE3_CALL                                                          \
	CALL("- Acknowledge that hiring takes time, and keep the call "    \
	     "short.\n"                                                     \
	     "- Ask whether the {role} position is still open, and when "   \
	     "they expect to decide.\n"                                     \
	     "- Say that you would still welcome the chance to join the "   \
	     "team.\n",                                                     \
	     "I am calling about the {role} position" NUDGE3_STAGE ". I "   \
	     "know hiring takes time; could you let me know whether the "   \
	     "position is still open, and when you expect to decide? You "  \
	     "can reach me at {user.phone}. Thank you for your help.")

/* --- rejection-response ---------------------------------------------- */

#define REJ_SUBJECT "Thank you - {role}"

#define REJ_BODY                                                             \
	"Thank you for letting me know your decision about the {role} "    \
	"position at {company}. I appreciate the time you "                \
	"{#interview_date}and your colleagues gave me during the interview " \
	"process{/interview_date}{^interview_date}took to consider "        \
	"my application{/interview_date}.\n"                               \
	"\n"                                                                 \
	"I enjoyed learning about {company}, and I would be glad to be "   \
	"considered for future roles that match my experience. I hope we " \
	"can stay in touch.\n"                                             \
	"\n"                                                                 \
	"Thank you again for your consideration.\n"

#define REJ_CALL                                                             \
	CALL("- Thank them for letting you know, and for their time"       \
	     "{#interview_date} during the interview process"               \
	     "{/interview_date}.\n"                                          \
	     "- Ask to be kept in mind for future roles that match your "   \
	     "experience.\n"                                                \
	     "- If it feels right, ask whether they have any feedback for " \
	     "you.\n",                                                      \
	     "Thank you for letting me know your decision about the {role} " \
	     "position. I appreciated the chance to learn about {company}, " \
	     "and I would be glad to be considered for future roles. You "  \
	     "can reach me at {user.phone}. Thank you, and best wishes.")

/* --- withdraw-notice ------------------------------------------------- */

#define WD_SUBJECT "Withdrawing my application - {role}"

#define WD_BODY                                                              \
	"I am writing to withdraw my application for the {role} position " \
	"at {company}, as I have accepted another offer.\n"                \
	"\n"                                                                 \
	"Thank you for your time and consideration{#interview_date}, and " \
	"for the conversations we had during the process{/interview_date}. " \
	"I enjoyed learning about {company} and your team, and I hope our " \
	"paths cross again.\n"                                             \
	"\n"                                                                 \
	"I wish you every success in filling the role.\n"

#define WD_CALL                                                              \
	CALL("- Say that you have accepted another offer, and that you are " \
	     "withdrawing from the {role} position.\n"                      \
	     "- Thank them for their time and consideration.\n"             \
	     "- Say that you hope your paths cross again.\n",               \
	     "I am calling to let you know that I have accepted another "   \
	     "offer, so I am withdrawing my application for the {role} "    \
	     "position. Thank you very much for your time and "             \
	     "consideration. You can reach me at {user.phone} if you need " \
	     "anything. Best wishes.")

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
	"- Do not decide on the spot: thank them, and say when you will "  \
	"answer.\n"                                                         \
	"- When you have decided, record it (accepting lists the "         \
	"withdraw-notices you then owe):\n"                                \
	"    fu close {application.id} --outcome accepted\n"               \
	"    fu close {application.id} --outcome declined\n"

typedef struct builtin {
	const char *action;
	const char *channel; /* "email", "phone", "letter", "checklist" */
	const char *text;
} builtin;

/* Several entries for one action and channel are wordings taken in
 * turn by seq (nudges). */
static const builtin builtins[] = {
	{ "thank-you", "email", EMAIL(THANK_YOU_SUBJECT, THANK_YOU_BODY) },
	{ "thank-you", "letter", LETTER(THANK_YOU_BODY) },
	{ "thank-you", "phone", THANK_YOU_CALL },
	{ "acknowledge", "email", EMAIL(ACK_SUBJECT, ACK_BODY) },
	{ "acknowledge", "letter", LETTER(ACK_BODY) },
	{ "acknowledge", "phone", ACK_CALL },
	{ "connect", "email", EMAIL(CONNECT_SUBJECT, CONNECT_BODY) },
	{ "connect", "letter", LETTER(CONNECT_BODY) },
	{ "connect", "phone", CONNECT_CALL },
	{ "intro-thanks", "email", EMAIL(INTRO_THANKS_SUBJECT, INTRO_THANKS_BODY) },
	{ "intro-thanks", "letter", LETTER(INTRO_THANKS_BODY) },
	{ "intro-thanks", "phone", INTRO_THANKS_CALL },
	{ "intro-reach-out", "email", EMAIL(REACH_OUT_SUBJECT, REACH_OUT_BODY) },
	{ "intro-reach-out", "letter", LETTER(REACH_OUT_BODY) },
	{ "intro-reach-out", "phone", REACH_OUT_CALL },
	{ "help-reminder", "email", EMAIL(HELP_SUBJECT, HELP_BODY) },
	{ "help-reminder", "letter", LETTER(HELP_BODY) },
	{ "help-reminder", "phone", HELP_CALL },
	{ "application-check-in", "email", EMAIL(APP_SUBJECT, APP_BODY) },
	{ "application-check-in", "letter", LETTER(APP_BODY) },
	{ "application-check-in", "phone", APP_CALL },
	{ "interview-check-in", "email", EMAIL(IV_SUBJECT, IV_BODY) },
	{ "interview-check-in", "letter", LETTER(IV_BODY) },
	{ "interview-check-in", "phone", IV_CALL },
	{ "nudge", "email", EMAIL(NUDGE1_SUBJECT, NUDGE1_BODY) },
	{ "nudge", "email", EMAIL(NUDGE2_SUBJECT, NUDGE2_BODY) },
	{ "nudge", "email", EMAIL(NUDGE3_SUBJECT, NUDGE3_BODY) },
	{ "nudge", "letter", LETTER(NUDGE1_BODY) },
	{ "nudge", "letter", LETTER(NUDGE2_BODY) },
	{ "nudge", "letter", LETTER(NUDGE3_BODY) },
	{ "nudge", "phone", NUDGE1_CALL },
	{ "nudge", "phone", NUDGE2_CALL },
	{ "nudge", "phone", NUDGE3_CALL },
	{ "rejection-response", "email", EMAIL(REJ_SUBJECT, REJ_BODY) },
	{ "rejection-response", "letter", LETTER(REJ_BODY) },
	{ "rejection-response", "phone", REJ_CALL },
	{ "withdraw-notice", "email", EMAIL(WD_SUBJECT, WD_BODY) },
	{ "withdraw-notice", "letter", LETTER(WD_BODY) },
	{ "withdraw-notice", "phone", WD_CALL },
	{ "find-contact", "checklist", FIND_CONTACT_LIST },
	{ "closure", "checklist", CLOSURE_LIST },
	{ "offer-review", "checklist", OFFER_LIST },
};

/* --- small helpers ----------------------------------------------------- */

/* A value worth saying: not NULL, not blank. */
static int has(const char *s)
{
	return s && s[strspn(s, " \t\r\n")] != '\0';
}

static int oom(fu_db *db)
{
	return fu__error(db, FU_ERROR, "out of memory");
}

static const char *const wdays[7] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	"Saturday"
};
static const char *const months[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

static void local(struct tm *tm, int64_t t)
{
	time_t tt = (time_t)t;
	localtime_r(&tt, tm);
}

/* "Tuesday, November 10", and ", 2025" when the year is not now's. */
static void day_words(fu_buf *b, int64_t t, int64_t now)
{
	struct tm tm, tn;
	local(&tm, t);
	local(&tn, now);
	fu_buf_printf(b, "%s, %s %d", wdays[tm.tm_wday], months[tm.tm_mon],
		      tm.tm_mday);
	if (tm.tm_year != tn.tm_year)
		fu_buf_printf(b, ", %d", tm.tm_year + 1900);
}

/* "November 9, 2026", as a letter is dated. */
static void full_date(fu_buf *b, int64_t t)
{
	struct tm tm;
	local(&tm, t);
	fu_buf_printf(b, "%s %d, %d", months[tm.tm_mon], tm.tm_mday,
		      tm.tm_year + 1900);
}

/* The first or the last word of a name. */
static void name_word(fu_buf *b, const char *s, int last)
{
	s += strspn(s, " \t");
	size_t n = strcspn(s, " \t");
	if (last) {
		const char *p = s + strlen(s);
		while (p > s && (p[-1] == ' ' || p[-1] == '\t'))
			p--;
		const char *q = p;
		while (q > s && q[-1] != ' ' && q[-1] != '\t')
			q--;
		s = q;
		n = (size_t)(p - q);
	}
	fu_buf_add(b, s, n);
}

/* How to name a contact in a fu command: 'Dana Reyes', or its number
 * when the name holds a quote. */
static void contact_ref(fu_buf *b, const char *name, int64_t id)
{
	if (name && *name && !strchr(name, '\''))
		fu_buf_printf(b, "'%s'", name);
	else
		fu_buf_printf(b, "%lld", (long long)id);
}

/* The interaction an event was, as a noun for "the ... on <date>". */
static const char *event_noun(fu_event_kind k, fu_channel ch)
{
	int call = ch == FU_CH_PHONE, face = ch == FU_CH_IN_PERSON;
	switch (k) {
	case FU_EV_INTERVIEW: return call ? "phone interview" : "interview";
	case FU_EV_MEETING: return "meeting";
	case FU_EV_MET: return "conversation";
	case FU_EV_INTRO: return "introduction";
	case FU_EV_HELP_PROMISED: return "conversation";
	case FU_EV_REPLY:
	case FU_EV_REJECTION:
	case FU_EV_SENT:
		return call ? "call" : face ? "conversation" : "message";
	case FU_EV_TIMELINE:
		return call ? "call" : face ? "conversation" : "update";
	case FU_EV_APPLIED: return "application";
	case FU_EV_OFFER: return "offer";
	case FU_EV_CLOSED: return "decision";
	default: return NULL;
	}
}

static const char *channel_file(fu_channel ch)
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

int fu_draft_is_message(const char *action)
{
	if (!action)
		return -1;
	static const char *const lists[] = { "find-contact", "closure",
					     "offer-review" };
	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
		if (strcmp(action, lists[i]) == 0)
			return 0;
	for (size_t i = 0; fu_action_kinds[i]; i++)
		if (strcmp(action, fu_action_kinds[i]) == 0)
			return 1;
	return -1;
}

int fu_draft_limit(const char *action)
{
	/* RULES.md's limits; connect, intro-thanks, intro-reach-out and
	 * help-reminder have none there: fu's own, as "concise" asks. */
	static const struct { const char *action; int words; } limits[] = {
		{ "thank-you", 200 }, { "acknowledge", 60 },
		{ "application-check-in", 120 }, { "interview-check-in", 120 },
		{ "nudge", 120 }, { "rejection-response", 100 },
		{ "withdraw-notice", 100 }, { "connect", 120 },
		{ "intro-thanks", 100 }, { "intro-reach-out", 150 },
		{ "help-reminder", 100 },
	};
	for (size_t i = 0; action && i < sizeof limits / sizeof limits[0]; i++)
		if (strcmp(limits[i].action, action) == 0)
			return limits[i].words;
	return 0;
}

size_t fu_draft_words(const char *text)
{
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)(text ? text : "");
	while (*p) {
		while (*p && (*p == ' ' || *p == '\t' || *p == '\n' ||
			      *p == '\r'))
			p++;
		int word = 0;
		while (*p && !(*p == ' ' || *p == '\t' || *p == '\n' ||
			       *p == '\r')) {
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || *p >= 0x80)
				word = 1;
			p++;
		}
		n += (size_t)word;
	}
	return n;
}

/* --- placeholders ------------------------------------------------------ */

static const fu_draft_placeholder placeholders[] = {
	{ "contact.name", "the full name of the person written to" },
	{ "contact.first_name", "their first name (the first word of the name)" },
	{ "contact.last_name", "their last name (the last word of the name)" },
	{ "contact.title", "their title" },
	{ "contact.company", "their company" },
	{ "contact.email", "their e-mail address" },
	{ "contact.phone", "their phone number" },
	{ "contact.address", "their postal address" },
	{ "company", "the application's company" },
	{ "role", "the application's role" },
	{ "url", "the application's posting (fu add application --url)" },
	{ "application.id", "the application's number" },
	{ "applied_date", "the day you applied, as \"Monday, November 2\"" },
	{ "event.kind", "what raised the action, as a noun: interview, phone "
	  "interview, meeting, conversation, message, call, update, "
	  "introduction, offer" },
	{ "event.date", "the day it happened" },
	{ "topics", "the topics logged with it (fu log --topic), as \"a, b "
	  "and c\"; for check-ins and nudges, the interview's" },
	{ "topic.N", "the N-th of those topics: topic.1, topic.2, ..." },
	{ "interview_date", "the day of the latest interview" },
	{ "expect_date", "the day they said you would hear by (fu log "
	  "--expect); for a help-reminder, the day help was promised by" },
	{ "deadline_date", "an offer's deadline (fu log REF offer --until)" },
	{ "introducer.name", "who introduced you (intro-thanks: the person "
	  "written to)" },
	{ "introducer.first_name", "their first name" },
	{ "introduced.name", "whom you were introduced to (intro-reach-out: "
	  "the person written to)" },
	{ "introduced.first_name", "their first name" },
	{ "urgent", "\"urgent\" when the help was marked urgent, for "
	  "{#urgent}...{/urgent}" },
	{ "reason", "why the action is owed, as fu due says it" },
	{ "user.name", "your name (fu config user.name)" },
	{ "user.first_name", "your first name" },
	{ "user.email", "your e-mail address (fu config user.email)" },
	{ "user.phone", "your phone number (fu config user.phone)" },
	{ "signature", "your name, e-mail address and phone number, one a "
	  "line (all three must be set)" },
	{ "today", "today's date, as \"November 9, 2026\"" },
};

const fu_draft_placeholder *fu_draft_placeholders(size_t *n)
{
	*n = sizeof placeholders / sizeof placeholders[0];
	return placeholders;
}

/* "topic.N" with N from 1: the index in *k. */
static int topic_index(const char *name, size_t *k)
{
	if (strncmp(name, "topic.", 6) != 0)
		return 0;
	const char *p = name + 6;
	if (*p < '1' || *p > '9' || strspn(p, "0123456789") != strlen(p) ||
	    strlen(p) > 3)
		return 0;
	*k = (size_t)atoi(p) - 1;
	return 1;
}

#define SAY(s) return has(s) ? (fu_buf_puts(b, (s)), 1) : 0

/* Put the value of name into b: 1, 0 when it has none, -1 when no such
 * placeholder exists. */
static int value_of(fu_buf *b, const fu_draft_input *in, const char *name)
{
	size_t k;
	if (!strcmp(name, "contact.name"))
		SAY(in->contact_name);
	if (!strcmp(name, "contact.first_name") ||
	    !strcmp(name, "contact.last_name")) {
		if (!has(in->contact_name))
			return 0;
		name_word(b, in->contact_name, name[8] == 'l');
		return 1;
	}
	if (!strcmp(name, "contact.title"))
		SAY(in->contact_title);
	if (!strcmp(name, "contact.company"))
		SAY(in->contact_company);
	if (!strcmp(name, "contact.email"))
		SAY(in->contact_email);
	if (!strcmp(name, "contact.phone"))
		SAY(in->contact_phone);
	if (!strcmp(name, "contact.address"))
		SAY(in->contact_address);
	if (!strcmp(name, "company"))
		SAY(in->company);
	if (!strcmp(name, "role"))
		SAY(in->role);
	if (!strcmp(name, "url"))
		SAY(in->url);
	if (!strcmp(name, "application.id")) {
		if (!in->application_id)
			return 0;
		fu_buf_printf(b, "%lld", (long long)in->application_id);
		return 1;
	}
	if (!strcmp(name, "applied_date") || !strcmp(name, "event.date") ||
	    !strcmp(name, "interview_date") || !strcmp(name, "expect_date") ||
	    !strcmp(name, "deadline_date")) {
		int64_t t = name[0] == 'a' ? in->applied_at
			  : name[0] == 'e' && name[1] == 'v' ? in->event_at
			  : name[0] == 'i' ? in->interview_at
			  : name[0] == 'e' ? in->expect_at : in->deadline_at;
		if (!t)
			return 0;
		day_words(b, t, in->now);
		return 1;
	}
	if (!strcmp(name, "event.kind")) {
		const char *noun = event_noun(in->event_kind, in->event_channel);
		SAY(noun);
	}
	if (!strcmp(name, "topics")) {
		size_t shown = 0;
		for (size_t i = 0; i < in->ntopics; i++)
			if (has(in->topics[i]))
				shown++;
		if (!shown)
			return 0;
		size_t j = 0;
		for (size_t i = 0; i < in->ntopics; i++) {
			if (!has(in->topics[i]))
				continue;
			if (j)
				fu_buf_puts(b, j + 1 == shown ? " and " : ", ");
			fu_buf_puts(b, in->topics[i]);
			j++;
		}
		return 1;
	}
	if (topic_index(name, &k)) {
		const char *t = k < in->ntopics ? in->topics[k] : NULL;
		SAY(t);
	}
	if (!strcmp(name, "introducer.name"))
		SAY(in->introducer_name);
	if (!strcmp(name, "introduced.name"))
		SAY(in->introduced_name);
	if (!strcmp(name, "introducer.first_name") ||
	    !strcmp(name, "introduced.first_name")) {
		const char *s = name[9] == 'r' ? in->introducer_name
					       : in->introduced_name;
		if (!has(s))
			return 0;
		name_word(b, s, 0);
		return 1;
	}
	if (!strcmp(name, "urgent")) {
		if (!in->urgent)
			return 0;
		fu_buf_puts(b, "urgent");
		return 1;
	}
	if (!strcmp(name, "reason"))
		SAY(in->reason);
	if (!strcmp(name, "user.name"))
		SAY(in->user_name);
	if (!strcmp(name, "user.first_name")) {
		if (!has(in->user_name))
			return 0;
		name_word(b, in->user_name, 0);
		return 1;
	}
	if (!strcmp(name, "user.email"))
		SAY(in->user_email);
	if (!strcmp(name, "user.phone"))
		SAY(in->user_phone);
	if (!strcmp(name, "signature")) {
		if (!has(in->user_name) || !has(in->user_email) ||
		    !has(in->user_phone))
			return 0;
		fu_buf_printf(b, "%s\n%s\n%s", in->user_name, in->user_email,
			      in->user_phone);
		return 1;
	}
	if (!strcmp(name, "today")) {
		full_date(b, in->now);
		return 1;
	}
	return -1;
}

/* Why name has no value, and how to give it one. */
static void why_missing(fu_buf *b, const fu_draft_input *in,
			const char *name)
{
	const char *action = in->action ? in->action : "draft";
	size_t k;
	if (!strncmp(name, "contact.", 8)) {
		if (!has(in->contact_name)) {
			fu_buf_puts(b, "nobody is known to write to (name them "
				    "with --to CONTACT)");
			return;
		}
		static const struct { const char *field, *what, *opt; } f[] = {
			{ "title", "title", "--title TITLE" },
			{ "company", "company", "--company COMPANY" },
			{ "email", "e-mail address", "--email ADDRESS" },
			{ "phone", "phone number", "--phone NUMBER" },
			{ "address", "postal address", "--address ADDRESS" },
		};
		for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
			if (!strcmp(name + 8, f[i].field)) {
				fu_buf_printf(b, "%s has no %s (fu edit ",
					      in->contact_name, f[i].what);
				contact_ref(b, in->contact_name, in->contact_id);
				fu_buf_printf(b, " %s)", f[i].opt);
				return;
			}
	}
	if (!strcmp(name, "company") || !strcmp(name, "role") ||
	    !strcmp(name, "application.id") ||
	    ((!strcmp(name, "url") || !strcmp(name, "applied_date")) &&
	     !in->application_id)) {
		fu_buf_printf(b, "this %s is not about an application", action);
		return;
	}
	if (!strcmp(name, "url")) {
		fu_buf_printf(b, "the application has no posting address (fu "
			      "edit %lld --url URL)",
			      (long long)in->application_id);
		return;
	}
	if (!strcmp(name, "applied_date")) {
		fu_buf_printf(b, "no application date was logged (fu edit %lld "
			      "--applied DATE)", (long long)in->application_id);
		return;
	}
	if (!strncmp(name, "event.", 6)) {
		fu_buf_printf(b, "no event raised this %s", action);
		return;
	}
	if (!strcmp(name, "topics") || topic_index(name, &k)) {
		const char *what = event_noun(in->event_kind, in->event_channel);
		if (!in->ntopics)
			fu_buf_printf(b, "no topics were logged with the %s "
				      "(fu log --topic TEXT)", what ? what : "event");
		else
			fu_buf_printf(b, "only %zu topic%s logged", in->ntopics,
				      in->ntopics == 1 ? " was" : "s were");
		fu_buf_printf(b, "; make it optional with {#%s}...{/%s}", name,
			      name);
		return;
	}
	if (!strcmp(name, "interview_date")) {
		fu_buf_puts(b, "no interview was logged");
		return;
	}
	if (!strcmp(name, "expect_date")) {
		fu_buf_puts(b, "no date to hear back by was logged (fu log "
			    "--expect DATE); make it optional with "
			    "{#expect_date}...{/expect_date}");
		return;
	}
	if (!strcmp(name, "deadline_date")) {
		fu_buf_puts(b, "no deadline was logged with the offer (fu log "
			    "REF offer --until DATE)");
		return;
	}
	if (!strncmp(name, "introducer.", 11) ||
	    !strncmp(name, "introduced.", 11)) {
		fu_buf_printf(b, "this %s names no %s", action,
			      name[9] == 'r' ? "introducer"
					     : "person introduced");
		return;
	}
	if (!strcmp(name, "urgent")) {
		fu_buf_puts(b, "the help was not marked urgent; use "
			    "{#urgent}...{/urgent}");
		return;
	}
	fu_buf_printf(b, "fu knows no %s for this %s", name, action);
}

/* The message for a signature or user.* value that is not set. */
static const char *unset_user_key(const fu_draft_input *in, const char *name)
{
	static const char *const name_msg =
		"set your name first: fu config user.name 'Your Name'";
	static const char *const email_msg =
		"set your e-mail address first: fu config user.email "
		"you@example.org";
	static const char *const phone_msg =
		"set your phone number first: fu config user.phone 'NUMBER'";
	if (!strcmp(name, "user.name") || !strcmp(name, "user.first_name"))
		return name_msg;
	if (!strcmp(name, "user.email"))
		return email_msg;
	if (!strcmp(name, "user.phone"))
		return phone_msg;
	if (!strcmp(name, "signature"))
		return !has(in->user_name) ? name_msg
		     : !has(in->user_email) ? email_msg : phone_msg;
	return NULL;
}

/* --- rendering --------------------------------------------------------- */

typedef struct rctx {
	fu_db *db;
	const fu_draft_input *in;
	const char *source; /* the user's template path, or NULL: built-in */
	const char *t;
	size_t pos;
	fu_buf out;
	size_t sigwords;
} rctx;

static int line_of(const char *t, size_t pos)
{
	int line = 1;
	for (size_t i = 0; i < pos && t[i]; i++)
		line += t[i] == '\n';
	return line;
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int tfail(rctx *r, size_t at, const char *fmt, ...)
{
	fu_buf b = FU_BUF_INIT;
	va_list ap;
	if (r->source)
		fu_buf_printf(&b, "template %s, line %d: ", r->source,
			      line_of(r->t, at));
	else
		fu_buf_printf(&b, "the built-in %s.%s template, line %d: ",
			      r->in->action, channel_file(r->in->channel),
			      line_of(r->t, at));
	va_start(ap, fmt);
	fu_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	int rc = b.failed ? oom(r->db) : fu__error(r->db, FU_EINVALID, "%s",
						    b.data);
	fu_buf_free(&b);
	return rc;
}

static int fail_missing(rctx *r, size_t at, const char *name)
{
	const char *user = unset_user_key(r->in, name);
	if (user)
		return fu__error(r->db, FU_EINVALID, "%s", user);
	fu_buf b = FU_BUF_INIT;
	why_missing(&b, r->in, name);
	int rc = r->source
		? tfail(r, at, "{%s} has no value: %s", name, b.data)
		: fu__error(r->db, FU_EINVALID, "{%s} has no value: %s", name,
			    b.data);
	fu_buf_free(&b);
	return rc;
}

/* Drop the blanks written since the last line end. */
static void trim_line(fu_buf *b)
{
	while (b->len && (b->data[b->len - 1] == ' ' ||
			  b->data[b->len - 1] == '\t'))
		b->len--;
	if (b->cap)
		b->data[b->len] = '\0';
}

/* At '{' (not "{{"): read the tag, its kind ('#', '^', '/' or 0) and
 * name; step past it, and past the rest of its line when a section tag
 * stands alone there. */
static int read_tag(rctx *r, char *kind, char *name, size_t len)
{
	const char *t = r->t;
	size_t start = r->pos;
	const char *p = t + start + 1;
	size_t n = strcspn(p, "}\n");
	if (p[n] != '}')
		return tfail(r, start, "'{' without '}' (write '{{' for a "
			     "literal brace)");
	*kind = (*p == '#' || *p == '^' || *p == '/') ? *p : 0;
	const char *nm = p + (*kind ? 1 : 0);
	size_t nl = n - (*kind ? 1 : 0);
	if (nl == 0 || nl >= len)
		return tfail(r, start, "'{%.*s}' is not a placeholder (write "
			     "'{{' for a literal brace)", (int)(n > 60 ? 60 : n),
			     p);
	memcpy(name, nm, nl);
	name[nl] = '\0';
	r->pos = start + 1 + n + 1;
	if (!*kind)
		return FU_OK;
	size_t b = start;
	while (b > 0 && (t[b - 1] == ' ' || t[b - 1] == '\t'))
		b--;
	if (b > 0 && t[b - 1] != '\n')
		return FU_OK;
	size_t e = r->pos;
	while (t[e] == ' ' || t[e] == '\t')
		e++;
	if (t[e] != '\n' && t[e] != '\0')
		return FU_OK;
	trim_line(&r->out);
	r->pos = t[e] ? e + 1 : e;
	return FU_OK;
}

/* Render until {/close} (or the end when close is NULL); write only
 * when emit. Unknown names are errors even where nothing is written. */
static int block(rctx *r, const char *close, size_t open_at, int emit,
		 int depth)
{
	const char *t = r->t;
	while (t[r->pos]) {
		char ch = t[r->pos];
		if (ch == '{' && t[r->pos + 1] == '{') {
			if (emit)
				fu_buf_putc(&r->out, '{');
			r->pos += 2;
			continue;
		}
		if (ch != '{') {
			if (emit)
				fu_buf_putc(&r->out, ch);
			r->pos++;
			continue;
		}
		size_t at = r->pos;
		char kind = 0, name[64];
		int rc = read_tag(r, &kind, name, sizeof name);
		if (rc)
			return rc;
		if (kind == '/') {
			if (close && strcmp(close, name) == 0)
				return FU_OK;
			if (close)
				return tfail(r, at, "'{/%s}' where '{/%s}' "
					     "was expected", name, close);
			return tfail(r, at, "'{/%s}' closes no section", name);
		}
		fu_buf v = FU_BUF_INIT;
		int got = value_of(&v, r->in, name);
		if (got < 0) {
			fu_buf_free(&v);
			return tfail(r, at, "unknown placeholder '{%s}' (see "
				     "fu-draft(1) for the list)", name);
		}
		if (kind) {
			fu_buf_free(&v);
			if (depth >= 16)
				return tfail(r, at, "sections nested too deep");
			rc = block(r, name, at,
				   emit && (kind == '#' ? got : !got),
				   depth + 1);
			if (rc)
				return rc;
			continue;
		}
		if (emit && !got) {
			fu_buf_free(&v);
			return fail_missing(r, at, name);
		}
		if (emit) {
			fu_buf_add(&r->out, v.data, v.len);
			if (strcmp(name, "signature") == 0)
				r->sigwords += fu_draft_words(v.data);
		}
		fu_buf_free(&v);
	}
	if (close)
		return tfail(r, open_at, "'{%s}' is never closed (end it with "
			     "'{/%s}')", close, close);
	return FU_OK;
}

/* Lines without trailing blanks, no blank lines at the start, at most
 * one blank line in a row, one newline at the end. */
static char *tidy(const char *s)
{
	fu_buf b = FU_BUF_INIT;
	int blanks = 0, started = 0;
	while (*s) {
		size_t n = strcspn(s, "\n");
		size_t m = n;
		while (m && (s[m - 1] == ' ' || s[m - 1] == '\t' ||
			     s[m - 1] == '\r'))
			m--;
		if (m == 0) {
			blanks++;
		} else {
			if (started && blanks)
				fu_buf_putc(&b, '\n');
			fu_buf_add(&b, s, m);
			fu_buf_putc(&b, '\n');
			started = 1;
			blanks = 0;
		}
		s += n + (s[n] == '\n');
	}
	if (b.failed) {
		fu_buf_free(&b);
		return NULL;
	}
	return fu_buf_detach(&b);
}

const char *fu_draft_builtin(const fu_draft_input *in)
{
	const char *ch = channel_file(in->channel);
	size_t count = 0, first = 0;
	if (!in->action || !ch)
		return "";
	for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
		if (!strcmp(builtins[i].action, in->action) &&
		    !strcmp(builtins[i].channel, ch)) {
			if (!count)
				first = i;
			count++;
		}
	if (!count)
		return "";
	size_t pick = in->seq > 0 ? (size_t)(in->seq - 1) % count : 0;
	return builtins[first + pick].text;
}

void fu_draft_free(fu_draft *d)
{
	if (!d)
		return;
	free(d->subject);
	free(d->body);
	free(d->source);
	for (size_t i = 0; i < d->nwarnings; i++)
		free(d->warnings[i]);
	free(d->warnings);
	free(d);
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int warn(fu_draft *d, const char *fmt, ...)
{
	fu_buf b = FU_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	fu_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	char **w = realloc(d->warnings, (d->nwarnings + 1) * sizeof *w);
	char *s = fu_buf_detach(&b);
	if (!w || !s || b.failed) {
		if (w)
			d->warnings = w;
		free(s);
		return FU_ERROR;
	}
	d->warnings = w;
	w[d->nwarnings++] = s;
	return FU_OK;
}

/* What a contact lacks for a channel, with the way out. */
static void no_means(fu_buf *b, const fu_draft_input *in, const char *what,
		     const char *opt, const char *others)
{
	fu_buf_printf(b, "%s has no %s: fu edit ", in->contact_name, what);
	contact_ref(b, in->contact_name, in->contact_id);
	fu_buf_printf(b, " %s", opt);
	if (others && *others)
		fu_buf_printf(b, ", or --channel %s", others);
}

/* The letter's head: the date, then the contact's name, title, company
 * and postal address. */
static int letter_head(fu_buf *b, fu_db *db, const fu_draft_input *in)
{
	if (!has(in->contact_name))
		return fu__error(db, FU_EINVALID, "a letter needs someone to "
				 "write to: name them with --to CONTACT");
	if (!has(in->contact_address)) {
		fu_buf m = FU_BUF_INIT;
		no_means(&m, in, "postal address", "--address ADDRESS", NULL);
		int rc = fu__error(db, FU_EINVALID, "%s", m.data);
		fu_buf_free(&m);
		return rc;
	}
	full_date(b, in->now);
	fu_buf_printf(b, "\n\n%s\n", in->contact_name);
	if (has(in->contact_title))
		fu_buf_printf(b, "%s\n", in->contact_title);
	const char *org = has(in->contact_company) ? in->contact_company
						   : in->company;
	if (has(org))
		fu_buf_printf(b, "%s\n", org);
	char *addr = tidy(in->contact_address);
	if (!addr)
		return oom(db);
	fu_buf_puts(b, addr); /* tidy() ends it with a newline */
	free(addr);
	return FU_OK;
}

int fu_draft_render(fu_draft **out, fu_db *db, const fu_draft_input *in,
		    const char *template_text, const char *source)
{
	*out = NULL;
	int msg = fu_draft_is_message(in->action);
	if (msg < 0)
		return fu__error(db, FU_EINVALID, "unknown action '%s'",
				 in->action ? in->action : "");
	if (msg && in->channel != FU_CH_EMAIL && in->channel != FU_CH_PHONE &&
	    in->channel != FU_CH_LETTER && in->channel != FU_CH_SOCIAL)
		return fu__error(db, FU_EINVALID, "a %s is written by email, "
				 "phone or letter", in->action);
	if (!msg && in->channel != FU_CH_NONE)
		return fu__error(db, FU_EINVALID, "%s is a checklist, not a "
				 "message: it has no channel", in->action);
	rctx r = { db, in, source, template_text ? template_text
				   : fu_draft_builtin(in), 0, FU_BUF_INIT, 0 };
	int rc = block(&r, NULL, 0, 1, 0);
	if (!rc && r.out.failed)
		rc = oom(db);
	char *text = rc ? NULL : tidy(r.out.data);
	fu_buf_free(&r.out);
	if (rc)
		return rc;
	const char *name = source ? source : "the built-in template";
	fu_draft *d = calloc(1, sizeof *d);
	fu_buf head = FU_BUF_INIT;
	if (!text || !d) {
		rc = oom(db);
		goto done;
	}
	const char *body = text;
	if (in->channel == FU_CH_EMAIL || in->channel == FU_CH_SOCIAL) {
		if (strncasecmp(text, "Subject:", 8) != 0) {
			rc = fu__error(db, FU_EINVALID, "%s: an e-mail template "
				       "starts with a 'Subject: ...' line", name);
			goto done;
		}
		const char *s = text + 8;
		s += strspn(s, " \t");
		size_t n = strcspn(s, "\n");
		if (n == 0) {
			rc = fu__error(db, FU_EINVALID, "%s: the Subject line "
				       "is empty", name);
			goto done;
		}
		if (in->channel == FU_CH_EMAIL &&
		    !(d->subject = strndup(s, n))) {
			rc = oom(db);
			goto done;
		}
		body = s + n;
		body += strspn(body, "\n");
	}
	if (!*body) {
		rc = fu__error(db, FU_EINVALID, "%s: the message is empty", name);
		goto done;
	}
	if (in->channel == FU_CH_LETTER) {
		if ((rc = letter_head(&head, db, in)))
			goto done;
		d->excluded += fu_draft_words(head.data);
		fu_buf_putc(&head, '\n');
	}
	fu_buf_puts(&head, body);
	d->excluded += r.sigwords;
	d->source = strdup(source ? source : "built-in");
	if (head.failed || !d->source || !(d->body = fu_buf_detach(&head))) {
		rc = oom(db);
		goto done;
	}
done:
	fu_buf_free(&head);
	free(text);
	if (rc)
		fu_draft_free(d);
	else
		*out = d;
	return rc;
}

/* Valid UTF-8 with no control characters but newlines and tabs (and
 * carriage returns, dropped later). */
static int is_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t n = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2
			 : (*p & 0xf0) == 0xe0 ? 3 : (*p & 0xf8) == 0xf0 ? 4 : 0;
		if (!n || (n == 2 && *p < 0xc2))
			return 0;
		for (size_t i = 1; i < n; i++)
			if ((p[i] & 0xc0) != 0x80)
				return 0;
		if (n == 1 && (*p < 0x20 || *p == 0x7f) && *p != '\n' &&
		    *p != '\t' && *p != '\r')
			return 0;
		if (n == 2 && p[0] == 0xc2 && p[1] < 0xa0)
			return 0;
		p += n;
	}
	return 1;
}

int fu_draft_set_text(fu_draft *d, fu_db *db, const fu_draft_input *in,
		      const char *text)
{
	if (!is_text(text))
		return fu__error(db, FU_EINVALID, "the edited draft is not "
				 "UTF-8 text");
	char *t = tidy(text);
	if (!t)
		return oom(db);
	const char *body = t;
	char *subject = NULL;
	if (in->channel == FU_CH_EMAIL && strncasecmp(t, "Subject:", 8) == 0) {
		const char *s = t + 8;
		s += strspn(s, " \t");
		size_t n = strcspn(s, "\n");
		if (n && !(subject = strndup(s, n))) {
			free(t);
			return oom(db);
		}
		body = s + n;
		body += strspn(body, "\n");
	}
	if (!*body) {
		free(t);
		free(subject);
		return fu__error(db, FU_EINVALID, "the draft is empty after "
				 "editing: nothing done");
	}
	char *b = strdup(body);
	free(t);
	if (!b) {
		free(subject);
		return oom(db);
	}
	free(d->body);
	d->body = b;
	if (subject) {
		free(d->subject);
		d->subject = subject;
	}
	return FU_OK;
}

char *fu_draft_text(const fu_draft *d)
{
	fu_buf b = FU_BUF_INIT;
	if (d->subject)
		fu_buf_printf(&b, "Subject: %s\n\n", d->subject);
	fu_buf_puts(&b, d->body ? d->body : "");
	if (b.failed) {
		fu_buf_free(&b);
		return NULL;
	}
	return fu_buf_detach(&b);
}

/* --- the user's templates ----------------------------------------------- */

/* $XDG_CONFIG_HOME/fu/<name>, else ~/.config/fu/<name>; 0 or -1. */
static int config_path(fu_buf *b, const char *name)
{
	const char *x = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	if (x && x[0] == '/')
		fu_buf_printf(b, "%s/fu/%s", x, name);
	else if (home && *home)
		fu_buf_printf(b, "%s/.config/fu/%s", home, name);
	else
		return -1;
	return b->failed ? -1 : 0;
}

/* Read a template file: FU_ENOTFOUND when it does not exist. */
static int read_template(char **out, fu_db *db, const char *path)
{
	*out = NULL;
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (errno == ENOENT || errno == ENOTDIR)
			return FU_ENOTFOUND;
		return fu__error(db, FU_EINVALID, "cannot read template %s: %s",
				 path, strerror(errno));
	}
	fu_buf b = FU_BUF_INIT;
	char chunk[4096];
	size_t n;
	int rc = FU_OK;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (memchr(chunk, '\0', n)) {
			rc = fu__error(db, FU_EINVALID, "template %s is not "
				       "text", path);
			break;
		}
		fu_buf_add(&b, chunk, n);
		if (b.len > 65536) {
			rc = fu__error(db, FU_EINVALID, "template %s is too "
				       "long (more than 64 KiB)", path);
			break;
		}
	}
	if (!rc && ferror(f))
		rc = fu__error(db, FU_EINVALID, "cannot read template %s: %s",
			       path, strerror(errno));
	fclose(f);
	if (!rc && b.failed)
		rc = oom(db);
	if (!rc && !is_text(b.data))
		rc = fu__error(db, FU_EINVALID, "template %s is not UTF-8 "
			       "text", path);
	if (rc) {
		fu_buf_free(&b);
		return rc;
	}
	*out = fu_buf_detach(&b);
	return *out ? FU_OK : oom(db);
}

int fu_draft_template_find(char **text, char **path, fu_db *db,
			   const fu_draft_input *in, const char *dir)
{
	*text = NULL;
	*path = NULL;
	const char *ch = channel_file(in->channel);
	if (!in->action || !ch)
		return FU_ENOTFOUND;
	fu_buf base = FU_BUF_INIT;
	if (dir)
		fu_buf_puts(&base, dir);
	else if (config_path(&base, "templates")) {
		fu_buf_free(&base);
		return FU_ENOTFOUND;
	}
	int rc = FU_ENOTFOUND;
	for (int pass = 0; pass < 2 && rc == FU_ENOTFOUND; pass++) {
		fu_buf p = FU_BUF_INIT;
		if (pass == 0 && !(strcmp(in->action, "nudge") == 0 &&
				   in->seq > 0)) {
			continue;
		}
		if (pass == 0)
			fu_buf_printf(&p, "%s/%s.%d.%s", base.data, in->action,
				      in->seq, ch);
		else
			fu_buf_printf(&p, "%s/%s.%s", base.data, in->action, ch);
		if (p.failed) {
			fu_buf_free(&p);
			rc = oom(db);
			break;
		}
		rc = read_template(text, db, p.data);
		if (rc == FU_OK)
			*path = fu_buf_detach(&p);
		fu_buf_free(&p);
		if (rc == FU_OK && !*path) {
			free(*text);
			*text = NULL;
			rc = oom(db);
		}
	}
	fu_buf_free(&base);
	return rc;
}

/* --- checks ------------------------------------------------------------- */

int fu_draft_check(fu_draft *d, fu_db *db, const fu_draft_input *in,
		   const char *dictionary, const char *words)
{
	if (in->channel == FU_CH_NONE)
		return FU_OK; /* a checklist is fu's own text, not a message */
	int limit = fu_draft_limit(in->action);
	if (limit && in->channel != FU_CH_PHONE && in->channel != FU_CH_NONE) {
		size_t n = fu_draft_words(d->body);
		n = n > d->excluded ? n - d->excluded : 0;
		if (n > (size_t)limit &&
		    warn(d, "the %s is %zu words long; keep it under about %d",
			 in->action, n, limit))
			return oom(db);
	}
	const char *ignore[] = {
		in->contact_name, in->contact_title, in->contact_company,
		in->contact_email, in->contact_address, in->company, in->role,
		in->url, in->introducer_name, in->introduced_name,
		in->user_name, in->user_email,
	};
	const char *keep[sizeof ignore / sizeof ignore[0]];
	size_t nkeep = 0;
	for (size_t i = 0; i < sizeof ignore / sizeof ignore[0]; i++)
		if (ignore[i])
			keep[nkeep++] = ignore[i];
	fu_buf text = FU_BUF_INIT, wpath = FU_BUF_INIT;
	if (d->subject)
		fu_buf_printf(&text, "%s\n", d->subject);
	fu_buf_puts(&text, d->body ? d->body : "");
	if (!words && config_path(&wpath, "words") == 0)
		words = wpath.data;
	fu_spell_word *list = NULL;
	size_t n = 0;
	int rc = text.failed ? oom(db)
		: fu_spell_check(&list, &n, db, text.data, keep, nkeep,
				 dictionary, words);
	if (rc == FU_ENOTFOUND) {
		rc = warn(d, "%s", fu_errmsg(db)) ? oom(db) : FU_OK;
	} else if (rc == FU_OK) {
		for (size_t i = 0; i < n && !rc; i++) {
			fu_buf s = FU_BUF_INIT;
			for (size_t j = 0; j < list[i].nsuggestions; j++)
				fu_buf_printf(&s, "%s%s", j ? ", " : " (",
					      list[i].suggestions[j]);
			if (list[i].nsuggestions)
				fu_buf_putc(&s, ')');
			if (s.failed || warn(d, "'%s' may be misspelled%s",
					     list[i].word, s.data))
				rc = oom(db);
			fu_buf_free(&s);
		}
	}
	fu_spell_free(list, n);
	fu_buf_free(&text);
	fu_buf_free(&wpath);
	return rc;
}

/* --- gathering from the database --------------------------------------- */

typedef struct owned {
	fu_application *app;
	fu_contact *to, *introducer, *introduced;
	fu_event *trigger;
	fu_event *events;
	size_t nevents;
	char *user_name, *user_email, *user_phone;
	char *reason;
} owned;

void fu_draft_input_free(fu_draft_input *in)
{
	if (!in)
		return;
	owned *o = in->owned;
	if (o) {
		fu_application_free(o->app);
		fu_contact_free(o->to);
		fu_contact_free(o->introducer);
		fu_contact_free(o->introduced);
		fu_event_free(o->trigger);
		fu_event_list_free(o->events, o->nevents);
		free(o->user_name);
		free(o->user_email);
		free(o->user_phone);
		free(o->reason);
		free(o);
	}
	free(in);
}

static int matches(const fu_action_row *r, const char *action)
{
	return !action || strcmp(r->a.kind, action) == 0 ||
	       strcmp(r->a.key, action) == 0;
}

/* "thank-you to Dana Reyes, application-check-in to Sam Lee" */
static void owed_list(fu_buf *b, const fu_action_row *rows, size_t n)
{
	for (size_t i = 0; i < n && i < 6; i++) {
		fu_buf_printf(b, "%s%s", i ? ", " : "", rows[i].a.kind);
		if (rows[i].contact_name)
			fu_buf_printf(b, " to %s", rows[i].contact_name);
	}
	if (n > 6)
		fu_buf_printf(b, " and %zu more", n - 6);
}

/* Nothing fits the request: say what is owed instead. */
static int not_owed(fu_db *db, const fu_draft_request *req,
		    const fu_application *app, const char *what,
		    const char *to_name, const fu_action_row *rows, size_t n)
{
	fu_buf b = FU_BUF_INIT;
	if (app && app->outcome != FU_OUT_NONE) {
		fu_buf_printf(&b, "%s is closed (%s): ", what,
			      fu_outcome_name(app->outcome));
		if (n) {
			fu_buf_puts(&b, "it owes only its ");
			owed_list(&b, rows, n);
		} else {
			fu_buf_puts(&b, "nothing more to send");
		}
	} else if (!n) {
		fu_buf_printf(&b, "nothing is owed %s %s (fu due --all shows "
			      "what is)", app ? "on" : "to", what);
	} else {
		if (req->action)
			fu_buf_printf(&b, "no %s is owed", req->action);
		else
			fu_buf_puts(&b, "nothing is owed");
		if (to_name)
			fu_buf_printf(&b, " to %s", to_name);
		if (app || !to_name)
			fu_buf_printf(&b, " %s %s", app ? "on" : "to", what);
		fu_buf_puts(&b, "; owed: ");
		owed_list(&b, rows, n);
	}
	int rc = b.failed ? oom(db) : fu__error(db, FU_ENOTFOUND, "%s", b.data);
	fu_buf_free(&b);
	return rc;
}

/* The channels a contact can also be reached by, as "letter|phone". */
static void other_channels(fu_buf *b, const fu_contact *c, int calls_ok,
			   fu_channel not)
{
	const char *sep = "";
	if (not != FU_CH_EMAIL && has(c->email)) {
		fu_buf_printf(b, "%semail", sep);
		sep = "|";
	}
	if (not != FU_CH_LETTER && has(c->address)) {
		fu_buf_printf(b, "%sletter", sep);
		sep = "|";
	}
	if (not != FU_CH_PHONE && has(c->phone) && calls_ok)
		fu_buf_printf(b, "%sphone", sep);
}

/* Whether the message can go by in->channel to c. */
static int check_channel(fu_db *db, const fu_draft_input *in,
			 const fu_application *app, const fu_contact *c)
{
	int calls_ok = !(app && app->no_calls) && !c->no_calls;
	fu_buf b = FU_BUF_INIT, others = FU_BUF_INIT;
	other_channels(&others, c, calls_ok, in->channel);
	switch (in->channel) {
	case FU_CH_EMAIL:
		if (!has(c->email))
			no_means(&b, in, "e-mail address", "--email ADDRESS",
				 others.data);
		break;
	case FU_CH_LETTER:
		if (!has(c->address))
			no_means(&b, in, "postal address", "--address ADDRESS",
				 others.data);
		break;
	case FU_CH_PHONE:
		if (app && app->no_calls)
			fu_buf_printf(&b, "the %s application at %s excludes "
				      "calls: use --channel %s", app->role,
				      app->company, has(c->address)
				      ? "email or letter" : "email");
		else if (c->no_calls)
			fu_buf_printf(&b, "%s takes no calls: use --channel %s",
				      c->name, has(c->address)
				      ? "email or letter" : "email");
		else if (!has(c->phone))
			no_means(&b, in, "phone number", "--phone NUMBER",
				 others.data);
		break;
	default:
		break;
	}
	int rc = b.failed || others.failed ? oom(db)
		: b.len ? fu__error(db, FU_EINVALID, "%s", b.data) : FU_OK;
	fu_buf_free(&b);
	fu_buf_free(&others);
	return rc;
}

static int config_value(char **out, fu_db *db, const char *key)
{
	int rc = fu_config_get(out, db, key);
	return rc == FU_ENOTFOUND ? FU_OK : rc;
}

static int is_kind(const char *kind, const char *a, const char *b)
{
	return !strcmp(kind, a) || (b && !strcmp(kind, b));
}

/* Fill in from what the events say: the trigger, the latest interview,
 * the date they promised word by, topics, the people of an intro. */
static int from_events(fu_draft_input *in, owned *o, fu_db *db,
		       const fu_action_row *r, int64_t who)
{
	int rc;
	const char *kind = in->action;
	if (r->a.trigger_event_id &&
	    (rc = fu_event_get(&o->trigger, db, r->a.trigger_event_id)) &&
	    rc != FU_ENOTFOUND)
		return rc;
	if (in->application_id || in->subject_contact_id) {
		rc = fu_event_list(&o->events, &o->nevents, db,
				   in->application_id,
				   in->application_id ? 0 : in->subject_contact_id);
		if (rc)
			return rc;
	}
	const fu_event *iv = NULL, *said = NULL;
	for (size_t i = 0; i < o->nevents; i++) {
		const fu_event *e = &o->events[i];
		if (e->at > in->now)
			continue;
		if (e->kind == FU_EV_INTERVIEW)
			iv = e;
		if (e->expect_at && (e->kind == FU_EV_INTERVIEW ||
				     e->kind == FU_EV_MEETING ||
				     e->kind == FU_EV_REPLY ||
				     e->kind == FU_EV_TIMELINE))
			said = e;
	}
	const fu_event *t = o->trigger;
	if (iv)
		in->interview_at = iv->at;
	if (t) {
		in->event_kind = t->kind;
		in->event_channel = t->channel;
		in->event_at = t->at;
		in->topics = (const char *const *)t->topics;
		in->ntopics = t->ntopics;
		in->urgent = t->urgent;
		if (t->kind == FU_EV_OFFER)
			in->deadline_at = t->until_at;
		if (t->kind == FU_EV_HELP_PROMISED)
			in->expect_at = t->expect_at ? t->expect_at : t->until_at;
		else if (t->expect_at)
			in->expect_at = t->expect_at;
	}
	int stage = is_kind(kind, "interview-check-in", "nudge") ||
		    is_kind(kind, "application-check-in", NULL);
	if (stage && !in->expect_at && said)
		in->expect_at = said->expect_at;
	/* a check-in or nudge after an interview recalls what was said in
	 * it when its own trigger has no topics */
	if (!in->ntopics && iv && (stage || is_kind(kind, "rejection-response",
						   "withdraw-notice"))) {
		in->topics = (const char *const *)iv->topics;
		in->ntopics = iv->ntopics;
	}
	if (t && t->kind == FU_EV_INTRO) {
		int64_t by = 0, to = 0;
		if (is_kind(kind, "intro-thanks", NULL)) {
			by = who;
			for (size_t i = 0; i < t->nwith && !to; i++)
				if (t->with[i] != who)
					to = t->with[i];
		} else if (is_kind(kind, "intro-reach-out", NULL)) {
			by = t->contact_id != who ? t->contact_id : 0;
			to = who;
		}
		if (by && (rc = fu_contact_get(&o->introducer, db, by)) &&
		    rc != FU_ENOTFOUND)
			return rc;
		if (to && (rc = fu_contact_get(&o->introduced, db, to)) &&
		    rc != FU_ENOTFOUND)
			return rc;
		in->introducer_name = o->introducer ? o->introducer->name : NULL;
		in->introduced_name = o->introduced ? o->introduced->name : NULL;
	}
	return FU_OK;
}

int fu_draft_gather(fu_draft_input **out, fu_db *db,
		    const fu_draft_request *req)
{
	*out = NULL;
	fu_action_row *rows = NULL;
	size_t n = 0;
	fu_contact *ref_contact = NULL, *to_contact = NULL;
	fu_buf what = FU_BUF_INIT;
	int rc = FU_OK;
	if (req->action && !strchr(req->action, ':') &&
	    fu_draft_is_message(req->action) < 0) {
		fu_buf b = FU_BUF_INIT;
		for (size_t i = 0; fu_action_kinds[i]; i++)
			fu_buf_printf(&b, "%s%s", i ? ", " : "",
				      fu_action_kinds[i]);
		rc = fu__error(db, FU_EINVALID, "unknown action '%s': use %s",
			       req->action, b.data);
		fu_buf_free(&b);
		return rc;
	}
	if (req->channel != FU_CH_NONE && req->channel != FU_CH_EMAIL &&
	    req->channel != FU_CH_PHONE && req->channel != FU_CH_LETTER)
		return fu__error(db, FU_EINVALID, "fu draft writes for email, "
				 "phone or letter, not %s",
				 fu_channel_name(req->channel));
	fu_draft_input *in = calloc(1, sizeof *in);
	owned *o = calloc(1, sizeof *o);
	if (!in || !o) {
		free(in);
		free(o);
		return oom(db);
	}
	in->owned = o;
	in->now = fu_db_now(db);

	/* what REF is, in words, for the messages */
	if (req->application_id) {
		if ((rc = fu_application_get(&o->app, db, req->application_id)))
			goto done;
		fu_buf_printf(&what, "%s, %s", o->app->company, o->app->role);
	} else if (req->contact_id) {
		if ((rc = fu_contact_get(&ref_contact, db, req->contact_id)))
			goto done;
		fu_buf_puts(&what, ref_contact->name);
	} else {
		rc = fu__error(db, FU_EINVALID, "no application or contact "
			       "to draft for");
		goto done;
	}
	if (req->to && (rc = fu_contact_get(&to_contact, db, req->to)))
		goto done;

	fu_action_filter f = { 0 };
	f.application_id = req->application_id;
	f.contact_id = req->application_id ? 0 : req->contact_id;
	if ((rc = fu_action_list(&rows, &n, db, &f)))
		goto done;
	long best = -1, nobody = -1;
	for (size_t i = 0; i < n && best < 0; i++) {
		const fu_action_row *r = &rows[i];
		if (!matches(r, req->action))
			continue;
		if (!req->to)
			best = (long)i;
		else if (r->a.contact_id == req->to)
			best = (long)i;
		else if (!r->a.contact_id && nobody < 0 &&
			 fu_draft_is_message(r->a.kind) == 1)
			nobody = (long)i;
	}
	if (best < 0)
		best = nobody;
	if (best < 0) {
		rc = not_owed(db, req, o->app, what.data,
			      to_contact ? to_contact->name : NULL, rows, n);
		goto done;
	}
	const fu_action_row *r = &rows[best];
	int msg = fu_draft_is_message(r->a.kind) == 1;
	in->action = r->a.kind; /* static: fu_action_kinds */
	in->seq = r->a.seq;
	snprintf(in->key, sizeof in->key, "%s", r->a.key);
	in->application_id = r->a.application_id;
	in->subject_contact_id = r->subject_contact_id;
	if (!(o->reason = strdup(r->a.reason))) {
		rc = oom(db);
		goto done;
	}
	in->reason = o->reason;
	int64_t who = r->a.contact_id ? r->a.contact_id : msg ? req->to : 0;
	if (!msg && req->channel) {
		rc = fu__error(db, FU_EINVALID, "%s is not a message but a "
			       "checklist: --channel does not apply",
			       in->action);
		goto done;
	}
	if (msg && !who) {
		rc = fu__error(db, FU_EINVALID, "nobody is known to send the "
			       "%s to: name them with --to CONTACT%s",
			       in->action, strcmp(in->action, "withdraw-notice")
			       ? "" : ", or withdraw through the posting or "
			       "portal");
		goto done;
	}
	if (in->application_id && (!o->app || o->app->id != in->application_id)) {
		fu_application_free(o->app);
		o->app = NULL;
		if ((rc = fu_application_get(&o->app, db, in->application_id)))
			goto done;
	}
	if (in->application_id) {
		in->company = o->app->company;
		in->role = o->app->role;
		in->url = o->app->url;
		in->applied_at = o->app->applied_at;
	}
	if (who) {
		if ((rc = fu_contact_get(&o->to, db, who)))
			goto done;
		in->contact_id = who;
		in->contact_name = o->to->name;
		in->contact_title = o->to->title;
		in->contact_company = o->to->company;
		in->contact_email = o->to->email;
		in->contact_phone = o->to->phone;
		in->contact_address = o->to->address;
	}
	if (msg) {
		fu_channel ch = req->channel ? req->channel : r->a.channel;
		if (ch == FU_CH_NONE || ch == FU_CH_IN_PERSON) {
			ch = o->to->prefers;
			if (ch != FU_CH_PHONE && ch != FU_CH_LETTER)
				ch = FU_CH_EMAIL;
		}
		in->channel = ch;
		if ((rc = check_channel(db, in, in->application_id ? o->app
					: NULL, o->to)))
			goto done;
	}
	if ((rc = from_events(in, o, db, r, who)))
		goto done;
	if ((rc = config_value(&o->user_name, db, "user.name")) ||
	    (rc = config_value(&o->user_email, db, "user.email")) ||
	    (rc = config_value(&o->user_phone, db, "user.phone")))
		goto done;
	in->user_name = o->user_name;
	in->user_email = o->user_email;
	in->user_phone = o->user_phone;
done:
	fu_action_list_free(rows, n);
	fu_contact_free(ref_contact);
	fu_contact_free(to_contact);
	if (!rc && what.failed)
		rc = oom(db);
	fu_buf_free(&what);
	if (rc)
		fu_draft_input_free(in);
	else
		*out = in;
	return rc;
}

int fu_draft_mark_sent(fu_db *db, const fu_draft_input *in,
		       int64_t *event_id)
{
	if (fu_draft_is_message(in->action) != 1 || !in->contact_id)
		return fu__error(db, FU_EINVALID, "%s is not a message: "
				 "nothing to mark as sent",
				 in->action ? in->action : "this");
	fu_event e = { 0 };
	int64_t with = in->contact_id;
	e.kind = FU_EV_SENT;
	e.at = in->now;
	e.application_id = in->application_id;
	e.contact_id = in->application_id ? 0 : in->subject_contact_id;
	e.channel = in->channel;
	e.action = (char *)in->action;
	e.with = &with;
	e.nwith = 1;
	int rc = fu_event_add(db, &e);
	if (!rc && event_id)
		*event_id = e.id;
	return rc;
}

/* --- e-mail files ------------------------------------------------------- */

static int ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* One header line's worth of user text: no line breaks or controls. */
static char *header_text(const char *s)
{
	char *t = strdup(s ? s : "");
	if (!t)
		return NULL;
	for (char *p = t; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return t;
}

static void base64(fu_buf *b, const unsigned char *s, size_t n)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		fu_buf_putc(b, a[(v >> 18) & 63]);
		fu_buf_putc(b, a[(v >> 12) & 63]);
		fu_buf_putc(b, i + 1 < n ? a[(v >> 6) & 63] : '=');
		fu_buf_putc(b, i + 2 < n ? a[v & 63] : '=');
	}
}

/* RFC 2047 encoded-words of at most 75 characters, split between
 * characters, folded onto continuation lines. */
static void encoded_words(fu_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	int first = 1;
	while (n) {
		size_t k = n < 45 ? n : 45;
		while (k < n && k > 0 && (p[k] & 0xc0) == 0x80)
			k--;
		if (k == 0) /* not UTF-8: split anywhere, never loop */
			k = n < 45 ? n : 45;
		if (!first)
			fu_buf_puts(b, "\r\n ");
		fu_buf_puts(b, "=?UTF-8?B?");
		base64(b, p, k);
		fu_buf_puts(b, "?=");
		p += k;
		n -= k;
		first = 0;
	}
}

/* A display name: as it is, quoted, or encoded. */
static void phrase(fu_buf *b, const char *name)
{
	if (!ascii(name)) {
		encoded_words(b, name);
		return;
	}
	if (strpbrk(name, "()<>[]:;@\\,.\"") == NULL) {
		fu_buf_puts(b, name);
		return;
	}
	fu_buf_putc(b, '"');
	for (const char *p = name; *p; p++) {
		if (*p == '"' || *p == '\\')
			fu_buf_putc(b, '\\');
		fu_buf_putc(b, *p);
	}
	fu_buf_putc(b, '"');
}

static void mailbox(fu_buf *b, const char *field, const char *name,
		    const char *addr)
{
	fu_buf_printf(b, "%s: ", field);
	char *n = has(name) ? header_text(name) : NULL;
	if (n) {
		phrase(b, n);
		fu_buf_putc(b, ' ');
	}
	free(n);
	fu_buf_printf(b, "<%s>\r\n", addr);
}

/* Subject: folded at spaces (ASCII), or encoded. */
static void subject_line(fu_buf *b, const char *subject)
{
	fu_buf_puts(b, "Subject: ");
	if (!ascii(subject)) {
		encoded_words(b, subject);
		fu_buf_puts(b, "\r\n");
		return;
	}
	size_t col = 9;
	const char *p = subject;
	int first = 1;
	while (*p) {
		size_t sp = strspn(p, " ");
		size_t w = strcspn(p + sp, " ");
		if (!first && col + sp + w > 78) {
			fu_buf_puts(b, "\r\n ");
			col = 1;
			p += sp;
			sp = 0;
		}
		fu_buf_add(b, p, sp + w);
		col += sp + w;
		p += sp + w;
		first = 0;
	}
	fu_buf_puts(b, "\r\n");
}

/* RFC 5322: "Mon, 09 Nov 2026 09:00:00 +0100" */
static void date_line(fu_buf *b, int64_t t)
{
	static const char *const d[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
					  "Fri", "Sat" };
	static const char *const m[] = { "Jan", "Feb", "Mar", "Apr", "May",
					  "Jun", "Jul", "Aug", "Sep", "Oct",
					  "Nov", "Dec" };
	struct tm tm;
	local(&tm, t);
	long off = tm.tm_gmtoff / 60;
	char sign = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	fu_buf_printf(b, "Date: %s, %02d %s %04d %02d:%02d:%02d %c%02ld%02ld\r\n",
		      d[tm.tm_wday], tm.tm_mday, m[tm.tm_mon],
		      tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec,
		      sign, off / 60, off % 60);
}

static int long_lines(const char *s)
{
	while (*s) {
		size_t n = strcspn(s, "\n");
		if (n > 78)
			return 1;
		s += n + (s[n] == '\n');
	}
	return 0;
}

static void body_lines(fu_buf *b, const char *body, int qp)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *s = body;
	while (*s) {
		size_t n = strcspn(s, "\n");
		size_t col = 0;
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)s[i];
			if (c == '\r')
				continue;
			if (!qp) {
				fu_buf_putc(b, (char)c);
				continue;
			}
			int enc = c == '=' || c > 126 || (c < 32 && c != '\t') ||
				  ((c == ' ' || c == '\t') && i + 1 == n);
			size_t w = enc ? 3 : 1;
			if (col + w > 75) {
				fu_buf_puts(b, "=\r\n");
				col = 0;
			}
			if (enc) {
				fu_buf_putc(b, '=');
				fu_buf_putc(b, hex[c >> 4]);
				fu_buf_putc(b, hex[c & 15]);
			} else {
				fu_buf_putc(b, (char)c);
			}
			col += w;
		}
		fu_buf_puts(b, "\r\n");
		s += n + (s[n] == '\n');
	}
}

int fu_draft_eml(fu_buf *out, fu_db *db, const fu_draft *d,
		 const fu_draft_input *in)
{
	if (in->channel != FU_CH_EMAIL || !d->subject)
		return fu__error(db, FU_EINVALID, "only an e-mail draft can be "
				 "written as .eml; this one is %s",
				 in->channel == FU_CH_NONE ? "a checklist"
				 : in->channel == FU_CH_LETTER ? "a letter"
				 : in->channel == FU_CH_PHONE ? "a call"
				 : "a social message");
	if (!has(in->contact_email))
		return fu__error(db, FU_EINVALID, "%s has no e-mail address",
				 has(in->contact_name) ? in->contact_name
						       : "the contact");
	if (!has(in->user_email))
		return fu__error(db, FU_EINVALID, "set your e-mail address "
				 "first: fu config user.email you@example.org");
	char *subject = header_text(d->subject);
	if (!subject)
		return oom(db);
	int qp = long_lines(d->body);
	mailbox(out, "From", in->user_name, in->user_email);
	mailbox(out, "To", in->contact_name, in->contact_email);
	subject_line(out, subject);
	date_line(out, in->now);
	fu_buf_puts(out, "MIME-Version: 1.0\r\n"
		    "Content-Type: text/plain; charset=UTF-8\r\n");
	fu_buf_printf(out, "Content-Transfer-Encoding: %s\r\n",
		      qp ? "quoted-printable" : "8bit");
	fu_buf_puts(out, "X-Unsent: 1\r\n\r\n");
	body_lines(out, d->body, qp);
	free(subject);
	return out->failed ? oom(db) : FU_OK;
}

int fu_draft_write_eml(fu_db *db, const fu_draft *d,
		       const fu_draft_input *in, const char *path)
{
	fu_buf b = FU_BUF_INIT;
	int rc = fu_draft_eml(&b, db, d, in);
	if (rc) {
		fu_buf_free(&b);
		return rc;
	}
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		rc = fu__error(db, FU_ERROR, "cannot write %s: %s", path,
			       strerror(errno));
		fu_buf_free(&b);
		return rc;
	}
	int err = fchmod(fd, 0600) ? errno : 0;
	size_t done = 0;
	while (!err && done < b.len) {
		ssize_t w = write(fd, b.data + done, b.len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			err = errno;
		else
			done += (size_t)w;
	}
	if (close(fd) && !err)
		err = errno;
	fu_buf_free(&b);
	if (err)
		return fu__error(db, FU_ERROR, "cannot write %s: %s", path,
				 strerror(err));
	return FU_OK;
}
